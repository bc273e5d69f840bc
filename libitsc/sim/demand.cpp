// Demand → per-batch arrays: entry and source rates, trip-end shares and turning proportions per profile
// interval.
#include <algorithm>
#include <cmath>
#include <string>

#include "itsc/error.hpp"
#include "itsc/sim.hpp"

namespace itsc {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, "demand: " + message); }

void fill_member(const Model& model, const Demand& demand, BatchDemand& out, std::size_t b) {
  const std::size_t batch = out.batch;
  const std::size_t entries = model.entry_count();
  const std::size_t movements = model.movement_count();
  // Entry rates.
  const auto entry_of = [&](const std::string& id, bool source) {
    const auto link = model.find_link(id);
    return link != kNone && model.link_entry[link] != kNone && (model.entry_is_source[model.link_entry[link]] != 0) == source;
  };
  for (const EntryFlow& entry : demand.entries) {
    if (!entry_of(entry.link, false)) fail("entry flow on '" + entry.link + "', which is not an entry link");
  }
  for (const EntryFlow& source : demand.sources) {
    if (!entry_of(source.link, true)) fail("trips start on '" + source.link + "', for which the model has no source");
  }
  // Every entry link's flow as `demand.balance` takes it (from its counts where they win or stand alone),
  // every source's its profile.
  for (std::size_t e = 0; e < entries; ++e) {
    const std::string& link = model.link_id[model.entry_link[e]];
    const bool source = model.entry_is_source[e] != 0;
    for (std::size_t k = 0; k < out.interval_count; ++k) {
      const double flow = source ? source_flow_veh_per_h(demand, link, k) : entry_flow_veh_per_h(demand, link, k);
      if (!(flow >= 0)) fail("entry flow on '" + link + "' must not be negative");
      out.entry_veh_per_s[(k * entries + e) * batch + b] = flow / 3600.0;
    }
  }
  // Trip ends.
  const std::size_t sinks = model.sink_count();
  for (const TripEnds& ends : demand.sinks) {
    const auto link = model.find_link(ends.link);
    if (link == kNone || model.link_sink[link] == kNone) fail("trips end on '" + ends.link + "', for which the model has no sink");
  }
  for (std::size_t s = 0; s < sinks; ++s) {
    const std::string& link = model.link_id[model.sink_link[s]];
    for (std::size_t k = 0; k < out.interval_count; ++k) {
      const double share = trip_end_share(demand, link, k);
      if (!(share >= 0 && share <= 1)) fail("trips ending on '" + link + "': share must be within 0 and 1");
      out.end_share[(k * sinks + s) * batch + b] = share;
    }
  }
  // Turning proportions: a link with one leaving movement sends everything there.
  std::vector<bool> given(model.link_count(), false);
  for (const ApproachTurns& approach : demand.turns) {
    const auto node = model.find_node(approach.node);
    const auto link = model.find_link(approach.link);
    if (node == kNone || link == kNone || model.link_movement_begin[link] == model.link_movement_end[link] ||
        model.movement_node[model.link_movement_begin[link]] != node) {
      fail("turns for node '" + approach.node + "', link '" + approach.link + "': no such approach");
    }
    given[link] = true;
    for (std::size_t k = 0; k < out.interval_count; ++k) {
      double sum = 0;
      for (const TurnShare& share : approach.shares) {
        const auto m = model.find_movement(node, share.movement);
        if (m == kNone || model.movement_from_link[m] != link) {
          fail("turns at node '" + approach.node + "': movement '" + share.movement + "' does not leave link '" + approach.link + "'");
        }
        const double value = profile_value(share.values, k);
        if (!(value >= 0)) fail("turns at node '" + approach.node + "': negative value for '" + share.movement + "'");
        out.turn_proportion[(k * movements + m) * batch + b] = value;
        sum += value;
      }
      if (!(sum > 0)) fail("turns at node '" + approach.node + "', link '" + approach.link + "': all zero");
      if (!approach.counts && !demand.normalize_turns && std::abs(sum - 1.0) > 1e-3) {
        fail("turns at node '" + approach.node + "', link '" + approach.link + "': proportions sum to " + std::to_string(sum));
      }
      for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) {
        out.turn_proportion[(k * movements + m) * batch + b] /= sum;
      }
    }
  }
  for (std::size_t l = 0; l < model.link_count(); ++l) {
    const auto begin = model.link_movement_begin[l];
    const auto end = model.link_movement_end[l];
    if (given[l] || begin == end) continue;
    if (end - begin > 1) {
      fail("link '" + model.link_id[l] + "' splits into " + std::to_string(end - begin) + " movements at node '" +
           model.node_id[model.movement_node[begin]] + "' but has no turning data");
    }
    for (std::size_t k = 0; k < out.interval_count; ++k) out.turn_proportion[(k * movements + begin) * batch + b] = 1.0;
  }
  // The PHF applies to a flat (one-interval) profile only.
  const bool flat = interval_count(demand) == 1;
  const double phf = demand.peak_hour_factor.value_or(1.0);
  if (!(phf > 0) || phf > 1) fail("peak_hour_factor must be in (0, 1]");
  out.peak_hour_factor[b] = flat ? phf : 1.0;
  // Pedestrians at the crosswalks of signals (elsewhere no controller takes their calls).
  for (const PedestrianFlow& flow : demand.pedestrians) {
    if (!(flow.flow_ped_per_h >= 0)) fail("pedestrians at node '" + flow.node + "' must not be negative");
    const auto node = model.find_node(flow.node);
    for (std::size_t s = 0; s < model.signal_count(); ++s) {
      if (model.signalized_nodes[s] != node) continue;
      const auto& legs = model.signal_layout[s].crosswalks;
      const auto found = std::find(legs.begin(), legs.end(), flow.leg);
      if (found == legs.end()) continue;
      const std::size_t c = model.signal_crosswalk_begin[s] + static_cast<std::size_t>(found - legs.begin());
      out.crosswalk_ped_per_s[c * batch + b] += flow.flow_ped_per_h / 3600.0;
    }
  }
}

}  // namespace

