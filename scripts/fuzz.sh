#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined, in build/fuzz) and runs each for
# SECONDS (default 60) on seeds generated from ../shared, a model trained on demo data and the VisA CSVs the
# test suites wrote. Prints per target the executions, exec/s, coverage (cov/ft) and crashes, and keeps the
# summary in build/fuzz/summary.txt. Exits non-zero when a target found anything (the input is under
# build/fuzz/artifacts/<target>/). The corpora in build/fuzz/corpus grow from run to run.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# env:   LWINNN_CLI   the lwinnn binary used to train the demo model (default: the first of build/asan,
#                     build/release that exists); LWINNN_TEST_TMP  the tests' scratch folder (VisA CSVs)
set -euo pipefail

seconds=${1:-60}
(($#)) && shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
shared=$root/../shared
all_targets=(fuzz_checkpoint_reader fuzz_safetensors fuzz_model_file fuzz_visa_csv fuzz_project_file fuzz_image_header)
targets=("${all_targets[@]}")
(($#)) && targets=("$@")

# Longest input per target: a little above the largest seed, so that the search stays on the parsers rather
# than on copying megabytes of tensor data.
declare -A max_len=([fuzz_checkpoint_reader]=65536 [fuzz_safetensors]=65536 [fuzz_model_file]=65536
                    [fuzz_visa_csv]=4096 [fuzz_project_file]=8192 [fuzz_image_header]=16384)

if [[ ! -f $build/build.ninja ]]; then
    nice -n 15 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DLWINNN_BUILD_FUZZERS=ON -DLWINNN_BUILD_UI=OFF -DLWINNN_BUILD_TESTS=OFF
fi
available=()
known=$(ninja -C "$build" -t targets all)
for t in "${targets[@]}"; do
    if grep -q "^fuzz/$t:" <<<"$known"; then available+=("$t"); else
        echo "$t: not configured (its sources are missing); skipped"; fi
done
nice -n 15 ninja -C "$build" -j2 "${available[@]}"

# A model trained on the demo data, whose header the model-file seeds reuse.
work=$build/work
mkdir -p "$work"
cli=${LWINNN_CLI:-}
for candidate in "$root/build/asan/app/cli/lwinnn" "$root/build/release/app/cli/lwinnn"; do
    [[ -z $cli && -x $candidate ]] && cli=$candidate
done
model_args=()
if [[ -f $work/demo.lwinnn ]]; then
    model_args=(--model "$work/demo.lwinnn")
elif [[ -n $cli ]]; then
    rm -rf "$work/demo"
    "$cli" demo-data "$work/demo" >/dev/null
    weights=$shared/weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth
    [[ -f $weights ]] || weights=random
    nice -n 15 "$cli" train --data "$work/demo" --out "$work/demo.lwinnn" --window 3 --weights "$weights" >/dev/null
    model_args=(--model "$work/demo.lwinnn")
else
    echo "no lwinnn binary (set LWINNN_CLI): the model-file seeds are skipped"
fi
test_tmp=${LWINNN_TEST_TMP:-$root/build/asan/tests/tmp}
rm -rf "$build/seeds"
python3 "$root/fuzz/make_seeds.py" "$build/seeds" --shared "$shared" "${model_args[@]}" --test-tmp "$test_tmp"

summary=$build/summary.txt
printf '%-24s %8s %12s %8s %8s %8s %8s\n' target seconds executions exec/s cov ft crashes | tee "$summary"
status=0
for t in "${available[@]}"; do
    corpus=$build/corpus/$t
    artifacts=$build/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    log=$build/logs/$t.log
    mkdir -p "$(dirname "$log")"
    regressions=()
    [[ -d $root/fuzz/regressions/$t ]] && regressions=("$root/fuzz/regressions/$t")
    set +e
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        nice -n 15 "$build/fuzz/$t" -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=20 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "$build/seeds/$t" "${regressions[@]}" >"$log" 2>&1
    rc=$?
    set -e
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
    runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
    rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '%-24s %8s %12s %8s %8s %8s %8s\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
        "$crashes" | tee -a "$summary"
    if [[ $rc -ne 0 || $crashes -ne 0 ]]; then
        status=1
        echo "  $t: exit $rc; see $log and $artifacts/" | tee -a "$summary"
    fi
done
exit $status
