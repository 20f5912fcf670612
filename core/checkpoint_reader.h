// A strict reader for PyTorch zip checkpoints as torch.save writes them (a zip of data.pkl plus raw
// storages), limited to the pickle subset a state_dict uses. It never executes anything: only a whitelist of
// globals (collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter, torch.*Storage) is
// accepted; every other opcode or global, bad offset, CRC mismatch or truncation is refused with a
// FormatError naming the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

#include "host_tensor.h"

namespace lwinnn {

// Reads every tensor of a state_dict checkpoint; tensors come back contiguous.
TensorMap readTorchCheckpoint(const std::filesystem::path& file);

// The same for a checkpoint already in memory; `file` only names it in errors. Tensors are copies, so they
// outlive `bytes`.
TensorMap parseTorchCheckpoint(const std::filesystem::path& file, std::span<const std::byte> bytes);

}  // namespace lwinnn