BatchDemand compile_demand(const Model& model, std::span<const Demand> per_member) {
  if (per_member.empty()) fail("a batch needs at least one member");
  BatchDemand out;
  out.batch = per_member.size();
  out.interval_s = per_member.front().interval_s;
  for (const Demand& demand : per_member) {
    if (!(demand.interval_s > 0)) fail("interval_s must be positive");
    if (demand.interval_s != out.interval_s) fail("batch members must share interval_s");
    out.interval_count = std::max(out.interval_count, interval_count(demand));
  }
  out.entry_veh_per_s.assign(out.interval_count * model.entry_count() * out.batch, 0.0);
  out.turn_proportion.assign(out.interval_count * model.movement_count() * out.batch, 0.0);
  out.end_share.assign(out.interval_count * model.sink_count() * out.batch, 0.0);
  out.peak_hour_factor.assign(out.batch, 1.0);
  const std::size_t crosswalks = model.signal_crosswalk_begin.empty() ? 0 : model.signal_crosswalk_begin.back();
  out.crosswalk_ped_per_s.assign(crosswalks * out.batch, 0.0);
  for (std::size_t b = 0; b < out.batch; ++b) fill_member(model, per_member[b], out, b);
  return out;
}

BatchDemand compile_demand(const Model& model, const Demand& demand, std::size_t batch) {
  const std::vector<Demand> members(std::max<std::size_t>(1, batch), demand);
  return compile_demand(model, members);
}

BatchDemand slice(const BatchDemand& demand, std::size_t begin, std::size_t count) {
  if (count == 0 || begin + count > demand.batch) fail("demand: members out of range");
  // Every array is [row × B]: columns [begin, begin + count) of each row.
  const auto columns = [&](const std::vector<double>& values) {
    std::vector<double> kept;
    const std::size_t rows = values.size() / demand.batch;
    kept.reserve(rows * count);
    for (std::size_t row = 0; row < rows; ++row) {
      const auto first = values.begin() + static_cast<std::ptrdiff_t>(row * demand.batch + begin);
      kept.insert(kept.end(), first, first + static_cast<std::ptrdiff_t>(count));
    }
    return kept;
  };
  return {count, demand.interval_count, demand.interval_s, columns(demand.entry_veh_per_s),
          columns(demand.turn_proportion), columns(demand.end_share), columns(demand.peak_hour_factor),
          columns(demand.crosswalk_ped_per_s)};
}

}  // namespace itsc
