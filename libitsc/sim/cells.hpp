#pragma once
// The plain cells of one link (every cell but a last cell held per movement) in one fused pass,
// downstream to upstream: each cell's outflow y_i = min(S_i, R_{i+1}) is computed from the old contents
// on the way (the inflow of a cell is the outflow of the next one up), so no outflow row goes through
// memory, and the link's per-member sums stay in registers. Members go two at a time as one vector
// (`Pair`, GCC/clang vector extension: SSE2 on x86-64) and one at a time for an odd last one; every
// lane does exactly the scalar arithmetic (min/max as std::min/std::max), so a member's bits do not
// depend on the batch size.
#include <algorithm>
#include <cstddef>
#include <cstring>

namespace itsc::detail {

/// One link's plain cells and parameters (the same for all its cells).
struct LinkCells {
  double* n = nullptr;        ///< its first cell's row of State::cell_veh ([cell × B], stride `batch`)
  double* stopped = nullptr;  ///< its first cell's row of State::cell_stopped_veh
  std::size_t batch = 1;
  std::size_t plain = 0;      ///< cells updated here (≥ 1)
  bool to_movements = false;  ///< the last cell is held per movement (else it empties into an exit)
  double capacity = 0;        ///< Q·Δt
  double ratio = 0;           ///< w′/v′
  double jam = 0;             ///< N
  const double* inflow = nullptr;  ///< [B] into its first cell
  const double* bays = nullptr;    ///< [B] vehicles stored in its bays (no room taken in the last cell)
};

/// [B] rows the pass writes.
struct LinkSums {
  double* arriving;          ///< into the last cell held per movement
  double* arriving_stopped;  ///< the stopped part of that
  double* exiting;           ///< out of the last cell into the exit
  double* new_stops;         ///< stops counted in the plain cells
  double* time_veh;          ///< vehicles in the plain cells at the start of the step
  double* moved_veh;         ///< vehicles that moved on out of them
  double* held;              ///< vehicles held in them
};

/// Two batch members in one vector register.
using Pair = double __attribute__((vector_size(16)));

template <class T>
[[nodiscard]] inline T load(const double* p) noexcept {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}
template <class T>
inline void store(double* p, T value) noexcept {
  std::memcpy(p, &value, sizeof value);
}
/// *p += value, lane by lane.
template <class T>
inline void add_to(double* p, T value) noexcept {
  store(p, load<T>(p) + value);
}
[[nodiscard]] inline double lane_min(double a, double b) noexcept { return std::min(a, b); }
[[nodiscard]] inline double lane_max(double a, double b) noexcept { return std::max(a, b); }
[[nodiscard]] inline Pair lane_min(Pair a, Pair b) noexcept { return b < a ? b : a; }  // as std::min
[[nodiscard]] inline Pair lane_max(Pair a, Pair b) noexcept { return a < b ? b : a; }  // as std::max

/// y = min(S, R) from a cell holding `from` into a cell whose receiving function sees `to`.
template <class T>
[[nodiscard]] inline T cell_flow(T from, T to, T capacity, T ratio, T jam) noexcept {
  const T send = lane_min(from, capacity);
  const T room = lane_max(T{} + 0.0, ratio * (jam - to));
  return lane_min(send, lane_min(capacity, room));
}

/// Advances the members at b (one lane of T each) of the link's plain cells by one step. A vehicle still
/// in its cell after the step had its chance to move on and was held: it has stopped on this link
/// (flagged, counted once); stopped vehicles leave a cell first (FIFO).
template <class T>
inline void plain_cells(const LinkCells& link, std::size_t b, const LinkSums& sums) noexcept {
  const std::size_t stride = link.batch;
  double* __restrict n = link.n + b;
  double* __restrict stopped = link.stopped + b;
  const T capacity = T{} + link.capacity;
  const T ratio = T{} + link.ratio;
  const T jam = T{} + link.jam;
  T new_stops{};
  T time_veh{};
  T moved_veh{};
  T held_sum{};
  // The most downstream plain cell's outflow: into the last cell, or into the exit.
  std::size_t row = (link.plain - 1) * stride;
  T out;
  if (link.to_movements) {
    out = cell_flow(load<T>(n + row), load<T>(n + row + stride) - load<T>(link.bays + b), capacity, ratio, jam);
    store(sums.arriving + b, out);
    store(sums.arriving_stopped + b, lane_min(load<T>(stopped + row), out));
  } else {
    out = lane_min(load<T>(n + row), capacity);
    store(sums.exiting + b, out);
  }
  for (;; row -= stride) {
    const T count = load<T>(n + row);
    const T flagged = load<T>(stopped + row);
    T in;
    T in_stopped;
    if (row > 0) {
      in = cell_flow(load<T>(n + row - stride), count, capacity, ratio, jam);
      in_stopped = lane_min(load<T>(stopped + row - stride), in);
    } else {
      in = load<T>(link.inflow + b);
      in_stopped = T{} + 0.0;
    }
    const T held = count - out;
    new_stops += held - (flagged - lane_min(flagged, out));
    time_veh += count;
    moved_veh += out;
    held_sum += held;
    store(n + row, held + in);
    store(stopped + row, held + in_stopped);
    if (row == 0) break;
    out = in;  // the next cell up sends what this one received
  }
  store(sums.new_stops + b, new_stops);
  store(sums.time_veh + b, time_veh);
  store(sums.moved_veh + b, moved_veh);
  store(sums.held + b, held_sum);
}

/// The link's plain cells for members [b0, b1).
inline void plain_cells(const LinkCells& link, std::size_t b0, std::size_t b1, const LinkSums& sums) noexcept {
  std::size_t b = b0;
  for (; b + 2 <= b1; b += 2) plain_cells<Pair>(link, b, sums);
  if (b < b1) plain_cells<double>(link, b, sums);
}

}  // namespace itsc::detail
