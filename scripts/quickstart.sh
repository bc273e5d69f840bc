#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the bundled default scenario:
# optimize its signal timings and print the before/after table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Ashland Avenue, Chicago (Roosevelt Rd to Washington Blvd), derived from the City's open data.
scenario=data/chicago_ashland.yaml
plan=build/chicago_ashland.optimized.yaml
echo "== itsc info $scenario"
build/bin/itsc info "$scenario"
echo "== itsc optimize $scenario --threads $(nproc) -o $plan"
build/bin/itsc optimize "$scenario" --threads "$(nproc)" -o "$plan"
echo "== itsc simulate $scenario --plan $plan"
build/bin/itsc simulate "$scenario" --plan "$plan"
