#include "checkpoint_reader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "error.h"
#include "file_util.h"

namespace lwinnn {
namespace fs = std::filesystem;
namespace {

using Bytes = std::span<const std::byte>;

[[noreturn]] void refuse(const fs::path& file, const std::string& reason) { throw FormatError(file, reason); }

std::string inQuotes(const std::string& s) { return "'" + s + "'"; }

template <typename T>
T littleEndian(const std::byte* p) {
    std::uint64_t v = 0;
    for (int i = sizeof(T) - 1; i >= 0; --i) v = v << 8 | std::to_integer<std::uint64_t>(p[i]);
    return static_cast<T>(v);
}

constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}();

std::uint32_t crc32(Bytes bytes) {
    std::uint32_t c = 0xffffffffu;
    for (const auto b : bytes) c = kCrcTable[(c ^ std::to_integer<std::uint32_t>(b)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

std::uint64_t checkedMul(std::uint64_t a, std::uint64_t b, const fs::path& file) {
    std::uint64_t r;
    if (__builtin_mul_overflow(a, b, &r)) refuse(file, "a tensor or storage size overflows 64 bits");
    return r;
}

std::uint64_t checkedAdd(std::uint64_t a, std::uint64_t b, const fs::path& file) {
    std::uint64_t r;
    if (__builtin_add_overflow(a, b, &r)) refuse(file, "a tensor or storage size overflows 64 bits");
    return r;
}

// ---------------------------------------------------------------------------------------------------------
// The zip container: only what torch.save writes (stored entries, optional ZIP64 records, no encryption).

struct ZipEntry {
    std::uint64_t localHeader = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
    std::uint32_t crc = 0;
    std::uint16_t method = 0;
    std::uint16_t flags = 0;
};

class ZipArchive {
  public:
    ZipArchive(const fs::path& file, Bytes bytes);
    const std::map<std::string, ZipEntry>& entries() const { return m_entries; }
    // The bytes of a stored entry whose CRC-32 matches the central directory.
    Bytes read(const std::string& name) const;

  private:
    // Refuses unless [offset, offset + length) lies inside [0, limit).
    void need(std::uint64_t offset, std::uint64_t length, std::uint64_t limit, const std::string& what) const;
    void readCentralDirectory(std::uint64_t offset, std::uint64_t size, std::uint64_t count);

    const fs::path& m_file;
    const std::byte* m_data;
    std::uint64_t m_size;
    std::uint64_t m_centralDirectory = 0;  // entries' data must end before it
    std::map<std::string, ZipEntry> m_entries;
};

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndRecord = 0x06054b50;
constexpr std::uint32_t kZip64EndRecord = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;

std::string notAZipReason(const std::byte* data, std::uint64_t size) {
    std::string reason = "not a PyTorch zip checkpoint (torch.save format); ";
    const auto first = size ? std::to_integer<unsigned>(data[0]) : 0u;
    if (size >= 4 && littleEndian<std::uint32_t>(data) == kLocalHeader)
        return "truncated: it starts like a zip file but its end-of-central-directory record is missing";
    if (first == 0x80)
        return reason +
               "it looks like a legacy pickle checkpoint (PyTorch before 1.6), which this reader refuses; "
               "re-save it with torch.save from a recent PyTorch";
    if (first == '{' || first == '[') return reason + "it looks like a JSON file";
    return reason + "it has no zip end-of-central-directory record";
}

ZipArchive::ZipArchive(const fs::path& file, Bytes bytes)
    : m_file(file), m_data(bytes.data()), m_size(bytes.size()) {
    // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
    std::uint64_t end = m_size;
    if (m_size >= 22) {
        const std::uint64_t lowest = m_size > 22 + 65535 ? m_size - 22 - 65535 : 0;
        for (std::uint64_t pos = m_size - 22;; --pos) {
            if (littleEndian<std::uint32_t>(m_data + pos) == kEndRecord &&
                pos + 22 + littleEndian<std::uint16_t>(m_data + pos + 20) == m_size) {
                end = pos;
                break;
            }
            if (pos == lowest) break;
        }
    }
    if (end == m_size) refuse(file, notAZipReason(m_data, m_size));

    const auto* record = m_data + end;
    std::uint64_t disk = littleEndian<std::uint16_t>(record + 4);
    std::uint64_t directoryDisk = littleEndian<std::uint16_t>(record + 6);
    std::uint64_t count = littleEndian<std::uint16_t>(record + 10);
    std::uint64_t directorySize = littleEndian<std::uint32_t>(record + 12);
    std::uint64_t directoryOffset = littleEndian<std::uint32_t>(record + 16);
    if (count == 0xffff || directorySize == 0xffffffff || directoryOffset == 0xffffffff) {
        if (end < 20 || littleEndian<std::uint32_t>(record - 20) != kZip64Locator)
            refuse(file, "damaged zip: the end record points to a ZIP64 record that is missing");
        const auto zip64 = littleEndian<std::uint64_t>(record - 20 + 8);
        need(zip64, 56, end - 20, "the ZIP64 end record");
        const auto* z = m_data + zip64;
        if (littleEndian<std::uint32_t>(z) != kZip64EndRecord)
            refuse(file, "damaged zip: bad ZIP64 end record");
        disk = littleEndian<std::uint32_t>(z + 16);
        directoryDisk = littleEndian<std::uint32_t>(z + 20);
        count = littleEndian<std::uint64_t>(z + 32);
        directorySize = littleEndian<std::uint64_t>(z + 40);
        directoryOffset = littleEndian<std::uint64_t>(z + 48);
        end = zip64;
    }
    if (disk != 0 || directoryDisk != 0) refuse(file, "a split (multi-part) zip archive is not a checkpoint");
    need(directoryOffset, directorySize, end, "the zip central directory");
    m_centralDirectory = directoryOffset;
    readCentralDirectory(directoryOffset, directorySize, count);
}

void ZipArchive::need(std::uint64_t offset, std::uint64_t length, std::uint64_t limit,
                      const std::string& what) const {
    if (offset > limit || length > limit - offset)
        refuse(m_file, "truncated or damaged: " + what + " (bytes " + std::to_string(offset) + " to " +
                           std::to_string(offset + length) + ") runs past byte " + std::to_string(limit));
}

void ZipArchive::readCentralDirectory(std::uint64_t offset, std::uint64_t size, std::uint64_t count) {
    const auto limit = offset + size;
    auto pos = offset;
    for (std::uint64_t i = 0; i < count; ++i) {
        need(pos, 46, limit, "a central directory entry");
        const auto* h = m_data + pos;
        if (littleEndian<std::uint32_t>(h) != kCentralHeader)
            refuse(m_file,
                   "damaged zip: bad signature in the central directory at byte " + std::to_string(pos));
        ZipEntry entry;
        entry.flags = littleEndian<std::uint16_t>(h + 8);
        entry.method = littleEndian<std::uint16_t>(h + 10);
        entry.crc = littleEndian<std::uint32_t>(h + 16);
        entry.compressedSize = littleEndian<std::uint32_t>(h + 20);
        entry.size = littleEndian<std::uint32_t>(h + 24);
        const std::uint64_t nameLength = littleEndian<std::uint16_t>(h + 28);
        const std::uint64_t extraLength = littleEndian<std::uint16_t>(h + 30);
        const std::uint64_t commentLength = littleEndian<std::uint16_t>(h + 32);
        entry.localHeader = littleEndian<std::uint32_t>(h + 42);
        need(pos + 46, nameLength + extraLength + commentLength, limit, "a central directory entry");
        std::string name(reinterpret_cast<const char*>(h + 46), nameLength);

        // ZIP64 extra field: 64-bit values, in this order, for exactly the fields saturated above.
        bool sizeWide = entry.size == 0xffffffff;
        bool compressedWide = entry.compressedSize == 0xffffffff;
        bool offsetWide = entry.localHeader == 0xffffffff;
        const auto* extra = h + 46 + nameLength;
        for (std::uint64_t e = 0; e + 4 <= extraLength;) {
            const auto id = littleEndian<std::uint16_t>(extra + e);
            const std::uint64_t length = littleEndian<std::uint16_t>(extra + e + 2);
            if (e + 4 + length > extraLength)
                refuse(m_file, "damaged zip: bad extra field of " + inQuotes(name));
            if (id == 0x0001) {
                const auto* v = extra + e + 4;
                const auto* vEnd = v + length;
                for (auto [wide, field] :
                     {std::pair{&sizeWide, &entry.size}, std::pair{&compressedWide, &entry.compressedSize},
                      std::pair{&offsetWide, &entry.localHeader}}) {
                    if (!*wide) continue;
                    if (vEnd - v < 8) refuse(m_file, "damaged zip: short ZIP64 field of " + inQuotes(name));
                    *field = littleEndian<std::uint64_t>(v);
                    v += 8;
                    *wide = false;
                }
            }
            e += 4 + length;
        }
        if (sizeWide || compressedWide || offsetWide)
            refuse(m_file, "damaged zip: " + inQuotes(name) + " lacks its ZIP64 sizes");
        if (!m_entries.emplace(name, entry).second)
            refuse(m_file, "damaged zip: the entry " + inQuotes(name) + " appears twice");
        pos += 46 + nameLength + extraLength + commentLength;
    }
    if (pos != limit)
        refuse(m_file, "damaged zip: the central directory holds more than its entry count says");
}

Bytes ZipArchive::read(const std::string& name) const {
    const auto it = m_entries.find(name);
    if (it == m_entries.end()) refuse(m_file, "the zip has no entry " + inQuotes(name));
    const auto& e = it->second;
    if (e.flags & 1) refuse(m_file, "the zip entry " + inQuotes(name) + " is encrypted");
    if (e.method != 0 || e.compressedSize != e.size)
        refuse(m_file,
               "the zip entry " + inQuotes(name) + " is compressed (method " + std::to_string(e.method) +
                   "); torch.save stores entries uncompressed, so this file was re-packed by another tool");
    need(e.localHeader, 30, m_centralDirectory, "the local header of " + inQuotes(name));
    const auto* h = m_data + e.localHeader;
    const std::uint64_t nameLength = littleEndian<std::uint16_t>(h + 26);
    const std::uint64_t extraLength = littleEndian<std::uint16_t>(h + 28);
    need(e.localHeader + 30, nameLength + extraLength, m_centralDirectory,
         "the local header of " + inQuotes(name));
    if (littleEndian<std::uint32_t>(h) != kLocalHeader || nameLength != name.size() ||
        std::memcmp(h + 30, name.data(), nameLength) != 0)
        refuse(m_file,
               "damaged zip: the local header of " + inQuotes(name) + " does not match the directory");
    const auto dataOffset = e.localHeader + 30 + nameLength + extraLength;
    need(dataOffset, e.size, m_centralDirectory, "the data of " + inQuotes(name));
    const Bytes bytes(m_data + dataOffset, e.size);
    if (crc32(bytes) != e.crc) refuse(m_file, "damaged: the CRC-32 of " + inQuotes(name) + " does not match");
    return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// The pickle subset of a state_dict. Values live in an arena and refer to each other by pointer, so shared
// and even cyclic references (the memo allows both) cost nothing and destruction never recurses.

enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };
enum class Callable { OrderedDict, RebuildTensor, RebuildParameter, StorageType };

struct TensorView {
    DType dtype = DType::F32;
    Bytes storage;
    std::uint64_t offset = 0;  // in elements
    std::vector<std::int64_t> size;
    std::vector<std::int64_t> stride;
};

struct Value {
    Kind kind = Kind::None;
    std::int64_t integer = 0;                           // Int, Bool
    std::string text;                                   // String; Global: "module.name"; Storage: its key
    std::vector<Value*> items;                          // Tuple, List
    std::vector<std::pair<Value*, Value*>> entries;     // Dict, in insertion order
    std::unordered_map<std::string, std::size_t> keys;  // Dict: string key -> index in entries
    Callable callable = Callable::OrderedDict;          // Global
    DType dtype = DType::F32;                           // Global (storage type), Storage
    Bytes bytes;                                        // Storage
    TensorView tensor;                                  // Tensor
};

struct StorageType {
    const char* name;
    DType dtype;
};
constexpr StorageType kStorageTypes[] = {
    {"FloatStorage", DType::F32},     {"DoubleStorage", DType::F64}, {"HalfStorage", DType::F16},
    {"BFloat16Storage", DType::BF16}, {"LongStorage", DType::I64},   {"IntStorage", DType::I32},
    {"ShortStorage", DType::I16},     {"CharStorage", DType::I8},    {"ByteStorage", DType::U8},
    {"BoolStorage", DType::Bool},
};

class Unpickler {
  public:
    using StorageLoader = std::function<Bytes(const std::string& key)>;
    Unpickler(const fs::path& file, Bytes pickle, StorageLoader loadStorage, std::uint64_t maxTensorBytes)
        : m_file(file),
          m_pickle(pickle),
          m_loadStorage(std::move(loadStorage)),
          m_maxTensorBytes(maxTensorBytes) {}

    TensorMap stateDict();

  private:
    [[noreturn]] void fail(const std::string& reason) const {
        refuse(m_file, "data.pkl, byte " + std::to_string(m_opcodeAt) + ": " + reason);
    }
    const std::byte* take(std::uint64_t n);
    template <typename T>
    T takeInteger() {
        return littleEndian<T>(take(sizeof(T)));
    }
    std::string takeLine();
    std::string takeString(std::uint64_t length) {
        const auto* p = take(length);
        return std::string(reinterpret_cast<const char*>(p), length);
    }

    Value* make(Kind kind) {
        m_arena.emplace_back();
        m_arena.back().kind = kind;
        return &m_arena.back();
    }
    Value* makeInt(std::int64_t v) {
        auto* value = make(Kind::Int);
        value->integer = v;
        return value;
    }
    void push(Value* v) { m_stack.push_back(v); }
    Value* pop();
    Value* peek();
    Value* top(Kind kind, const char* what);
    std::vector<Value*> popMark();
    void setItem(Value* dict, Value* key, Value* value);

    Value* global(const std::string& module, const std::string& name);
    Value* reduce(Value* callable, Value* args);
    Value* rebuildTensor(const std::vector<Value*>& args);
    Value* persistentLoad(Value* pid);
    HostTensor materialize(const TensorView& view);

    const fs::path& m_file;
    Bytes m_pickle;
    StorageLoader m_loadStorage;
    std::uint64_t m_maxTensorBytes;
    std::uint64_t m_pos = 0;
    std::uint64_t m_opcodeAt = 0;
    std::deque<Value> m_arena;
    std::vector<Value*> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, Value*> m_memo;
    std::map<std::string, Value*> m_storages;
};

const std::byte* Unpickler::take(std::uint64_t n) {
    if (n > m_pickle.size() - m_pos)
        fail("truncated: the opcode needs " + std::to_string(n) + " more bytes but only " +
             std::to_string(m_pickle.size() - m_pos) + " remain");
    const auto* p = m_pickle.data() + m_pos;
    m_pos += n;
    return p;
}

std::string Unpickler::takeLine() {
    const auto* begin = m_pickle.data() + m_pos;
    const auto* end = m_pickle.data() + m_pickle.size();
    const auto* newline = std::find(begin, end, std::byte{'\n'});
    if (newline == end) fail("truncated: a GLOBAL name has no end of line");
    m_pos += static_cast<std::uint64_t>(newline - begin) + 1;
    return std::string(reinterpret_cast<const char*>(begin), static_cast<std::size_t>(newline - begin));
}

Value* Unpickler::pop() {
    // A MARK starts a fresh stack in Python's unpickler: what lies below it is out of reach.
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back())) fail("the pickle stack underflows");
    auto* v = m_stack.back();
    m_stack.pop_back();
    return v;
}

Value* Unpickler::peek() {
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back())) fail("the pickle stack underflows");
    return m_stack.back();
}

