#!/usr/bin/env bash
# LWinNN Studio — set up, build and run.
#   ./run.sh          install missing Debian packages, build (Release), train on the built-in demo data
#                     set, print its figures and open the Studio on it (the CLI result only when there is
#                     no display)
#   ./run.sh test     install missing Debian packages (and python3-torch for the export test), build, run every
#                     test with ctest
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
root=$PWD
mode=${1:-demo}
case "$mode" in
  demo|test) ;;
  -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
  *) echo "usage: ./run.sh [test]" >&2; exit 2 ;;
esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
  local wanted missing=()
  mapfile -t wanted < <(grep -v '^\s*#' packaging/debian-packages.txt | grep -v '^\s*$')
  wanted+=("$@")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  say "Configuring and building (Release)"
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)"
}

# The backbone's ImageNet weights: whatever lwinnn finds itself, else the shared copy beside the project,
# else a download, else random weights (with a warning) so that the demo still runs.
choose_weights() {
  weights_args=()
  local cli=build/release/app/cli/lwinnn
  if [ -n "${LWINNN_WEIGHTS:-}" ]; then return; fi
  for f in "${TORCH_HOME:-/nonexistent}/hub/checkpoints/resnet18-f37072fd.pth" \
           "$HOME/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth" \
           "${XDG_DATA_HOME:-$HOME/.local/share}/lwinnn/weights/resnet18-f37072fd.pth"; do
    [ -f "$f" ] && return
  done
  local shared="$root/../shared/weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth"
  if [ -f "$shared" ]; then export LWINNN_WEIGHTS="$shared"; return; fi
  if "$cli" fetch-weights; then return; fi
  echo "No backbone weights could be found or downloaded: the demo runs with random weights." >&2
  weights_args=(--weights random)
}

if [ "$mode" = test ]; then
  # PyTorch, with which test_model_export loads an exported module as a Python user would (it skips without).
  install_packages python3-torch
else
  install_packages
fi
build

if [ "$mode" = test ]; then
  say "Running the tests"
  ctest --preset release
  exit $?
fi

cli=build/release/app/cli/lwinnn
demo=build/demo
choose_weights
say "Generating the demo data set in $demo/data"
"$cli" demo-data "$demo/data"
say "Training on $demo/data/train/good and evaluating on $demo/data/test"
rm -rf "$demo/heatmaps"
"$cli" eval --data "$demo/data" --window 7 --out "$demo/heatmaps" "${weights_args[@]}"
say "Heatmap overlays of every test image are in $root/$demo/heatmaps"
studio=build/release/app/studio/lwinnn-studio
if [ -x "$studio" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  say "Opening LWinNN Studio on the demo data set (it trains the model on start)"
  exec "$studio" "$demo/data" --train "${weights_args[@]}"
else
  echo "No display found: the Studio was not opened. With a desktop session, run:"
  echo "  $studio $demo/data --train"
fi
