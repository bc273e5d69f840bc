#include <algorithm>
#include <string>

#include "itsc/controller.hpp"
#include "itsc/error.hpp"
#include "itsc/max_pressure.hpp"

namespace itsc {

FixedTimeController::FixedTimeController(std::vector<IntervalTable> tables) : tables_(std::move(tables)) {
  if (tables_.empty()) throw Error(ErrorCode::invalid_input, "fixed-time controller: no interval table");
  movements_ = tables_.front().movement_count;
  for (const auto& table : tables_) {
    if (table.movement_count != movements_ || table.cycle <= 0 || table.start.empty()) {
      throw Error(ErrorCode::invalid_input, "fixed-time controller: tables of one intersection disagree");
    }
  }
  cursor_.assign(tables_.size(), 0);
}

void FixedTimeController::step(Tenths start, Tenths length, const Observation& /*observation*/,
                               const SignalCommand& command) noexcept {
  const std::size_t batch = tables_.size();
  for (std::size_t b = 0; b < batch; ++b) {
    const IntervalTable& table = tables_[b];
    Tenths local = table.local_time(start);
    // The cursor follows time forward; search only when time jumped.
    std::size_t i = cursor_[b];
    if (local < table.start[i] || local >= table.end(i)) i = table.interval_at(local);
    for (std::size_t m = 0; m < movements_; ++m) {
      command.green_tenths[m * batch + b] = 0;
      command.yellow_tenths[m * batch + b] = 0;
    }
    // Walk the intervals the step overlaps, adding each one's share to green or yellow.
    Tenths remaining = length;
    std::size_t last = i;
    while (remaining > 0) {
      const Tenths piece = std::min(remaining, table.end(i) - local);
      for (std::size_t m = 0; m < movements_; ++m) {
        const Indication shown = table.indication(i, m);
        if (is_green(shown)) {
          command.green_tenths[m * batch + b] += static_cast<std::int32_t>(piece);
        } else if (shown == Indication::yellow) {
          command.yellow_tenths[m * batch + b] += static_cast<std::int32_t>(piece);
        }
      }
      last = i;
      remaining -= piece;
      local += piece;
      if (local >= table.end(i)) {
        i = i + 1 < table.interval_count() ? i + 1 : 0;
        if (local >= table.cycle) local = 0;
      }
    }
    for (std::size_t m = 0; m < movements_; ++m) command.indication[m * batch + b] = table.indication(last, m);
    cursor_[b] = i;
  }
}

std::string controller_names_text() {
  std::string text;
  for (const std::string_view name : kControllerNames) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

std::unique_ptr<Controller> make_controller(std::span<const Timing> timing_per_member,
                                            const IntersectionLayout& layout) {
  if (timing_per_member.empty()) throw Error(ErrorCode::invalid_input, "controller: no timing given");
  const std::string& name = timing_per_member.front().controller;
  if (name == "actuated" || name == "max-pressure" || name == "max-pressure-cycle") {
    for (const Timing& timing : timing_per_member) {
      if (timing != timing_per_member.front()) {
        throw Error(ErrorCode::invalid_input, name + " controller: batch members must share one timing");
      }
    }
    const std::size_t batch = timing_per_member.size();
    if (name == "actuated") return std::make_unique<ActuatedController>(timing_per_member.front(), layout, batch);
    const auto mode = name == "max-pressure" ? MaxPressureMode::acyclic : MaxPressureMode::cycle;
    return std::make_unique<MaxPressureController>(timing_per_member.front(), layout, batch, mode);
  }
  std::vector<IntervalTable> tables;
  tables.reserve(timing_per_member.size());
  for (const Timing& timing : timing_per_member) {
    if (timing.controller != timing_per_member.front().controller) {
      throw Error(ErrorCode::invalid_input, "controller: batch members name different controllers");
    }
    if (timing.controller != "fixed") {
      throw Error(ErrorCode::invalid_input,
                  "controller '" + timing.controller + "' is not available (known: " + controller_names_text() + ")");
    }
    tables.push_back(compile_interval_table(timing, layout.movements, layout.crosswalks, layout.turn_on_red));
  }
  return std::make_unique<FixedTimeController>(std::move(tables));
}

}  // namespace itsc

namespace itsc {
std::unique_ptr<Controller> FixedTimeController::clone() const { return std::make_unique<FixedTimeController>(*this); }
bool FixedTimeController::copy_member(const Controller&, std::size_t, std::size_t) noexcept { return false; }
}  // namespace itsc
