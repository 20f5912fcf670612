#!/usr/bin/env python3
"""Loads a module written by `lwinnn export --format torchscript` with PyTorch alone, as a Python user would
(README, "Export"), and scores a batch of preprocessed images with it. Run by tests/core/test_model_export.cpp.

usage: load_torchscript.py MODULE.pt BATCH.f32 OUT_FOLDER

BATCH.f32 holds the images preprocessed as DESIGN §2.1, float32 [B, 3, H, W] in native byte order, H and W
being the module's input_height and input_width. Writes OUT_FOLDER/result.json (the image scores, the maps'
shape, the module's attributes and metadata, the torch version) and OUT_FOLDER/maps.f32 (the anomaly maps,
float32 [B, H, W]).
"""
import json
import pathlib
import sys

import torch

METADATA = "lwinnn_export.json"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    module_file, batch_file, out = argv[1], pathlib.Path(argv[2]), pathlib.Path(argv[3])
    extra = {METADATA: ""}
    module = torch.jit.load(module_file, map_location="cpu", _extra_files=extra)
    metadata = json.loads(extra[METADATA])
    height, width = int(module.input_height), int(module.input_width)
    batch = torch.frombuffer(bytearray(batch_file.read_bytes()), dtype=torch.float32)
    batch = batch.reshape(-1, 3, height, width)
    with torch.inference_mode():
        scores, maps = module(batch)
    out.mkdir(parents=True, exist_ok=True)
    (out / "maps.f32").write_bytes(maps.to(torch.float32).contiguous().numpy().tobytes())
    result = {
        "torch_version": torch.__version__,
        "scores": scores.tolist(),
        "maps_shape": list(maps.shape),
        "window": int(module.window),
        "format_version": int(module.format_version),
        "metadata": metadata,
    }
    (out / "result.json").write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
