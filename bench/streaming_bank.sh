#!/bin/bash
# Scores with a memory bank larger than the memory the process may use: the model file is memory-mapped and the
# search reads it one bank location at a time, so the kernel streams it from disk as needed. Runs `lwinnn score`
# twice on the same images, once without a limit and once inside a memory cgroup smaller than the bank, and
# prints the throughput and the peak memory of both. Needs root (a cgroup v1 memory controller) or a systemd
# with user delegation (systemd-run --scope -p MemoryMax=...).
#
#   bench/streaming_bank.sh LWINNN DATASET [LIMIT_MB]
#
# DATASET is an MVTec AD category (its train/good builds the model; its test images are scored).
set -euo pipefail
lwinnn=$(realpath "$1")
data=$(realpath "$2")
limit_mb=${3:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${cg:-}" ] && rmdir "$cg" 2>/dev/null || true' EXIT

"$lwinnn" train --data "$data" --out "$work/model.lwinnn" --window 7 >/dev/null
bank_mb=$("$lwinnn" info "$work/model.lwinnn" | sed -n 's/^bank: [A-Z0-9]*, \([0-9.]*\) MB/\1/p')
mapfile -t images < <(find "$data/test" -type f \( -name '*.png' -o -name '*.jpg' \) | sort | head -n 32)
echo "bank: ${bank_mb} MB ($(basename "$data")), ${#images[@]} test images, memory limit ${limit_mb} MB"

run() {  # label, command...
    local label=$1
    shift
    local start end
    start=$(date +%s.%N)
    "$@" "$lwinnn" score "$work/model.lwinnn" "${images[@]}" --out "$work/out-$label" >"$work/$label.csv" \
        2>"$work/$label.log"
    end=$(date +%s.%N)
    echo "$label: $(echo "($end - $start) / ${#images[@]}" | bc -l | xargs printf '%.3f') s per image" \
         "(including loading the model and the backbone)"
}

run unlimited /usr/bin/time -f "%M" -o "$work/unlimited.rss"
echo "  peak resident memory: $(( $(cat "$work/unlimited.rss") / 1024 )) MB"

sync
echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
if [ -w /sys/fs/cgroup/memory ]; then
    cg=/sys/fs/cgroup/memory/lwinnn-streaming-$$
    mkdir "$cg"
    echo $((limit_mb * 1024 * 1024)) >"$cg/memory.limit_in_bytes"
    echo 0 >"$cg/memory.swappiness" 2>/dev/null || true
    limited() {
        bash -c 'echo $$ >"$0/cgroup.procs"; rss=$1; shift; exec /usr/bin/time -f "%M" -o "$rss" "$@"' \
            "$cg" "$work/limited.rss" "$@"
    }
    run limited limited
    echo "  cgroup peak (anonymous + page cache charged to it): $(( $(cat "$cg/memory.max_usage_in_bytes") / 1048576 )) MB;" \
         "peak resident memory: $(( $(cat "$work/limited.rss") / 1024 )) MB; limit hit $(cat "$cg/memory.failcnt") times"
else
    limited() { systemd-run --quiet --scope -p MemoryMax="${limit_mb}M" -p MemorySwapMax=0 "$@"; }
    run limited limited /usr/bin/time -f "%M" -o "$work/limited.rss"
    echo "  peak resident memory: $(( $(cat "$work/limited.rss") / 1024 )) MB"
fi
if cmp -s "$work/unlimited.csv" "$work/limited.csv"; then
    echo "scores: identical with and without the limit"
else
    echo "scores: DIFFER"
    exit 1
fi
