#include "itsc/interval_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "itsc/error.hpp"

namespace itsc {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

std::size_t column_of(std::span<const std::string> ids, const std::string& id, const char* what) {
  const auto found = std::find(ids.begin(), ids.end(), id);
  if (found == ids.end()) fail(std::string("timing: stage references unknown ") + what + " '" + id + "'");
  return static_cast<std::size_t>(found - ids.begin());
}

// A stage's times in local tenths and what it serves, as column indices.
struct StageSpan {
  Tenths green_start = 0;
  Tenths yellow_start = 0;
  Tenths red_start = 0;
  Tenths end = 0;
  Tenths walk_end = 0;
  std::vector<Indication> serves;  // [movement]: red when not served
  std::vector<bool> walks;         // [crosswalk]
};

std::vector<StageSpan> stage_spans(const Timing& timing, std::span<const std::string> movements,
                                   std::span<const std::string> crosswalks) {
  std::vector<StageSpan> spans;
  Tenths t = 0;
  for (const Stage& stage : timing.stages) {
    if (stage.green_s < 0 || stage.yellow_s < 0 || stage.red_clearance_s < 0) {
      fail("timing: stage durations must not be negative");
    }
    StageSpan span;
    span.green_start = t;
    span.yellow_start = t + to_tenths(stage.green_s);
    span.red_start = span.yellow_start + to_tenths(stage.yellow_s);
    span.end = span.red_start + to_tenths(stage.red_clearance_s);
    span.walk_end = std::min(span.yellow_start, t + to_tenths(kDefaultWalkS));
    span.serves.assign(movements.size(), Indication::red);
    span.walks.assign(crosswalks.size(), false);
    for (const auto& id : stage.serves.permitted_movements) {
      span.serves[column_of(movements, id, "movement")] = Indication::permitted_green;
    }
    for (const auto& id : stage.serves.protected_movements) {
      span.serves[column_of(movements, id, "movement")] = Indication::protected_green;
    }
    for (const auto& id : stage.serves.crosswalks) span.walks[column_of(crosswalks, id, "crosswalk")] = true;
    spans.push_back(std::move(span));
    t = spans.back().end;
  }
  return spans;
}

}  // namespace

Tenths to_tenths(double seconds) noexcept { return static_cast<Tenths>(std::llround(seconds * 10.0)); }

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
  if (timing.stages.empty()) fail("timing: a fixed-time table needs a stage plan (ring plans come later)");
  const auto spans = stage_spans(timing, movements, crosswalks);
  IntervalTable table;
  table.cycle = spans.back().end;
  if (table.cycle <= 0) fail("timing: the stages add up to a zero cycle");
  if (std::abs(static_cast<double>(table.cycle) - timing.cycle_s * 10.0) > 0.5) {
    fail("timing: cycle_s " + std::to_string(timing.cycle_s) + " differs from the sum of the stage splits " +
         std::to_string(static_cast<double>(table.cycle) / 10.0));
  }
  table.offset = to_tenths(timing.offset_s) % table.cycle;
  if (table.offset < 0) table.offset += table.cycle;
  table.movement_count = movements.size();
  table.crosswalk_count = crosswalks.size();

  // Every time any indication may change: stage starts, yellow and red starts, end of walk.
  std::vector<Tenths> cuts;
  for (const auto& span : spans) {
    for (const Tenths cut : {span.green_start, span.yellow_start, span.red_start, span.walk_end}) {
      if (cut < table.cycle) cuts.push_back(cut);
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
    std::size_t k = 0;
    while (spans[k].end <= cut) ++k;
    const StageSpan& span = spans[k];
    const StageSpan& next = spans[(k + 1) % spans.size()];
    for (std::size_t m = 0; m < movements.size(); ++m) {
      const Indication served = span.serves[m];
      if (cut < span.yellow_start || (served != Indication::red && next.serves[m] != Indication::red)) {
        row[m] = served;  // green, or kept green through the clearance into the next stage
      } else if (served != Indication::red && cut < span.red_start) {
        row[m] = Indication::yellow;
      } else {
        row[m] = Indication::red;
      }
      if (row[m] == Indication::red) row[m] = red[m];
    }
    for (std::size_t c = 0; c < crosswalks.size(); ++c) {
      if (!span.walks[c]) {
        ped_row[c] = PedestrianIndication::dont_walk;
      } else if (cut < span.walk_end) {
        ped_row[c] = PedestrianIndication::walk;
      } else if (cut < span.yellow_start) {
        ped_row[c] = PedestrianIndication::flashing_dont_walk;
      } else {
        ped_row[c] = PedestrianIndication::dont_walk;
      }
    }
    const std::size_t n = table.start.size();
    const bool same = n > 0 &&
                      std::equal(row.begin(), row.end(), table.movement.begin() + static_cast<std::ptrdiff_t>((n - 1) * row.size())) &&
                      std::equal(ped_row.begin(), ped_row.end(),
                                 table.crosswalk.begin() + static_cast<std::ptrdiff_t>((n - 1) * ped_row.size()));
    if (same) continue;
    table.start.push_back(cut);
    table.movement.insert(table.movement.end(), row.begin(), row.end());
    table.crosswalk.insert(table.crosswalk.end(), ped_row.begin(), ped_row.end());
  }
  return table;
}

}  // namespace itsc
