#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the bundled default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Ashland Avenue, Chicago (Roosevelt Rd to Washington Blvd), derived from the City's open data.
scenario=data/chicago_ashland.yaml
echo "== itsc info $scenario"
build/bin/itsc info "$scenario"
echo "== itsc simulate $scenario"
build/bin/itsc simulate "$scenario"
