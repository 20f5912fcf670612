// Errors raised by the core library. Every message names the file (when there is one) and the reason, so the
// CLI and the Studio can show it to the user as it is.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace lwinnn {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    Error(const std::filesystem::path& file, const std::string& reason)
        : std::runtime_error(file.string() + ": " + reason), m_file(file) {}
    const std::filesystem::path& file() const { return m_file; }

  private:
    std::filesystem::path m_file;
};

// A file could not be read or decoded (image, checkpoint, model, mask).
class FileError : public Error {
  public:
    using Error::Error;
};

// A model or weights file that is truncated, foreign, of a newer version or internally inconsistent.
class FormatError : public FileError {
  public:
    using FileError::FileError;
};

// Bad arguments or settings (unknown device, window size out of range, CUDA asked for but absent).
class UsageError : public Error {
  public:
    using Error::Error;
};

// The user cancelled a long operation; nothing was written.
class Cancelled : public Error {
  public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace lwinnn
