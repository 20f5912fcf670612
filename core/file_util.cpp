#include "file_util.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

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

// Creates a fresh temporary beside `file` (O_EXCL, so two writers never share one) and returns its path.
fs::path createTemporaryBeside(const fs::path& file) {
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        // Built by appending: GCC 12 warns falsely (-Wrestrict) on `"." + std::string`.
        std::string name = file.filename().string();
        name.insert(0, 1, '.');
        name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        auto temp = fs::path(file).replace_filename(name);
        const Descriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
        if (fd.get() >= 0) return temp;
        if (errno != EEXIST) throw FileError(file, systemReason("cannot create a temporary file beside it"));
    }
    throw FileError(file, "cannot create a temporary file beside it: every candidate name is taken");
}

void syncPath(const fs::path& path, int flags) {
    const Descriptor fd(::open(path.c_str(), flags | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) throw FileError(path, systemReason("cannot sync to disk"));
}

}  // namespace

void writeFileAtomically(const fs::path& file, const std::function<void(std::ostream&)>& write) {
    const auto temp = createTemporaryBeside(file);
    try {
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            if (!out) throw FileError(file, "cannot open the temporary file " + temp.string());
            write(out);
            out.flush();
            if (!out) throw FileError(file, "writing failed (disk full?)");
        }
        // The stream has no descriptor to sync; a second descriptor flushes the same inode.
        syncPath(temp, O_RDONLY);
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
