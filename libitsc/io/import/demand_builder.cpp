// Trips -> demand: entry flows per boundary link (and sources on the links inside where trips start) by
// departure interval; turning proportions per approach, and the share of trips ending on a link inside
// (sinks), by the interval in which the vehicle reaches the approach's stop line at free-flow travel
// time (not by its departure), so that a long route's later turns fall in later intervals.
#include <algorithm>
#include <cmath>
#include <map>

#include "io/import/import_steps.hpp"
#include "util/format_number.hpp"
#include "util/id_index.hpp"

namespace itsc::detail {

namespace {

// The profile interval holding time `t_s` (from t = 0), the last one for anything later.
std::size_t interval_of(double t_s, double interval_s, std::size_t intervals) {
  const double index = std::floor(t_s / interval_s);
  return index >= static_cast<double>(intervals - 1) ? intervals - 1 : static_cast<std::size_t>(std::max(0.0, index));
}

// A profile of one value per interval, written as one number when it is flat.
std::vector<double> profile(std::vector<double> values) {
  if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); })) values.resize(1);
  return values;
}

struct ApproachCounts {
  std::vector<std::vector<double>> per_interval;  ///< [interval][movement of the approach]
};

double sum(const std::vector<double>& row) {
  double total = 0;
  for (double value : row) total += value;
  return total;
}

bool at_boundary(const Network& network, const IdIndex& nodes, const std::string& node) {
  const auto index = nodes.find(node);
  return index && network.nodes[*index].control == NodeControl::boundary;
}

}  // namespace

double free_flow_time_s(const Link& link) { return link.length_m / (link.speed_kmh / 3.6); }

