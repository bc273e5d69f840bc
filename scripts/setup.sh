#!/usr/bin/env bash
# Installs the Debian packages libitsc needs (only those missing), then configures and builds it in
# Release into build/. Sourced by the README's commands; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ clang-14 libomp-14-dev libeigen3-dev libboost-graph-dev libyaml-cpp-dev
          doctest-dev libbenchmark-dev libcli11-dev nlohmann-json3-dev libpugixml-dev pkgconf)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

build_dir=${ITSC_BUILD_DIR:-build}
echo "== building libitsc (Release) in $build_dir"
# shellcheck disable=SC2086
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release ${ITSC_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
