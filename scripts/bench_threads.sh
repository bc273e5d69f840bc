#!/usr/bin/env bash
# Two threads against one at B = 16 (the floor in docs/performance.md), measured in alternation: on a shared or
# virtual machine the speed of each core drifts by tens of percent within minutes, so one thread and two
# are timed back to back, ROUNDS times, each vCPU alone too (pinned with taskset), and the ratios printed.
#   scripts/bench_threads.sh            # 6 rounds
# Environment: BUILD_DIR (build-rel), ROUNDS (6), MIN_TIME (0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-rel}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DITSC_BUILD_BENCHMARKS=ON -DITSC_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" -j 2 --target itsc_bench > /dev/null
bench="$build/benchmarks/itsc_bench"
# Milliseconds of wall time for 900 steps of the benchmark named $1, run as "${@:2}" $bench.
time_ms() {
  "${@:2}" "$bench" --benchmark_filter="^$1/real_time\$" --benchmark_min_time="${MIN_TIME:-0.5}" 2>/dev/null |
    awk -v name="$1/real_time" '$1 == name { print ($3 == "ms") ? $2 : $2 * 1000 }'
}
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
echo "# ms per 900 steps at B = 16: one thread on cpu0, on cpu1, unpinned; two threads; ratio one/two"
for _ in $(seq "${ROUNDS:-6}"); do
  cpu0=$(time_ms engine_grid6x6/B:16/T:1 taskset -c 0)
  cpu1=$(time_ms engine_grid6x6/B:16/T:1 taskset -c 1)
  one=$(time_ms engine_grid6x6/B:16/T:1 env)
  two=$(time_ms engine_grid6x6/B:16/T:2 env)
  awk -v a="$cpu0" -v b="$cpu1" -v c="$one" -v d="$two" \
    'BEGIN { printf "cpu0 %6.1f  cpu1 %6.1f  one %6.1f  two %6.1f  one/two %.2f\n", a, b, c, d, c / d }'
done
echo "# load at the end:$(uptime | sed 's/.*load average://')"