Value* Unpickler::top(Kind kind, const char* what) {
    if (peek()->kind != kind) fail(std::string("expected ") + what + " on the pickle stack");
    return m_stack.back();
}

std::vector<Value*> Unpickler::popMark() {
    if (m_marks.empty()) fail("unbalanced MARK: an opcode closes a MARK that was never opened");
    std::vector<Value*> items(m_stack.begin() + static_cast<std::ptrdiff_t>(m_marks.back()), m_stack.end());
    m_stack.resize(m_marks.back());
    m_marks.pop_back();
    return items;
}

void Unpickler::setItem(Value* dict, Value* key, Value* value) {
    if (key->kind == Kind::String) {
        const auto [it, added] = dict->keys.emplace(key->text, dict->entries.size());
        if (!added) {
            dict->entries[it->second].second = value;
            return;
        }
    }
    dict->entries.emplace_back(key, value);
}

Value* Unpickler::global(const std::string& module, const std::string& name) {
    auto* g = make(Kind::Global);
    g->text = module + "." + name;
    if (module == "collections" && name == "OrderedDict") {
        g->callable = Callable::OrderedDict;
        return g;
    }
    if (module == "torch._utils" && (name == "_rebuild_tensor_v2" || name == "_rebuild_parameter")) {
        g->callable = name == "_rebuild_parameter" ? Callable::RebuildParameter : Callable::RebuildTensor;
        return g;
    }
    if (module == "torch")
        for (const auto& s : kStorageTypes)
            if (name == s.name) {
                g->callable = Callable::StorageType;
                g->dtype = s.dtype;
                return g;
            }
    refuse(m_file, "refused: the pickle in data.pkl names the global " + inQuotes(g->text) +
                       ", which a checkpoint never needs (only a state_dict of tensors is read)");
}

