#!/usr/bin/env bash
# Engine benchmarks of docs/performance.md: builds itsc_bench in Release (build-rel/) and runs it with
# repetitions, printing the machine and its load first (wall-clock figures depend on both).
#   scripts/bench.sh                     every engine benchmark
#   scripts/bench.sh 'engine_grid6x6'    a --benchmark_filter regex
# Environment: BUILD_DIR (build-rel), REPETITIONS (5), MIN_TIME (1, seconds per repetition), JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-rel}"
filter="${1:-engine_}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DITSC_BUILD_BENCHMARKS=ON -DITSC_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" -j "${JOBS:-2}" --target itsc_bench > /dev/null
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load:$(uptime | sed 's/.*load average://')"
"$build/benchmarks/itsc_bench" --benchmark_filter="$filter" --benchmark_repetitions="${REPETITIONS:-5}" \
  --benchmark_min_time="${MIN_TIME:-1}" --benchmark_report_aggregates_only=true
echo "# load at the end:$(uptime | sed 's/.*load average://')"