Demand build_demand(std::span<const ImportTrip> trips, const Network& network, double begin_s, double end_s,
                    double interval_s, const ImportTerms& terms, std::vector<std::string>& report) {
  const double length_s = end_s - begin_s;
  const auto intervals = static_cast<std::size_t>(std::max(1.0, std::ceil(length_s / interval_s - 1e-9)));
  const IdIndex links(network.links);
  const IdIndex nodes(network.nodes);

  // Entries by departure interval.
  std::map<std::size_t, std::vector<double>> entry_counts;
  std::map<std::size_t, double> entry_heavy;
  // Movements of each approach (link index -> movement ids at its downstream node) and their counts.
  std::map<std::size_t, std::vector<std::string>> approach_movements;
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) approach_movements[*links.find(movement.from_link)].push_back(movement.id);
  }
  std::map<std::size_t, ApproachCounts> approaches;
  std::map<std::size_t, std::vector<double>> ended;  // link inside -> trips ending on it, by interval
  std::size_t outside = 0;
  std::size_t entered = 0;
  for (const ImportTrip& trip : trips) {
    const double depart = trip.depart_s - begin_s;
    if (depart < 0 || depart >= length_s) {
      ++outside;
      continue;
    }
    ++entered;
    const std::size_t entry = trip.links.front();
    auto& counts = entry_counts[entry];
    counts.resize(intervals, 0);
    counts[interval_of(depart, interval_s, intervals)] += 1;
    if (trip.heavy) entry_heavy[entry] += 1;
    double arrival = depart;
    for (std::size_t i = 0; i + 1 < trip.links.size(); ++i) {
      const Link& link = network.links[trip.links[i]];
      arrival += free_flow_time_s(link);
      const auto& ids = approach_movements[trip.links[i]];
      const std::string id = link.id + "->" + network.links[trip.links[i + 1]].id;
      const auto m = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
      auto& table = approaches[trip.links[i]].per_interval;
      table.resize(intervals, std::vector<double>(ids.size(), 0));
      table[interval_of(arrival, interval_s, intervals)][m] += 1;
    }
    const Link& last = network.links[trip.links.back()];
    if (!at_boundary(network, nodes, last.to)) {
      auto& ends = ended[trip.links.back()];
      ends.resize(intervals, 0);
      ends[interval_of(arrival + free_flow_time_s(last), interval_s, intervals)] += 1;
    }
  }

  Demand demand;
  demand.interval_s = interval_s;
  for (auto& [link, counts] : entry_counts) {
    EntryFlow entry;
    entry.link = network.links[link].id;
    double total = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
      const double span_s = std::min(interval_s, length_s - static_cast<double>(k) * interval_s);
      total += counts[k];
      counts[k] = counts[k] * 3600 / span_s;
    }
    entry.flow_veh_per_h = profile(counts);
    entry.heavy_vehicle_percent = std::round(entry_heavy[link] / total * 1000) / 10;
    // Trips that depart on a link inside the network start there.
    (at_boundary(network, nodes, network.links[link].from) ? demand.entries : demand.sources).push_back(std::move(entry));
  }
  // Of the vehicles reaching the end of a link inside, the share whose trips end there; an interval no
  // vehicle reached it in takes the share over the whole period.
  for (const auto& [link, ends] : ended) {
    std::vector<double> reaching(intervals, 0);
    if (const auto found = approaches.find(link); found != approaches.end()) {
      for (std::size_t k = 0; k < found->second.per_interval.size(); ++k) reaching[k] = sum(found->second.per_interval[k]);
    }
    const double all_ended = sum(ends);
    const double overall = all_ended / (all_ended + sum(reaching));
    std::vector<double> share(intervals);
    for (std::size_t k = 0; k < intervals; ++k) {
      share[k] = ends[k] + reaching[k] > 0 ? ends[k] / (ends[k] + reaching[k]) : overall;
    }
    // The tools' vehicles arrive at the end of their last link (SUMO's default arrivalPos, CityFlow's
    // only one): queued at the stop line.
    demand.sinks.push_back(TripEnds{network.links[link].id, profile(std::move(share)), true});
  }

  // Turning proportions where an approach splits: an interval nobody crossed takes the approach's
  // shares over the whole period; an approach nobody used, equal shares of its open movements other than
  // U-turns (of its U-turns where nothing else is open).
  std::size_t unused = 0;
  for (const auto& approach : approach_movements) {
    const std::size_t link = approach.first;
    const std::vector<std::string>& ids = approach.second;  // not a structured binding: lambdas use it
    if (ids.size() < 2) continue;
    const Link& from = network.links[link];
    const Node& node = network.nodes[*nodes.find(from.to)];
    auto table = approaches[link].per_interval;
    table.resize(intervals, std::vector<double>(ids.size(), 0));
    std::vector<double> overall(ids.size(), 0);
    for (const auto& row : table) {
      for (std::size_t m = 0; m < ids.size(); ++m) overall[m] += row[m];
    }
    if (sum(overall) == 0) {
      ++unused;
      std::vector<const Movement*> movements;
      for (const std::string& id : ids) {
        movements.push_back(&*std::find_if(node.movements.begin(), node.movements.end(), [&](const Movement& x) { return x.id == id; }));
      }
      for (const bool u_turns : {false, true}) {  // U-turns only where nothing else is open
        for (std::size_t m = 0; m < ids.size(); ++m) {
          overall[m] = !movements[m]->closed && (u_turns || movements[m]->turn != TurnType::u_turn) ? 1 : 0;
        }
        if (sum(overall) > 0) break;
      }
      if (sum(overall) == 0) std::fill(overall.begin(), overall.end(), 1.0);
    }
    ApproachTurns turns;
    turns.node = node.id;
    turns.link = from.id;
    turns.counts = false;
    for (std::size_t m = 0; m < ids.size(); ++m) {
      std::vector<double> values;
      for (const auto& row : table) {
        const auto& source = sum(row) > 0 ? row : overall;
        values.push_back(source[m] / sum(source));
      }
      turns.shares.push_back({ids[m], profile(std::move(values))});
    }
    demand.turns.push_back(std::move(turns));
  }
  report.push_back(std::to_string(entered) + " vehicles reduced to entry flows per boundary link, trips that start on " +
                   std::to_string(demand.sources.size()) + " and end on " + std::to_string(demand.sinks.size()) +
                   " links inside the network (" + terms.arrival +
                   ": in the queue at the stop line), and turning proportions per approach in " + std::to_string(intervals) +
                   " intervals of " + format_number(interval_s) +
                   " s (each turn and trip end dated by when the vehicle reaches it at free-flow speed); their paths "
                   "are not kept, so vehicles turn by the proportions");
  if (outside > 0) {
    report.push_back(std::to_string(outside) + " vehicles depart outside [begin, end) and are left out");
  }
  if (unused > 0) {
    report.push_back(std::to_string(unused) + " approaches carry no vehicle: equal turning shares (U-turns none)");
  }
  return demand;
}

}  // namespace itsc::detail