Value* Unpickler::reduce(Value* callable, Value* args) {
    if (callable->kind != Kind::Global) fail("REDUCE calls something that is not a whitelisted global");
    if (args->kind != Kind::Tuple) fail("REDUCE arguments are not a tuple");
    const auto& a = args->items;
    switch (callable->callable) {
        case Callable::OrderedDict:
            if (!a.empty()) fail("collections.OrderedDict is called with arguments");
            return make(Kind::Dict);
        case Callable::RebuildTensor:
            return rebuildTensor(a);
        case Callable::RebuildParameter:
            // (data, requires_grad, backward_hooks): the parameter is its data.
            if (a.size() != 3 || a[0]->kind != Kind::Tensor || a[1]->kind != Kind::Bool ||
                a[2]->kind != Kind::Dict)
                fail("torch._utils._rebuild_parameter has unexpected arguments");
            return a[0];
        case Callable::StorageType:
            break;
    }
    fail(inQuotes(callable->text) + " is called outside a persistent storage id");
}

// _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]);
// the view is checked against its storage now and copied out only for the keys of the final dict.
Value* Unpickler::rebuildTensor(const std::vector<Value*>& a) {
    const auto isIntTuple = [](const Value* v) {
        return v->kind == Kind::Tuple && std::all_of(v->items.begin(), v->items.end(),
                                                     [](const Value* i) { return i->kind == Kind::Int; });
    };
    if ((a.size() != 6 && a.size() != 7) || a[0]->kind != Kind::Storage || a[1]->kind != Kind::Int ||
        !isIntTuple(a[2]) || !isIntTuple(a[3]) || a[4]->kind != Kind::Bool || a[5]->kind != Kind::Dict ||
        (a.size() == 7 && a[6]->kind != Kind::Dict && a[6]->kind != Kind::None))
        fail("torch._utils._rebuild_tensor_v2 has unexpected arguments");
    if (a[2]->items.size() != a[3]->items.size()) fail("a tensor's size and stride differ in length");

    const auto* storage = a[0];
    auto* t = make(Kind::Tensor);
    auto& view = t->tensor;
    view.dtype = storage->dtype;
    view.storage = storage->bytes;
    if (a[1]->integer < 0) fail("a tensor has a negative storage offset");
    view.offset = static_cast<std::uint64_t>(a[1]->integer);
    std::uint64_t numel = 1;
    std::uint64_t last = view.offset;  // the furthest element the view reaches
    for (std::size_t d = 0; d < a[2]->items.size(); ++d) {
        const auto size = a[2]->items[d]->integer;
        const auto stride = a[3]->items[d]->integer;
        if (size < 0 || stride < 0) fail("a tensor has a negative size or stride");
        view.size.push_back(size);
        view.stride.push_back(stride);
        numel = checkedMul(numel, static_cast<std::uint64_t>(size), m_file);
        if (size > 0)
            last = checkedAdd(
                last,
                checkedMul(static_cast<std::uint64_t>(size - 1), static_cast<std::uint64_t>(stride), m_file),
                m_file);
    }
    const auto storageNumel = storage->bytes.size() / dtypeSize(storage->dtype);
    if ((numel > 0 && last >= storageNumel) || view.offset > storageNumel)
        fail("a tensor needs element index " + std::to_string(numel > 0 ? last : view.offset) +
             " of storage " + inQuotes(storage->text) + ", which holds only " + std::to_string(storageNumel) +
             " elements (offset or size beyond the storage)");
    return t;
}

