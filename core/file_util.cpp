#include "file_util.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <streambuf>
#include <string_view>

#include "error.h"

namespace lwinnn {
namespace fs = std::filesystem;
namespace {

std::string systemReason(const std::string& what) { return what + ": " + std::strerror(errno); }

// Closes a POSIX descriptor on scope exit.
class Descriptor {
  public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }

  private:
    int m_fd;
};

// ".<name>.tmp-<pid>-<n>" beside `file`: hidden, and never taken for the file itself.
fs::path temporaryNameBeside(const fs::path& file, unsigned n) {
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on `"." + std::string`.
    std::string name = file.filename().string();
    name.insert(0, 1, '.');
    name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n);
    return fs::path(file).replace_filename(name);
}

// The writer's process id in `name` when it is a temporary of `file` (".<name>.tmp-<pid>-<n>"), else 0.
pid_t temporaryOwner(const std::string& name, const fs::path& file) {
    std::string prefix = file.filename().string();
    prefix.insert(0, 1, '.');
    prefix += ".tmp-";
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
    const char* const first = name.c_str() + prefix.size();
    char* end = nullptr;
    errno = 0;
    const long pid = std::strtol(first, &end, 10);
    if (errno != 0 || !std::isdigit(static_cast<unsigned char>(*first)) || *end != '-' || pid <= 0 ||
        pid > std::numeric_limits<pid_t>::max())
        return 0;
    const std::string_view counter(end + 1);
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (counter.empty() || !std::all_of(counter.begin(), counter.end(), digit)) return 0;
    return static_cast<pid_t>(pid);
}

// Removes the temporaries of `file` whose writer was killed before its rename (SIGKILL, power loss), which
// nothing else would ever remove. Only those of a process that no longer exists (ESRCH): a live writer's,
// this process's own and those of another user's process (EPERM) are left alone. A recycled process id only
// keeps a leftover a little longer. Best effort: the write that follows does not depend on it.
void removeStaleTemporaries(const fs::path& file) {
    fs::path folder = file.parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = temporaryOwner(it->path().filename().string(), file);
        if (owner == 0 || owner == ::getpid()) continue;
        if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        fs::remove(it->path(), ignored);
    }
}

// Creates a fresh named temporary beside `file` (O_EXCL, so two writers never share one); returns its
// descriptor and sets `temp` to its path.
int createTemporaryBeside(const fs::path& file, fs::path& temp) {
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp = temporaryNameBeside(file, counter++);
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) return fd;
        if (errno != EEXIST) throw FileError(file, systemReason("cannot create a temporary file beside it"));
    }
    throw FileError(file, "cannot create a temporary file beside it: every candidate name is taken");
}

// An output stream buffer writing straight to a descriptor, which keeps the errno of a failed write so that
// the error says why ("No space left on device", "File too large") instead of guessing.
class DescriptorBuffer : public std::streambuf {
  public:
    explicit DescriptorBuffer(int fd) : m_fd(fd) { setp(m_buffer.data(), m_buffer.data() + m_buffer.size()); }
    DescriptorBuffer(const DescriptorBuffer&) = delete;
    DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
    int error() const { return m_error; }

  protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* data, std::streamsize n) override {
        // Large blocks (tensor data) skip the buffer.
        if (n < static_cast<std::streamsize>(m_buffer.size())) return std::streambuf::xsputn(data, n);
        return drain() && writeAll(data, static_cast<std::size_t>(n)) ? n : 0;
    }
    int sync() override { return drain() ? 0 : -1; }

  private:
    bool drain() {
        const auto pending = static_cast<std::size_t>(pptr() - pbase());
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
        return pending == 0 || writeAll(m_buffer.data(), pending);
    }
    bool writeAll(const char* data, std::size_t n) {
        if (m_error) return false;
        while (n > 0) {
            const auto written = ::write(m_fd, data, n);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) {
                m_error = written < 0 ? errno : EIO;
                return false;
            }
            data += written;
            n -= static_cast<std::size_t>(written);
        }
        return true;
    }

    int m_fd;
    int m_error = 0;
    std::array<char, 1 << 16> m_buffer{};
};

}  // namespace

void writeFileAtomically(const fs::path& file, const std::function<void(std::ostream&)>& write) {
    removeStaleTemporaries(file);
    fs::path temp;
    const Descriptor fd(createTemporaryBeside(file, temp));
    try {
        DescriptorBuffer buffer(fd.get());
        std::ostream out(&buffer);
        write(out);
        out.flush();
        if (!out) {
            const int error = buffer.error();
            if (!error) throw FileError(file, "writing failed");
            const bool full = error == ENOSPC || error == EFBIG || error == EDQUOT;
            throw FileError(file, std::string("cannot write it: ") + std::strerror(error) +
                                      (full ? " (disk full?)" : ""));
        }
        if (::fsync(fd.get()) != 0) throw FileError(file, systemReason("cannot sync to disk"));
        if (::rename(temp.c_str(), file.c_str()) != 0)
            throw FileError(file, systemReason("cannot rename the temporary file over it"));
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    // Make the rename itself durable. Some file systems refuse fsync on a directory; the data is safe anyway.
    auto folder = file.parent_path();
    if (folder.empty()) folder = ".";
    const Descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
}

void writeFileAtomically(const fs::path& file, const void* data, std::size_t size) {
    writeFileAtomically(file, [&](std::ostream& out) {
        out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    });
}

MappedFile::MappedFile(const fs::path& file) : m_path(file) {
    const Descriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw FileError(file, systemReason("cannot open"));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw FileError(file, systemReason("cannot stat"));
    if (!S_ISREG(st.st_mode)) throw FileError(file, "not a regular file");
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size == 0) return;  // mmap refuses a zero length; an empty file is simply no bytes
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (p == MAP_FAILED) throw FileError(file, systemReason("cannot map into memory"));
    m_data = static_cast<const std::byte*>(p);
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<std::byte*>(m_data), m_size);
}

std::vector<std::byte> readWholeFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FileError(file, systemReason("cannot open"));
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(in.tellg());
    if (size < 0) throw FileError(file, "cannot determine the file size");
    in.seekg(0);
    std::vector<std::byte> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), size);
    if (in.gcount() != size) throw FileError(file, "read fewer bytes than the file holds");
    return bytes;
}

}  // namespace lwinnn
