// The demand as a run takes it: profile intervals, and the entry flow where counts and entries meet.
#include <algorithm>
#include <array>

#include "itsc/demand.hpp"

namespace itsc {

namespace {

constexpr std::array<std::pair<DemandBalance, std::string_view>, 3> kBalanceNames{
    {{DemandBalance::entries, "entries"}, {DemandBalance::counts, "counts"}, {DemandBalance::error, "error"}}};
constexpr std::array<std::pair<FlowUnit, std::string_view>, 2> kUnitNames{
    {{FlowUnit::veh_per_h, "veh_per_h"}, {FlowUnit::veh_per_interval, "veh_per_interval"}}};

}  // namespace

std::string_view to_string(DemandBalance balance) noexcept {
  for (const auto& [value, name] : kBalanceNames) {
    if (value == balance) return name;
  }
  return "entries";
}

std::optional<DemandBalance> parse_demand_balance(std::string_view text) noexcept {
  for (const auto& [value, name] : kBalanceNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(FlowUnit unit) noexcept {
  for (const auto& [value, name] : kUnitNames) {
    if (value == unit) return name;
  }
  return "veh_per_h";
}

std::optional<FlowUnit> parse_flow_unit(std::string_view text) noexcept {
  for (const auto& [value, name] : kUnitNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::size_t interval_count(const Demand& demand) noexcept {
  std::size_t count = 1;
  for (const EntryFlow& entry : demand.entries) count = std::max(count, entry.flow_veh_per_h.size());
  for (const EntryFlow& source : demand.sources) count = std::max(count, source.flow_veh_per_h.size());
  for (const TripEnds& sink : demand.sinks) count = std::max(count, sink.share.size());
  for (const ApproachTurns& turns : demand.turns) {
    for (const TurnShare& share : turns.shares) count = std::max(count, share.values.size());
  }
  return count;
}

double profile_value(const std::vector<double>& values, std::size_t k) noexcept {
  return values.empty() ? 0.0 : values[std::min(k, values.size() - 1)];
}

std::optional<double> counted_total_veh_per_h(const Demand& demand, std::string_view link, std::size_t k) {
  for (const ApproachTurns& turns : demand.turns) {
    if (!turns.counts || turns.link != link) continue;
    double total = 0;
    for (const TurnShare& share : turns.shares) total += profile_value(share.values, k);
    return total;
  }
  return std::nullopt;
}

double entry_flow_veh_per_h(const Demand& demand, std::string_view link, std::size_t k) {
  const auto entry = std::find_if(demand.entries.begin(), demand.entries.end(),
                                  [&](const EntryFlow& flow) { return flow.link == link; });
  const std::optional<double> counted = counted_total_veh_per_h(demand, link, k);
  if (counted && (entry == demand.entries.end() || demand.balance == DemandBalance::counts)) return *counted;
  return entry == demand.entries.end() ? 0.0 : profile_value(entry->flow_veh_per_h, k);
}

double source_flow_veh_per_h(const Demand& demand, std::string_view link, std::size_t k) {
  const auto source = std::find_if(demand.sources.begin(), demand.sources.end(),
                                   [&](const EntryFlow& flow) { return flow.link == link; });
  return source == demand.sources.end() ? 0.0 : profile_value(source->flow_veh_per_h, k);
}

double trip_end_share(const Demand& demand, std::string_view link, std::size_t k) {
  const auto sink = std::find_if(demand.sinks.begin(), demand.sinks.end(),
                                 [&](const TripEnds& ends) { return ends.link == link; });
  return sink == demand.sinks.end() ? 0.0 : profile_value(sink->share, k);
}

}  // namespace itsc