// ('storage', <storage type>, key, location, numel), as torch.save's persistent_id writes it.
Value* Unpickler::persistentLoad(Value* pid) {
    const auto& p = pid->items;
    if (pid->kind != Kind::Tuple || p.size() != 5 || p[0]->kind != Kind::String || p[0]->text != "storage" ||
        p[1]->kind != Kind::Global || p[1]->callable != Callable::StorageType || p[2]->kind != Kind::String ||
        p[3]->kind != Kind::String || p[4]->kind != Kind::Int || p[4]->integer < 0)
        fail("a persistent id is not ('storage', <torch storage type>, key, location, numel)");
    const auto& key = p[2]->text;
    const auto dtype = p[1]->dtype;
    const auto bytes = checkedMul(static_cast<std::uint64_t>(p[4]->integer), dtypeSize(dtype), m_file);
    if (const auto it = m_storages.find(key); it != m_storages.end()) {
        if (it->second->dtype != dtype || it->second->bytes.size() != bytes)
            fail("storage " + inQuotes(key) + " is declared twice with different types or sizes");
        return it->second;
    }
    auto* storage = make(Kind::Storage);
    storage->text = key;
    storage->dtype = dtype;
    storage->bytes = m_loadStorage(key);
    if (storage->bytes.size() != bytes)
        fail("storage " + inQuotes(key) + " should hold " + std::to_string(bytes) +
             " bytes but its entry has " + std::to_string(storage->bytes.size()));
    m_storages.emplace(key, storage);
    return storage;
}

