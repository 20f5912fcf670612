#!/usr/bin/env bash
# Proves that a list of Debian packages is complete: every file the build or the programs need belongs to a
# package in the dependency closure of the list (apt-cache depends --recurse, Depends and Pre-Depends only).
#
#   check-debian-packages.sh cmake-cache CMakeCache.txt debian-packages.txt [--without PKG]...
#       the list ./run.sh installs covers every CMake package directory the configure step used (the
#       <Package>_DIR entries of the cache);
#   check-debian-packages.sh deb PACKAGE.deb [--without PKG]...
#       the .deb's Depends cover every shared library its programs and libraries load (ldd).
#
# --without drops a package from the list first (the suite uses it to show that the check does fail).
# Exits 0 when complete, 1 naming each uncovered file and its package, 2 on bad usage, 77 (skip) where
# dpkg or apt-cache is missing.
set -euo pipefail

usage() { sed -n '5,10p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
mode=$1
shift
for tool in dpkg dpkg-query apt-cache; do
  if ! command -v "$tool" >/dev/null; then echo "SKIP: $tool is not installed (not a Debian system)"; exit 77; fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Reads package names, one per line, from stdin; prints them without versions, architectures or blanks.
clean_names() {
  sed -e 's/[[:space:]]*(.*)//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/:[a-z0-9]*$//' -e '/^$/d'
}

# The needed files, one path per line, go to $work/files; the list's packages to $work/listed.
case "$mode" in
  cmake-cache)
    [ $# -ge 2 ] || usage
    cache=$1 list=$2
    shift 2
    [ -f "$cache" ] || { echo "$cache: no such file (configure the project first)" >&2; exit 2; }
    [ -f "$list" ] || { echo "$list: no such file" >&2; exit 2; }
    grep -v '^\s*#' "$list" | clean_names >"$work/listed"
    build_dir=$(dirname "$(readlink -f "$cache")")
    # <Package>_DIR:PATH=<dir> entries whose folder holds the package's CMake config file (include folders
    # and the project's own settings do not), outside the build tree; the config file is what must be owned.
    sed -n 's/^\([A-Za-z0-9_.+-]*\)_DIR:PATH=\(\/.*\)$/\1 \2/p' "$cache" | while read -r name dir; do
      [ -d "$dir" ] || continue
      case "$(readlink -f "$dir")/" in "$build_dir"/*) continue ;; esac
      lower=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')
      for config in "$dir/${name}Config.cmake" "$dir/${lower}-config.cmake"; do
        if [ -f "$config" ]; then printf '%s_DIR\t%s\n' "$name" "$config"; break; fi
      done
    done >"$work/files"
    what="CMake packages"
    ;;
  deb)
    [ $# -ge 1 ] || usage
    deb=$1
    shift
    [ -f "$deb" ] || { echo "$deb: no such file" >&2; exit 2; }
    dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | clean_names >"$work/listed"
    dpkg-deb -x "$deb" "$work/root"
    root=$(readlink -f "$work/root")
    : >"$work/files"
    while IFS= read -r -d '' file; do
      head -c 4 "$file" | grep -q $'^\x7fELF' || continue
      ldd "$file" >"$work/ldd" 2>&1 || true
      if grep -q 'not found' "$work/ldd"; then
        echo "${file#"$root"}: a library is not found at all:" >&2
        grep 'not found' "$work/ldd" >&2
        exit 1
      fi
      # "libx.so => /path (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)"; the package's own files are covered.
      sed -n -e 's/^.*=> \(\/[^ ]*\) (0x.*$/\1/p' -e 's/^[[:space:]]*\(\/[^ ]*\) (0x.*$/\1/p' "$work/ldd" |
        while read -r lib; do
          case "$(readlink -f "$lib")" in "$root"/*) continue ;; esac
          printf '%s\t%s\n' "${file#"$root"}" "$lib"
        done >>"$work/files"
    done < <(find "$root" -type f -print0)
    what="libraries loaded"
    ;;
  *) usage ;;
esac

while [ $# -gt 0 ]; do
  case "$1" in
    --without) [ $# -ge 2 ] || usage; grep -vxF "$2" "$work/listed" >"$work/kept" || true; mv "$work/kept" "$work/listed"; shift 2 ;;
    *) usage ;;
  esac
done
[ -s "$work/listed" ] || { echo "the package list is empty" >&2; exit 1; }
[ -s "$work/files" ] || { echo "nothing to check: no $what found" >&2; exit 1; }

# The closure: every package (and virtual package) reachable through Depends and Pre-Depends. It follows every
# alternative of an "a | b" and every provider of a virtual package, so it is the largest set apt could install:
# a file outside it is certainly missing; one inside may still come only from an alternative apt did not pick.
if ! apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances $(cat "$work/listed") >"$work/depends" 2>"$work/apt.err"; then
  echo "apt-cache depends failed (run apt-get update once):" >&2
  cat "$work/apt.err" >&2
  exit 1
fi
grep -v '^ ' "$work/depends" | tr -d '<>' | clean_names | sort -u >"$work/closure"
cat "$work/listed" >>"$work/closure"
sort -u -o "$work/closure" "$work/closure"

# The owners of every needed path, from one dpkg -S call; with merged /usr a file may be registered under
# /lib or /usr/lib, and a link under its own name or its target's.
sort -u "$work/files" -o "$work/files"
candidates() { printf '%s\n' "$1" "$(readlink -f "$1")" "${1#/usr}" "/usr$1"; }
cut -f2 "$work/files" | sort -u | while read -r path; do candidates "$path"; done | sort -u >"$work/candidates"
declare -A owner_of
while IFS= read -r line; do
  path=${line##*: }
  owners=$(printf '%s\n' "${line%: *}" | tr ',' '\n' | clean_names | tr '\n' ' ')
  owner_of[$path]=$owners
done < <(xargs -d '\n' dpkg -S <"$work/candidates" 2>/dev/null | grep ': /' || true)

missing=0 checked=0
while IFS=$'\t' read -r who path; do
  checked=$((checked + 1))
  owners=
  while read -r candidate; do
    if [ -n "${owner_of[$candidate]:-}" ]; then owners=${owner_of[$candidate]}; break; fi
  done < <(candidates "$path")
  if [ -z "$owners" ]; then
    missing=$((missing + 1))
    [ "$missing" -le 40 ] && echo "$who: $path belongs to no Debian package" >&2
    continue
  fi
  covered=no
  for p in $owners; do grep -qxF "$p" "$work/closure" && covered=yes; done
  if [ "$covered" = no ]; then
    missing=$((missing + 1))
    [ "$missing" -le 40 ] &&
      echo "$who: $path comes from $(echo $owners | tr ' ' ','), which is not in the dependency closure of the list" >&2
  fi
done <"$work/files"

closure=$(wc -l <"$work/closure")
if [ "$missing" -gt 0 ]; then
  [ "$missing" -gt 40 ] && echo "… and $((missing - 40)) more" >&2
  echo "$missing of $checked ${what} are not covered by the $(wc -l <"$work/listed") listed packages ($closure in the closure)" >&2
  exit 1
fi
echo "complete: $checked ${what}, each from a package in the closure ($closure packages) of the $(wc -l <"$work/listed") listed"
