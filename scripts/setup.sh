#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing:
# Debian packages, the Dear ImGui source (into a cache outside git) and the
# npm packages of the browser tests (from the committed lock file).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config clang-format dpkg-dev xz-utils
  emscripten binaryen
  libboost-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev doctest-dev zlib1g-dev
  libcurl4-openssl-dev libpq-dev postgresql nginx-light
  fonts-noto-core fonts-font-awesome fonts-symbola fonttools
  chromium
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

src_list=/etc/apt/sources.list.d/debian-src.sources
imgui_cache="${CHATS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chats-inbox}"
imgui_dir="$imgui_cache/imgui"

need_update=0
[ ${#missing[@]} -gt 0 ] && need_update=1
if [ ! -f "$imgui_dir/imgui.cpp" ] && [ ! -f "$src_list" ]; then
  # The ImGui .cpp files come only from Debian's source package.
  as_root tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi

if [ "$need_update" = 1 ]; then
  echo "setup: apt-get update"
  as_root apt-get update -qq || echo "setup: apt-get update reported errors (unreachable extra repositories are ignored)"
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "setup: fetching the Dear ImGui source package into $imgui_cache"
  mkdir -p "$imgui_cache/src"
  (cd "$imgui_cache/src" && apt-get source --download-only imgui >/dev/null)
  tarball=$(ls "$imgui_cache"/src/imgui_*.orig.tar.* | head -n 1)
  rm -rf "$imgui_dir.tmp" && mkdir -p "$imgui_dir.tmp"
  tar -xf "$tarball" -C "$imgui_dir.tmp" --strip-components=1
  rm -rf "$imgui_dir" && mv "$imgui_dir.tmp" "$imgui_dir"
fi

if [ ! -d tests/browser/node_modules/playwright-core ] ; then
  echo "setup: npm ci (browser tests)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ready (ImGui at $imgui_dir)"
