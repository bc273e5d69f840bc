// Fixed-time operation of a ring-barrier plan (stage plans are its one-ring case) compiled into the
// cyclic interval table: every phase runs its split; the cycle is cut wherever an indication changes.
#include "itsc/interval_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

std::size_t column_of(std::span<const std::string> ids, const std::string& id, const char* what) {
  const auto found = std::find(ids.begin(), ids.end(), id);
  if (found == ids.end()) fail(std::string("timing: the plan references unknown ") + what + " '" + id + "'");
  return static_cast<std::size_t>(found - ids.begin());
}

double required(const std::optional<double>& value, int phase, const char* key) {
  if (!value) {
    fail("timing: phase " + std::to_string(phase) + " has no " + key +
         " (resolve_timing sets the defaults from the node's geometry)");
  }
  return *value;
}

// A phase's intervals in plan time (tenths from the cycle start).
struct PhaseTimes {
  Tenths start = 0;
  Tenths yellow_start = 0;
  Tenths red_start = 0;
  Tenths end = 0;
  Tenths walk_end = 0;  // == start without crosswalks
  Tenths clearance_end = 0;
  std::size_t next = 0;  // following phase in its ring
};

enum class PhaseState { idle, green, yellow, red_clearance };

PhaseState state_at(const PhaseTimes& phase, Tenths t) {
  if (t < phase.start || t >= phase.end) return PhaseState::idle;
  if (t < phase.yellow_start) return PhaseState::green;
  return t < phase.red_start ? PhaseState::yellow : PhaseState::red_clearance;
}

std::vector<PhaseTimes> phase_times(const std::vector<detail::PhaseWindow>& timeline) {
  std::vector<PhaseTimes> times;
  for (const detail::PhaseWindow& window : timeline) {
    const Phase& phase = *window.phase;
    PhaseTimes t;
    t.start = window.start;
    t.end = window.end;
    t.next = window.next;
    t.red_start = t.end - to_tenths(required(phase.red_clearance_s, phase.number, "red_clearance_s"));
    t.yellow_start = t.red_start - to_tenths(required(phase.yellow_s, phase.number, "yellow_s"));
    if (t.yellow_start < t.start)
      fail("timing: phase " + std::to_string(phase.number) + ": yellow and red clearance exceed the split");
    // Walk from the start of green, then flashing don't walk; both end by the yellow at the latest.
    t.walk_end = t.clearance_end = t.start;
    if (!phase.serves.crosswalks.empty()) {
      t.walk_end = std::min(t.yellow_start, t.start + to_tenths(required(phase.walk_s, phase.number, "walk_s")));
      t.clearance_end = std::min(
          t.yellow_start,
          t.walk_end + to_tenths(required(phase.pedestrian_clearance_s, phase.number, "pedestrian_clearance_s")));
    }
    times.push_back(t);
  }
  return times;
}

// The phases (timeline indices) that serve a movement, by kind; an overlap lends its parents.
struct Servers {
  std::vector<std::size_t> protecting;
  std::vector<std::size_t> permitting;
  [[nodiscard]] bool protects(std::size_t p) const {
    return std::find(protecting.begin(), protecting.end(), p) != protecting.end();
  }
  [[nodiscard]] bool serves(std::size_t p) const {
    return protects(p) || std::find(permitting.begin(), permitting.end(), p) != permitting.end();
  }
};

// The indication a movement shows at plan time t. A server in its change interval keeps the movement
// green when the phase after it in its ring serves the movement too (NTCIP overlap rule); a
// protected movement that continues permitted shows a yellow arrow first, then the permitted green
// (MUTCD 4D.20: green arrow, yellow arrow, flashing yellow arrow).
Indication movement_at(const Servers& servers, const std::vector<PhaseTimes>& phases, Tenths t) {
  bool carried_protected = false;
  bool protected_yellow = false;
  for (const std::size_t p : servers.protecting) {
    const PhaseState state = state_at(phases[p], t);
    if (state == PhaseState::green) return Indication::protected_green;
    if (state == PhaseState::idle) continue;
    if (servers.protects(phases[p].next)) carried_protected = true;
    if (state == PhaseState::yellow) protected_yellow = true;
  }
  if (carried_protected) return Indication::protected_green;
  if (protected_yellow) return Indication::yellow;
  bool permitted_yellow = false;
  for (const auto* list : {&servers.permitting, &servers.protecting}) {
    for (const std::size_t p : *list) {
      const PhaseState state = state_at(phases[p], t);
      if (state == PhaseState::idle) continue;
      if (state == PhaseState::green || servers.serves(phases[p].next)) return Indication::permitted_green;
      if (state == PhaseState::yellow && list == &servers.permitting) permitted_yellow = true;
    }
  }
  return permitted_yellow ? Indication::yellow : Indication::red;
}

PedestrianIndication crosswalk_at(const std::vector<std::size_t>& servers, const std::vector<PhaseTimes>& phases,
                                  Tenths t) {
  auto shown = PedestrianIndication::dont_walk;
  for (const std::size_t p : servers) {
    if (t < phases[p].start) continue;
    if (t < phases[p].walk_end) return PedestrianIndication::walk;
    if (t < phases[p].clearance_end) shown = PedestrianIndication::flashing_dont_walk;
  }
  return shown;
}

}  // namespace

