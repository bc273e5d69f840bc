#pragma once
// The plain cells of one link (every cell but a last cell held per movement) in one fused pass,
// downstream to upstream: each cell's outflow y_i = min(S_i, R_{i+1}) is computed from the old contents
// on the way (the inflow of a cell is the outflow of the next one up), so no outflow row goes through
// memory, and the link's per-member sums stay in registers. Members go as many at a time as one vector
// holds (`for_members`; GCC/clang vector extensions), the rest in narrower vectors and one alone; every
// lane does exactly the scalar arithmetic (min/max as std::min/std::max), so a member's bits depend
// neither on the batch size nor on the instruction set.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

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
  double* scratch = nullptr;       ///< B = 1: State::cell_scratch
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

/// Two, four or eight batch members in one vector register.
using Vec2 = double __attribute__((vector_size(2 * sizeof(double))));
using Vec4 = double __attribute__((vector_size(4 * sizeof(double))));
using Vec8 = double __attribute__((vector_size(8 * sizeof(double))));

/// Calls f(lanes, b) for members [b0, b1): kLanes at a time, the rest in narrower vectors and the last
/// alone; `lanes` is a zero of the type to use (a vector type, or double).
template <class F>
inline void for_members(std::size_t b0, std::size_t b1, F&& f) noexcept {
  std::size_t b = b0;
  if constexpr (kLanes >= 8) {
    for (; b + 8 <= b1; b += 8) f(Vec8{}, b);
  }
  if constexpr (kLanes >= 4) {
    for (; b + 4 <= b1; b += 4) f(Vec4{}, b);
  }
  for (; b + 2 <= b1; b += 2) f(Vec2{}, b);
  if (b < b1) f(0.0, b);
}

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
/// std::min and std::max, lane by lane (the same expressions).
template <class T>
[[nodiscard]] inline T lane_min(T a, T b) noexcept { return b < a ? b : a; }
template <class T>
[[nodiscard]] inline T lane_max(T a, T b) noexcept { return a < b ? b : a; }

/// y = min(S, R) from a cell holding `from` into a cell whose receiving function sees `to`.
template <class T>
[[nodiscard]] inline T cell_flow(T from, T to, T capacity, T ratio, T jam) noexcept {
  const T send = lane_min(from, capacity);
  const T room = lane_max(T{} + 0.0, ratio * (jam - to));
  return lane_min(send, lane_min(capacity, room));
}

/// Out of the most downstream plain cell (its row at `n_row`, `stopped_row`; members b…): into the last
/// cell held per movement, whose bays take no room, or into the exit. Writes the arriving (exiting) sums.
template <class T>
inline T last_outflow(const LinkCells& link, const double* n_row, const double* stopped_row, std::size_t stride,
                      std::size_t b, const LinkSums& sums) noexcept {
  const T capacity = T{} + link.capacity;
  if (link.to_movements) {
    const T out = cell_flow(load<T>(n_row), load<T>(n_row + stride) - load<T>(link.bays + b), capacity,
                            T{} + link.ratio, T{} + link.jam);
    store(sums.arriving + b, out);
    store(sums.arriving_stopped + b, lane_min(load<T>(stopped_row), out));
    return out;
  }
  const T out = lane_min(load<T>(n_row), capacity);
  store(sums.exiting + b, out);
  return out;
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
  T out = last_outflow<T>(link, n + row, stopped + row, stride, b, sums);
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

/// Calls f(lanes, i) for cells [0, count): w at a time as V, the last w again from count − w (f must give
/// the same result when called twice on a cell), one at a time only when fewer than w.
template <class V, std::size_t w, class F>
inline void over_cells(std::size_t count, F&& f) noexcept {
  if (count < w) {
    for (std::size_t i = 0; i < count; ++i) f(0.0, i);
    return;
  }
  std::size_t i = 0;
  for (; i + w <= count; i += w) f(V{}, i);
  if (i < count) f(V{}, count - w);
}

/// A batch of one: its cells are contiguous, so they go kLanes at a time (a vector of cells instead of
/// members), in three passes through State::cell_scratch: the flows y (Y[i + 1] out of cell i, Y[0] the
/// inflow), their stopped parts YS, what each cell holds H and its new stops T; then the sums, one cell
/// at a time from downstream as `plain_cells` adds them (so a single run has a batch member's bits);
/// then the new contents. Every value is the same expression of the same operands as there.
inline void plain_cells_single(const LinkCells& link, const LinkSums& sums) noexcept {
  using V = std::conditional_t<kLanes >= 8, Vec8, std::conditional_t<kLanes >= 4, Vec4, Vec2>>;
  constexpr std::size_t w = kLanes >= 8 ? 8 : kLanes >= 4 ? 4 : 2;
  const std::size_t p = link.plain;
  double* __restrict n = link.n;
  double* __restrict stopped = link.stopped;
  double* __restrict y = link.scratch;           // [p + 1]
  double* __restrict ys = y + (p + 1);           // [p + 1]
  double* __restrict h = ys + (p + 1);           // [p]
  double* __restrict t = h + p;                  // [p]
  y[0] = *link.inflow;
  ys[0] = 0.0;
  const auto held_and_stops = [&](auto count, auto flagged, auto out, std::size_t i) {
    using T = decltype(out);
    const T held = count - out;
    store(h + i, held);
    store(t + i, held - (flagged - lane_min(flagged, out)));
  };
  // Flows between the plain cells (out of cells 0 … p − 2).
  const auto between = [&](auto lanes, std::size_t i) {
    using T = decltype(lanes);
    const T capacity = T{} + link.capacity;
    const T count = load<T>(n + i);
    const T flagged = load<T>(stopped + i);
    const T out = cell_flow(count, load<T>(n + i + 1), capacity, T{} + link.ratio, T{} + link.jam);
    store(y + i + 1, out);
    store(ys + i + 1, lane_min(flagged, out));
    held_and_stops(count, flagged, out, i);
  };
  over_cells<V, w>(p - 1, between);
  // Out of the last plain cell: into the last cell, or into the exit.
  const double out = last_outflow<double>(link, n + p - 1, stopped + p - 1, 1, 0, sums);
  y[p] = out;
  held_and_stops(n[p - 1], stopped[p - 1], out, p - 1);
  double new_stops = 0;
  double time_veh = 0;
  double moved_veh = 0;
  double held_sum = 0;
  for (std::size_t k = p; k-- > 0;) {
    new_stops += t[k];
    time_veh += n[k];
    moved_veh += y[k + 1];
    held_sum += h[k];
  }
  *sums.new_stops = new_stops;
  *sums.time_veh = time_veh;
  *sums.moved_veh = moved_veh;
  *sums.held = held_sum;
  // New contents: what stayed plus what came in from upstream.
  const auto apply = [&](auto lanes, std::size_t k) {
    using T = decltype(lanes);
    const T held = load<T>(h + k);
    store(n + k, held + load<T>(y + k));
    store(stopped + k, held + load<T>(ys + k));
  };
  over_cells<V, w>(p, apply);
}

/// The link's plain cells for members [b0, b1) (`kOne`: the batch of one).
template <bool kOne>
inline void plain_cells(const LinkCells& link, std::size_t b0, std::size_t b1, const LinkSums& sums) noexcept {
  if constexpr (kOne) {
    plain_cells_single(link, sums);
  } else {
    for_members(b0, b1, [&](auto lanes, std::size_t b) { plain_cells<decltype(lanes)>(link, b, sums); });
  }
}

}  // namespace itsc::detail::ITSC_KERNEL_ISA
