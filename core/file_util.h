// Small file helpers shared by every writer and reader: atomic writes and a read-only memory mapping.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace lwinnn {

// Writes `file` atomically: `write` fills a temporary file in the same folder, which is flushed, synced and
// renamed over the target only when `write` returns normally. On any failure the temporary is removed and the
// previous file (if any) is left untouched. The temporary is named ".<name>.tmp-<pid>-<n>" after the writing
// process; before writing, the temporaries of `file` left by processes that no longer exist (a writer killed
// before its rename) are removed.
void writeFileAtomically(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);
void writeFileAtomically(const std::filesystem::path& file, const void* data, std::size_t size);

// A read-only memory mapping of a whole file; throws FileError naming the file. An empty file maps to
// size() == 0 and data() == nullptr.
class MappedFile {
  public:
    explicit MappedFile(const std::filesystem::path& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::byte* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
};

std::vector<std::byte> readWholeFile(const std::filesystem::path& file);

}  // namespace lwinnn
