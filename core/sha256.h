// SHA-256 (FIPS 180-4), used to identify backbone weights in model files and to verify downloads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace lwinnn {

class Sha256 {
  public:
    Sha256();
    void update(const void* data, std::size_t size);
    std::array<std::uint8_t, 32> finish();  // also resets the object for a new message
    std::string finishHex();

  private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;
};

std::string sha256Hex(const void* data, std::size_t size);
std::string sha256OfFile(const std::filesystem::path& file);

}  // namespace lwinnn