HostTensor Unpickler::materialize(const TensorView& view) {
    const auto elementSize = dtypeSize(view.dtype);
    std::uint64_t numel = 1;
    for (const auto s : view.size) numel *= static_cast<std::uint64_t>(s);
    std::vector<std::byte> out(numel * elementSize);
    bool contiguous = true;
    std::int64_t expected = 1;
    for (std::size_t d = view.size.size(); d-- > 0;) {
        if (view.size[d] != 1 && view.stride[d] != expected) contiguous = false;
        expected *= view.size[d];
    }
    const auto* base = view.storage.data() + view.offset * elementSize;
    if (contiguous || numel <= 1) {
        if (!out.empty()) std::memcpy(out.data(), base, out.size());
    } else {
        // Walk the index space in C order, carrying like an odometer.
        std::vector<std::int64_t> index(view.size.size(), 0);
        std::uint64_t source = 0;
        for (std::uint64_t i = 0; i < numel; ++i) {
            std::memcpy(out.data() + i * elementSize, base + source * elementSize, elementSize);
            for (std::size_t d = view.size.size(); d-- > 0;) {
                source += static_cast<std::uint64_t>(view.stride[d]);
                if (++index[d] < view.size[d]) break;
                source -= static_cast<std::uint64_t>(view.stride[d] * view.size[d]);
                index[d] = 0;
            }
        }
    }
    return HostTensor::fromBytes(view.dtype, view.size, std::move(out));
}

