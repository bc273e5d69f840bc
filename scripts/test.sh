#!/usr/bin/env bash
# The README's second command: set up, build in Release, run the whole CTest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== running the test suite"
ctest --test-dir "${ITSC_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
