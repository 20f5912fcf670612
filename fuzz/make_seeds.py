#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora: small, valid inputs derived from the shared weights, a model file trained on
demo data and the VisA CSVs the test suites write, plus hand-made variants of each format's corners.

usage: make_seeds.py OUT_DIR [--shared DIR] [--model FILE] [--test-tmp DIR]
"""
import argparse
import io
import json
import pathlib
import struct
import zipfile

# ---- PyTorch zip checkpoints -----------------------------------------------------------------------------


def pickle_state_dict(entries):
    """A data.pkl as torch.save writes it (protocol 2) for entries (name, storage type, key, storage numel,
    offset, shape, stride)."""
    out = bytearray(b"\x80\x02")

    def unicode(s):
        b = s.encode()
        out.extend(b"X" + struct.pack("<I", len(b)) + b)

    def integer(v):
        if 0 <= v < 256:
            out.extend(b"K" + bytes([v]))
        elif 0 <= v < 65536:
            out.extend(b"M" + struct.pack("<H", v))
        else:
            out.extend(b"J" + struct.pack("<i", v))

    def ints(values):
        out.extend(b"(")
        for v in values:
            integer(v)
        out.extend(b"t")

    def glob(module, name):
        out.extend(b"c" + module.encode() + b"\n" + name.encode() + b"\n")

    glob("collections", "OrderedDict")
    out.extend(b")R(")
    for name, storage_type, key, numel, offset, shape, stride in entries:
        unicode(name)
        glob("torch._utils", "_rebuild_tensor_v2")
        out.extend(b"((")
        unicode("storage")
        glob("torch", storage_type)
        unicode(key)
        unicode("cpu")
        integer(numel)
        out.extend(b"tQ")
        integer(offset)
        ints(shape)
        ints(stride)
        out.extend(b"\x89")
        glob("collections", "OrderedDict")
        out.extend(b")Rt")
        out.extend(b"R")
    out.extend(b"u.")
    return bytes(out)


def checkpoint(entries, storages, prefix="archive", zip64=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        def put(name, data):
            with z.open(zipfile.ZipInfo(name), "w", force_zip64=zip64) as f:
                f.write(data)
        put(prefix + "/data.pkl", pickle_state_dict(entries))
        put(prefix + "/byteorder", b"little")
        for key, data in storages.items():
            put(prefix + "/data/" + key, data)
        put(prefix + "/version", b"3\n")
    return buffer.getvalue()


def contiguous_stride(shape):
    stride, step = [], 1
    for d in reversed(shape):
        stride.insert(0, step)
        step *= d
    return stride


def checkpoint_seeds(weights, out):
    """Small checkpoints holding the real trunk's small tensors (names, dtypes and bytes as in the file)."""
    z = zipfile.ZipFile(weights)
    prefix = next(n for n in z.namelist() if n.endswith("data.pkl"))[:-len("data.pkl")]
    # The real file's storages, by size; the small ones (biases) become the seeds' tensors.
    small = sorted((i.file_size, i.filename) for i in z.infolist()
                   if i.filename.startswith(prefix + "data/") and i.file_size <= 1024)[:6]
    entries, storages = [], {}
    for n, (size, filename) in enumerate(small):
        key = str(n)
        storages[key] = z.read(filename)
        numel = size // 4
        entries.append((f"layer{n}.bias", "FloatStorage", key, numel, 0, [numel], [1]))
    (out / "small_trunk.pth").write_bytes(checkpoint(entries, storages))
    (out / "small_trunk_zip64.pth").write_bytes(checkpoint(entries, storages, prefix="trunk", zip64=True))
    # Views sharing one storage: an offset, a transposed stride, a zero-dimensional tensor.
    data = storages["0"]
    numel = len(data) // 4
    views = [("a", "FloatStorage", "0", numel, 0, [numel // 2], [1]),
             ("b", "FloatStorage", "0", numel, numel // 2, [numel // 4, 2], [1, numel // 4]),
             ("c", "FloatStorage", "0", numel, 3, [], [])]
    (out / "shared_storage.pth").write_bytes(checkpoint(views, {"0": data}))
    half = [("h", "HalfStorage", "0", 8, 0, [2, 4], contiguous_stride([2, 4])),
            ("l", "LongStorage", "1", 3, 0, [3], [1])]
    (out / "dtypes.pth").write_bytes(checkpoint(half, {"0": bytes(range(16)), "1": struct.pack("<3q", 1, -2, 3)}))


# ---- safetensors and model files -------------------------------------------------------------------------


def safetensors(tensors, metadata=None, align=8):
    header, offset, data = {}, 0, bytearray()
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, blob in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        data.extend(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((align - (8 + len(text)) % align) % align)
    return struct.pack("<Q", len(text)) + text + bytes(data)


def read_safetensors_header(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        return json.loads(f.read(n)), 8 + n


def grid_for(n):
    return ((n + 1) // 2 + 1) // 2 - 2


def model_seeds(model, out_model, out_st):
    header, data_offset = read_safetensors_header(model)
    metadata = header["__metadata__"]
    # The real header alone (its data section cut off): the readers must say "truncated".
    with open(model, "rb") as f:
        (out_st / "model_header_only.safetensors").write_bytes(f.read(data_offset))
    # The smallest backbone tensors with their real bytes.
    backbone = []
    with open(model, "rb") as f:
        for name, entry in sorted(header.items(), key=lambda kv: kv[1].get("data_offsets", [0, 0])[1]
                                  - kv[1].get("data_offsets", [0, 0])[0] if kv[0] != "__metadata__" else 0):
            if name == "__metadata__" or not name.startswith("backbone."):
                continue
            begin, end = entry["data_offsets"]
            if end - begin > 512:
                continue
            f.seek(data_offset + begin)
            backbone.append((name, entry["dtype"], entry["shape"], f.read(end - begin)))
            if len(backbone) == 3:
                break
    channels = int(metadata["channels"])
    for label, height, width, count, mode in [("square", 20, 20, 2, "square"),
                                              ("keep_aspect", 20, 28, 1, "keep-aspect")]:
        grid = (grid_for(height), grid_for(width))
        locations = grid[0] * grid[1]
        meta = dict(metadata, input_height=str(height), input_width=str(width), grid_height=str(grid[0]),
                    grid_width=str(grid[1]), train_count=str(count), image_size_mode=mode,
                    train_files=json.dumps([f"train/good/{i:03}.png" for i in range(count)]))
        bank = struct.pack(f"<{locations * count * channels}f",
                           *[(i % 97) / 97.0 for i in range(locations * count * channels)])
        norms = struct.pack(f"<{locations * count}f", *[float(i % 13) for i in range(locations * count)])
        tensors = backbone + [("bank_sq_norms", "F32", [locations, count], norms),
                              ("bank", "F32", [locations, count, channels], bank)]
        (out_model / f"model_{label}.lwinnn").write_bytes(safetensors(tensors, meta))
        (out_st / f"model_{label}.safetensors").write_bytes(safetensors(tensors, meta, align=64))


def plain_safetensors_seeds(out):
    (out / "empty.safetensors").write_bytes(safetensors([]))
    (out / "metadata_only.safetensors").write_bytes(safetensors([], {"format": "pt"}))
    (out / "dtypes.safetensors").write_bytes(safetensors([
        ("f64", "F64", [2], struct.pack("<2d", 1.5, -2)), ("f16", "F16", [1, 2], b"\x00\x3c\x00\xc0"),
        ("bf16", "BF16", [2], b"\x80\x3f\x00\x40"), ("i64", "I64", [1], struct.pack("<q", -7)),
        ("i32", "I32", [1], struct.pack("<i", 7)), ("i16", "I16", [1], b"\x01\x00"), ("i8", "I8", [1], b"\xff"),
        ("u8", "U8", [3], b"\x01\x02\x03"), ("bool", "BOOL", [2], b"\x00\x01"), ("empty", "F32", [0, 3], b"")]))


# ---- VisA CSVs and Studio projects -----------------------------------------------------------------------


def visa_seeds(out, test_tmp):
    header = "object,split,label,image,mask"
    rows = ["candle,train,normal,candle/Data/Images/Normal/0000.JPG,",
            "candle,test,normal,candle/Data/Images/Normal/0001.JPG,",
            "candle,test,anomaly,candle/Data/Images/Anomaly/000.JPG,candle/Data/Masks/Anomaly/000.png",
            "pcb1,train,normal,pcb1/Data/Images/Normal/0000.JPG,"]
    (out / "visa_lf.csv").write_text("\n".join([header] + rows) + "\n")
    (out / "visa_crlf_bom.csv").write_bytes(("\ufeff" + "\r\n".join([header] + rows) + "\r\n").encode())
    (out / "visa_reordered_quoted.csv").write_text(
        'image,"label",mask,split,object,extra\n'
        '"candle/Data/Images/Normal/0000.JPG",normal,,train,candle,"a, b"\n'
        '"candle/Data/Images/Anomaly/""q"".JPG",anomaly,"candle/Data/Masks/Anomaly/000.png",test,candle,"line\nbreak"\n'
        "\n\r"
        "candle/x.JPG, Normal ,,TEST, candle ,\r")
    copied = 0
    if test_tmp and test_tmp.is_dir():
        for csv in sorted(test_tmp.rglob("split_csv/*.csv")):
            if csv.stat().st_size <= 4096 and copied < 20:
                (out / f"from_tests_{copied}.csv").write_bytes(csv.read_bytes())
                copied += 1
    return copied


def project_seeds(out):
    base = {"format": "lwinnn-project", "version": 1, "created": "2026-11-30T01:00:00.000Z",
            "modified": "2026-11-30T02:00:00.000Z",
            "data": {"dataset": "data/bottle", "newImages": ["new/a.png", "/elsewhere/b.png"]},
            "settings": {"device": "auto", "resize": "keep-aspect", "window": 7, "weights": ""},
            "model": "models/bottle.lwinnn", "threshold": 0.75,
            "reviewMarks": {"data/bottle/test/broken_large/000.png": "defect", "new/a.png": "ok"}}
    (out / "project_full.json").write_text(json.dumps(base, indent=2))
    minimal = {"format": "lwinnn-project", "version": 1}
    (out / "project_minimal.json").write_text(json.dumps(minimal))
    other = dict(base, settings={"device": "cuda:1", "resize": "square", "window": 1, "weights": "random"},
                 model=None, threshold=None, reviewMarks={})
    (out / "project_other.json").write_text(json.dumps(other))


def image_seeds(out, shared):
    """Small images of the shared data sets (the JPEGs' first 16 KB, which hold their headers and first scans)."""
    count = 0
    for pattern in ("*.jpg", "*.png", "*.bmp", "*.tif", "*.tiff"):
        for image in sorted((shared / "datasets").rglob(pattern))[:8]:
            (out / f"{count:03d}{image.suffix}").write_bytes(image.read_bytes()[:16384])
            count += 1
    (out / "bmp_core.bmp").write_bytes(b"BM" + bytes(12) + (12).to_bytes(4, "little") + (37).to_bytes(2, "little")
                                       + (23).to_bytes(2, "little") + bytes(4))
    (out / "tiff_le.tif").write_bytes(b"II*\x00" + (8).to_bytes(4, "little") + (2).to_bytes(2, "little")
                                      + (256).to_bytes(2, "little") + (3).to_bytes(2, "little")
                                      + (1).to_bytes(4, "little") + (37).to_bytes(4, "little")
                                      + (257).to_bytes(2, "little") + (4).to_bytes(2, "little")
                                      + (1).to_bytes(4, "little") + (23).to_bytes(4, "little"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--shared", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--model", type=pathlib.Path, help="a model file trained on demo data")
    parser.add_argument("--test-tmp", type=pathlib.Path, help="the test suites' scratch folder (VisA CSVs)")
    args = parser.parse_args()
    dirs = {name: args.out / name for name in
            ["fuzz_checkpoint_reader", "fuzz_safetensors", "fuzz_model_file", "fuzz_visa_csv", "fuzz_project_file",
             "fuzz_image_header"]}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    weights = args.shared / "weights" / "resnet18_imagenet1k_v1_bnfolded_trunk.pth"
    if weights.is_file():
        checkpoint_seeds(weights, dirs["fuzz_checkpoint_reader"])
    else:
        print(f"no {weights}: checkpoint seeds skipped")
    for fixture in sorted((args.shared / "fixtures" / "metrics").glob("*.safetensors")):
        if fixture.stat().st_size <= 65536:
            (dirs["fuzz_safetensors"] / fixture.name).write_bytes(fixture.read_bytes())
    plain_safetensors_seeds(dirs["fuzz_safetensors"])
    if args.model and args.model.is_file():
        model_seeds(args.model, dirs["fuzz_model_file"], dirs["fuzz_safetensors"])
    else:
        print("no model file given: model seeds skipped")
    copied = visa_seeds(dirs["fuzz_visa_csv"], args.test_tmp)
    project_seeds(dirs["fuzz_project_file"])
    image_seeds(dirs["fuzz_image_header"], args.shared)
    for name, d in dirs.items():
        print(f"{name}: {len(list(d.iterdir()))} seeds" + (f" ({copied} from the tests)" if name == "fuzz_visa_csv" else ""))


if __name__ == "__main__":
    main()
