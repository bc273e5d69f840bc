// The demand as SUMO routes: every vehicle of every entry, routed one at a time through the turning
// proportions and trip ends so that each link sends its movements (and its trip ends) their shares of
// the vehicles it has had to within one vehicle: the counts SUMO sees are the demand's, with no sampling.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "io/sumo/export_parts.hpp"
#include "io/sumo/xml_text.hpp"
#include "itsc/model.hpp"
#include "itsc/sim.hpp"
#include "itsc/version.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

// A route longer than this many times the links circles in a loop of the proportions: it takes the most
// likely way out from there.
constexpr std::size_t kLongest = 2;

// Per link, the vehicles it has sent each way in one interval: the next one goes where the count lags its
// share most (deficit round robin), choice 0 being its trip ends and 1 + i its i-th movement.
class Router {
 public:
  Router(const Model& model, const BatchDemand& demand, std::size_t k)
      : model_(model), demand_(demand), k_(k), arrived_(model.link_count(), 0), sent_(model.link_count()) {
    for (std::size_t l = 0; l < model.link_count(); ++l) sent_[l].assign(1 + model.link_movement_end[l] - model.link_movement_begin[l], 0);
  }

  // The route of the next vehicle entering on `entry`; `looped` when it had to be cut short.
  std::vector<std::uint32_t> route(std::uint32_t entry, bool& looped) {
    std::vector<std::uint32_t> links{entry};
    looped = false;
    while (model_.link_exit[links.back()] == kNone) {
      const std::uint32_t link = links.back();
      if (links.size() > kLongest * model_.link_count()) looped = true;
      if (links.size() > 2 * kLongest * model_.link_count()) break;  // the most likely ways circle too: it ends here
      const std::size_t choice = looped ? most_likely(link) : next_choice(link);
      if (choice == 0) break;  // the trip ends here
      links.push_back(model_.movement_to_link[model_.link_movement_begin[link] + choice - 1]);
    }
    return links;
  }

 private:
  double share(std::uint32_t link, std::size_t choice) const {
    const auto sink = model_.link_sink[link];
    const double ending = sink == kNone ? 0 : demand_.end_share[(k_ * model_.sink_count() + sink) * demand_.batch];
    if (choice == 0) return ending;
    const auto m = model_.link_movement_begin[link] + choice - 1;
    return (1 - ending) * demand_.turn_proportion[(k_ * model_.movement_count() + m) * demand_.batch];
  }

  std::size_t next_choice(std::uint32_t link) {
    const double arrived = ++arrived_[link];
    std::size_t best = 0;
    double lag = -1e300;
    for (std::size_t c = 0; c < sent_[link].size(); ++c) {
      const double s = share(link, c);
      if (!(s > 0)) continue;
      const double behind = s * arrived - sent_[link][c];
      if (behind > lag + 1e-12) {
        lag = behind;
        best = c;
      }
    }
    ++sent_[link][best];
    return best;
  }

  std::size_t most_likely(std::uint32_t link) const {
    std::size_t best = 0;
    for (std::size_t c = 1; c < sent_[link].size(); ++c) {
      if (share(link, c) > share(link, best)) best = c;
    }
    return best;
  }

  const Model& model_;
  const BatchDemand& demand_;
  std::size_t k_;
  std::vector<double> arrived_;
  std::vector<std::vector<double>> sent_;
};

double heavy_share_of(const Demand& demand, const std::string& link, bool source) {
  for (const EntryFlow& flow : source ? demand.sources : demand.entries) {
    if (flow.link == link) return flow.heavy_vehicle_percent / 100;
  }
  return 0;
}

struct Vehicle {
  double depart_s;
  std::string id;
  bool heavy;
  std::vector<std::uint32_t> links;
};

}  // namespace

std::string sumo_routes(const Scenario& scenario, std::vector<std::string>& report) {
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  const double duration_s = scenario.duration_s();
  std::vector<Vehicle> vehicles;
  std::size_t looped = 0;
  for (std::size_t k = 0; k < demand.interval_count; ++k) {
    const double begin_s = static_cast<double>(k) * demand.interval_s;
    if (begin_s >= duration_s) break;
    // The last interval's flow holds to the end of the run.
    const double end_s = k + 1 == demand.interval_count ? duration_s : std::min(duration_s, begin_s + demand.interval_s);
    // Each entry's vehicles evenly over the interval, routed in the order they depart.
    std::vector<std::tuple<double, std::size_t, long>> departures;
    for (std::size_t e = 0; e < model.entry_count(); ++e) {
      const long count = std::lround(demand.entry_veh_per_s[k * model.entry_count() + e] * (end_s - begin_s));
      for (long j = 0; j < count; ++j) {
        departures.emplace_back(begin_s + (static_cast<double>(j) + 0.5) * (end_s - begin_s) / static_cast<double>(count), e, j);
      }
    }
    std::sort(departures.begin(), departures.end());
    Router router(model, demand, k);
    std::vector<double> heavy_owed(model.entry_count(), 0);
    for (const auto& [depart_s, e, j] : departures) {
      const std::string& link = model.link_id[model.entry_link[e]];
      // Heavy vehicles spread evenly among the entry's vehicles too.
      heavy_owed[e] += heavy_share_of(scenario.demand, link, model.entry_is_source[e] != 0);
      const bool heavy = heavy_owed[e] >= 0.5;
      if (heavy) heavy_owed[e] -= 1;
      bool cut = false;
      vehicles.push_back({depart_s, link + "." + std::to_string(k) + "." + std::to_string(j), heavy, router.route(model.entry_link[e], cut)});
      looped += cut ? 1 : 0;
    }
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- written by itsc " ITSC_VERSION_STRING " -->\n<routes>\n"
                    "    <vType id=\"car\"/>\n    <vType id=\"heavy\" vClass=\"truck\"/>\n";
  for (const Vehicle& vehicle : vehicles) {
    std::string edges;
    for (const auto l : vehicle.links) edges += (edges.empty() ? "" : " ") + xml_escaped(model.link_id[l]);
    xml += "    <vehicle id=\"" + xml_escaped(vehicle.id) + "\" type=\"" + (vehicle.heavy ? "heavy" : "car") + "\" depart=\"" +
           format_number(std::round(vehicle.depart_s * 100) / 100) + "\" departLane=\"best\" departSpeed=\"max\">\n        <route edges=\"" +
           edges + "\"/>\n    </vehicle>\n";
  }
  xml += "</routes>\n";
  report.push_back(std::to_string(vehicles.size()) + " vehicles, each routed through the turning proportions and trip ends "
                   "so that every link sends each way its share of the vehicles it had, to within one");
  if (looped > 0) {
    report.push_back(std::to_string(looped) + " vehicles circled in a loop of the proportions for more than " +
                     std::to_string(kLongest) + " times the links: they take the most likely way out from there");
  }
  return xml;
}

}  // namespace itsc::detail