TensorMap Unpickler::stateDict() {
    Value* result = nullptr;
    while (!result) {
        m_opcodeAt = m_pos;
        const auto opcode = std::to_integer<unsigned char>(*take(1));
        switch (opcode) {
            case 0x80:  // PROTO
                if (std::to_integer<unsigned>(*take(1)) > 5) fail("unknown pickle protocol");
                break;
            case 0x95:  // FRAME: framing only groups opcodes; the length is advisory
                if (takeInteger<std::uint64_t>() > m_pickle.size() - m_pos)
                    fail("truncated: a FRAME runs past the end");
                break;
            case '.':  // STOP
                if (!m_marks.empty()) fail("unbalanced MARK: STOP with an open MARK");
                result = pop();
                if (!m_stack.empty()) fail("STOP leaves values on the pickle stack");
                break;
            case '(':  // MARK
                m_marks.push_back(m_stack.size());
                break;
            case ')':  // EMPTY_TUPLE
                push(make(Kind::Tuple));
                break;
            case 't': {  // TUPLE
                auto* t = make(Kind::Tuple);
                t->items = popMark();
                push(t);
                break;
            }
            case 0x85:    // TUPLE1
            case 0x86:    // TUPLE2
            case 0x87: {  // TUPLE3
                auto* t = make(Kind::Tuple);
                t->items.resize(opcode - 0x84u);
                for (auto it = t->items.rbegin(); it != t->items.rend(); ++it) *it = pop();
                push(t);
                break;
            }
            case '}':  // EMPTY_DICT
                push(make(Kind::Dict));
                break;
            case ']':  // EMPTY_LIST
                push(make(Kind::List));
                break;
            case 'a': {  // APPEND
                auto* v = pop();
                top(Kind::List, "a list")->items.push_back(v);
                break;
            }
            case 'e': {  // APPENDS
                auto items = popMark();
                auto* list = top(Kind::List, "a list");
                list->items.insert(list->items.end(), items.begin(), items.end());
                break;
            }
            case 's': {  // SETITEM
                auto* value = pop();
                auto* key = pop();
                setItem(top(Kind::Dict, "a dict"), key, value);
                break;
            }
            case 'u': {  // SETITEMS
                const auto items = popMark();
                if (items.size() % 2) fail("SETITEMS with an odd number of values");
                auto* dict = top(Kind::Dict, "a dict");
                for (std::size_t i = 0; i < items.size(); i += 2) setItem(dict, items[i], items[i + 1]);
                break;
            }
            case 'q':     // BINPUT
            case 'r':     // LONG_BINPUT
            case 0x94: {  // MEMOIZE
                const std::uint64_t slot = opcode == 'q'   ? takeInteger<std::uint8_t>()
                                           : opcode == 'r' ? takeInteger<std::uint32_t>()
                                                           : m_memo.size();
                m_memo[slot] = peek();
                break;
            }
            case 'h':    // BINGET
            case 'j': {  // LONG_BINGET
                const std::uint64_t slot =
                    opcode == 'h' ? takeInteger<std::uint8_t>() : takeInteger<std::uint32_t>();
                const auto it = m_memo.find(slot);
                if (it == m_memo.end())
                    fail("the pickle reads memo slot " + std::to_string(slot) + ", never written");
                push(it->second);
                break;
            }
            case 'c': {  // GLOBAL
                auto module = takeLine();
                push(global(module, takeLine()));
                break;
            }
            case 0x93: {  // STACK_GLOBAL
                auto* name = pop();
                auto* module = pop();
                if (name->kind != Kind::String || module->kind != Kind::String)
                    fail("STACK_GLOBAL with a module or name that is not a string");
                push(global(module->text, name->text));
                break;
            }
            case 'R': {  // REDUCE
                auto* args = pop();
                auto* callable = pop();
                push(reduce(callable, args));
                break;
            }
            case 'b': {  // BUILD
                auto* state = pop();
                // OrderedDict state is {'_metadata': ...} (module versions), of no use to a reader.
                top(Kind::Dict, "a dict to BUILD");
                if (state->kind != Kind::Dict && state->kind != Kind::None)
                    fail("BUILD with a state that is not a dict");
                break;
            }
            case 'Q':  // BINPERSID
                push(persistentLoad(pop()));
                break;
            case 'J':  // BININT
                push(makeInt(takeInteger<std::int32_t>()));
                break;
            case 'K':  // BININT1
                push(makeInt(takeInteger<std::uint8_t>()));
                break;
            case 'M':  // BININT2
                push(makeInt(takeInteger<std::uint16_t>()));
                break;
            case 0x8a: {  // LONG1: little-endian two's complement of n bytes
                const auto n = takeInteger<std::uint8_t>();
                if (n > 8) fail("an integer wider than 64 bits");
                const auto* p = take(n);
                std::uint64_t v = 0;
                for (int i = n - 1; i >= 0; --i) v = v << 8 | std::to_integer<std::uint64_t>(p[i]);
                if (n > 0 && n < 8 && (std::to_integer<unsigned>(p[n - 1]) & 0x80))
                    v |= ~std::uint64_t{0} << (8 * n);
                push(makeInt(static_cast<std::int64_t>(v)));
                break;
            }
            case 'G':  // BINFLOAT: only ever inside metadata, so its value is never needed
                take(8);
                push(make(Kind::Float));
                break;
            case 'N':  // NONE
                push(make(Kind::None));
                break;
            case 0x88:    // NEWTRUE
            case 0x89: {  // NEWFALSE
                auto* b = make(Kind::Bool);
                b->integer = opcode == 0x88;
                push(b);
                break;
            }
            case 'X':     // BINUNICODE
            case 0x8c:    // SHORT_BINUNICODE
            case 0x8d: {  // BINUNICODE8
                const std::uint64_t length = opcode == 'X'    ? takeInteger<std::uint32_t>()
                                             : opcode == 0x8c ? takeInteger<std::uint8_t>()
                                                              : takeInteger<std::uint64_t>();
                auto* s = make(Kind::String);
                s->text = takeString(length);
                push(s);
                break;
            }
            default: {
                char name[16];
                if (opcode >= 0x20 && opcode < 0x7f)
                    std::snprintf(name, sizeof name, "'%c' (0x%02x)", opcode, opcode);
                else
                    std::snprintf(name, sizeof name, "0x%02x", opcode);
                fail(std::string("unsupported pickle opcode ") + name + ", which a state_dict never uses");
            }
        }
    }

    if (result->kind != Kind::Dict)
        fail("the checkpoint is not a state_dict (the pickle does not hold a dict)");
    TensorMap tensors;
    std::uint64_t total = 0;
    for (const auto& [key, value] : result->entries) {
        if (key->kind != Kind::String) fail("a state_dict key is not a string");
        if (value->kind != Kind::Tensor)
            fail("the state_dict entry " + inQuotes(key->text) +
                 " is not a tensor (a full training checkpoint?)");
        // Views of one storage are copied apart; a bound keeps a small file from claiming unbounded memory.
        std::uint64_t bytes = dtypeSize(value->tensor.dtype);
        for (const auto s : value->tensor.size)
            bytes = checkedMul(bytes, static_cast<std::uint64_t>(s), m_file);
        total = checkedAdd(total, bytes, m_file);
        if (total > m_maxTensorBytes)
            fail("the tensors would expand to more than " + std::to_string(m_maxTensorBytes) +
                 " bytes, far more than the file holds");
        tensors.emplace(key->text, materialize(value->tensor));
    }
    return tensors;
}

}  // namespace

