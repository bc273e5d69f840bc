#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the bundled default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scenario=data/isolated.yaml
echo "== itsc info $scenario"
build/bin/itsc info "$scenario"