std::size_t IntervalTable::interval_at(Tenths local) const noexcept {
  const auto after = std::upper_bound(start.begin(), start.end(), local);
  return static_cast<std::size_t>(after - start.begin()) - 1;
}

Tenths IntervalTable::local_time(Tenths system_time) const noexcept {
  const Tenths local = (system_time - offset) % cycle;
  return local < 0 ? local + cycle : local;
}

IntervalTable compile_interval_table(const Timing& timing, std::span<const std::string> movements,
                                     std::span<const std::string> crosswalks, std::span<const std::string> turn_on_red) {
  const RingPlan plan = ring_plan_of(timing);
  const auto timeline = detail::ring_timeline(plan);
  const auto phases = phase_times(timeline);
  IntervalTable table;
  table.cycle =
      std::max_element(phases.begin(), phases.end(), [](const auto& a, const auto& b) { return a.end < b.end; })->end;
  if (table.cycle <= 0) fail("timing: the splits add up to a zero cycle");
  if (std::abs(static_cast<double>(table.cycle) - timing.cycle_s * 10.0) > 0.5) {
    fail("timing: cycle_s " + std::to_string(timing.cycle_s) + " differs from the ring time " +
         std::to_string(static_cast<double>(table.cycle) / 10.0));
  }
  table.offset = to_tenths(timing.offset_s) % table.cycle;
  if (table.offset < 0) table.offset += table.cycle;
  table.movement_count = movements.size();
  table.crosswalk_count = crosswalks.size();

  // Who serves each column: phases directly, overlaps through their parents.
  std::vector<Servers> servers(movements.size());
  std::vector<std::vector<std::size_t>> walkers(crosswalks.size());
  const auto add_service = [&](const Service& service, std::size_t p) {
    for (const auto& id : service.protected_movements)
      servers[column_of(movements, id, "movement")].protecting.push_back(p);
    for (const auto& id : service.permitted_movements)
      servers[column_of(movements, id, "movement")].permitting.push_back(p);
  };
  for (std::size_t p = 0; p < timeline.size(); ++p) {
    add_service(timeline[p].phase->serves, p);
    for (const auto& id : timeline[p].phase->serves.crosswalks)
      walkers[column_of(crosswalks, id, "crosswalk")].push_back(p);
  }
  for (const Overlap& overlap : plan.overlaps) {
    if (!overlap.serves.crosswalks.empty())
      fail("timing: overlap " + overlap.id + " serves crosswalks (not supported)");
    for (const int parent : overlap.parents) {
      const auto found =
          std::find_if(timeline.begin(), timeline.end(), [&](const auto& w) { return w.phase->number == parent; });
      if (found == timeline.end())
        fail("timing: overlap " + overlap.id + " names undefined phase " + std::to_string(parent));
      add_service(overlap.serves, static_cast<std::size_t>(found - timeline.begin()));
    }
  }

  // Local time 0 is the reference's start of green; cut wherever a phase or pedestrian interval starts.
  const Tenths reference = phases[detail::reference_window(plan, timeline)].start;
  std::vector<Tenths> cuts;
  for (const PhaseTimes& phase : phases) {
    for (const Tenths cut : {phase.start, phase.yellow_start, phase.red_start, phase.walk_end, phase.clearance_end}) {
      cuts.push_back(((cut - reference) % table.cycle + table.cycle) % table.cycle);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  // Red of a movement that may turn on red.
  std::vector<Indication> red(movements.size(), Indication::red);
  for (std::size_t m = 0; m < movements.size(); ++m) {
    if (std::find(turn_on_red.begin(), turn_on_red.end(), movements[m]) != turn_on_red.end()) {
      red[m] = Indication::red_turn_on_red;
    }
  }

  // Indications at the start of each candidate interval; identical neighbours are merged.
  std::vector<Indication> row(movements.size());
  std::vector<PedestrianIndication> ped_row(crosswalks.size());
  for (const Tenths cut : cuts) {
    const Tenths t = (cut + reference) % table.cycle;
    for (std::size_t m = 0; m < movements.size(); ++m) {
      row[m] = movement_at(servers[m], phases, t);
      if (row[m] == Indication::red) row[m] = red[m];
    }
    for (std::size_t c = 0; c < crosswalks.size(); ++c) ped_row[c] = crosswalk_at(walkers[c], phases, t);
    const std::size_t n = table.start.size();
    const bool same =
        n > 0 && std::equal(row.begin(), row.end(), table.movement.end() - static_cast<std::ptrdiff_t>(row.size())) &&
        std::equal(ped_row.begin(), ped_row.end(), table.crosswalk.end() - static_cast<std::ptrdiff_t>(ped_row.size()));
    if (same) continue;
    table.start.push_back(cut);
    table.movement.insert(table.movement.end(), row.begin(), row.end());
    table.crosswalk.insert(table.crosswalk.end(), ped_row.begin(), ped_row.end());
  }
  return table;
}

}  // namespace itsc