TensorMap readTorchCheckpoint(const fs::path& file) {
    const MappedFile mapping(file);
    return parseTorchCheckpoint(file, {mapping.data(), mapping.size()});
}

TensorMap parseTorchCheckpoint(const fs::path& file, std::span<const std::byte> bytes) {
    const ZipArchive zip(file, bytes);

    std::string pickleName;
    for (const auto& [name, entry] : zip.entries()) {
        if (name == "data.pkl" || (name.size() > 9 && name.ends_with("/data.pkl"))) {
            if (!pickleName.empty()) refuse(file, "ambiguous: the zip holds more than one data.pkl");
            pickleName = name;
        }
    }
    if (pickleName.empty())
        refuse(file, "not a PyTorch checkpoint: the zip holds no data.pkl (torch.save always writes one)");
    const auto prefix = pickleName.substr(0, pickleName.size() - 8);
    if (zip.entries().count(prefix + "byteorder")) {
        const auto order = zip.read(prefix + "byteorder");
        if (std::string(reinterpret_cast<const char*>(order.data()), order.size()) != "little")
            refuse(file, "the checkpoint was saved on a big-endian machine, which is not supported");
    }

    const auto loadStorage = [&](const std::string& key) {
        const auto name = prefix + "data/" + key;
        if (!zip.entries().count(name))
            refuse(file, "storage " + inQuotes(key) + " is missing: no entry " + inQuotes(name));
        return zip.read(name);
    };
    // Real state_dicts copy out about the size of the file; 4x leaves room for shared and expanded views.
    Unpickler unpickler(file, zip.read(pickleName), loadStorage,
                        4 * std::uint64_t{bytes.size()} + (1u << 20));
    return unpickler.stateDict();
}

}  // namespace lwinnn
