// SPaT log: rows of member 0's SPaT whenever a movement's or crosswalk's indication or ends change.
#include "itsc/spat_log.hpp"

#include <string_view>

namespace itsc {

namespace {

std::string_view pedestrian_name(PedestrianIndication shown) noexcept {
  switch (shown) {
    case PedestrianIndication::walk: return "walk";
    case PedestrianIndication::flashing_dont_walk: return "flashing_dont_walk";
    case PedestrianIndication::dont_walk: break;
  }
  return "dont_walk";
}

bool same(const SpatEnd& a, const SpatEnd& b) noexcept {
  return a.min_end == b.min_end && a.max_end == b.max_end && a.likely_end == b.likely_end;
}

// An end in tenths since the start; empty when unknown.
std::string end_text(Tenths t) { return t == kUnknownEnd ? std::string() : std::to_string(t); }

}  // namespace

SpatLog::SpatLog(const Simulation& simulation, double start_time_s) : start_time_s_(start_time_s) {
  const Model& model = simulation.model();
  csv_ = "time_tenths,time_mark,node,kind,id,indication,min_end_tenths,max_end_tenths,likely_end_tenths\n";
  last_movement_.resize(model.movement_count());
  last_crosswalk_.resize(model.signal_crosswalk_begin.empty() ? 0 : model.signal_crosswalk_begin.back());
}

void SpatLog::record(const Simulation& simulation) {
  const Model& model = simulation.model();
  const Tenths now = simulation.state().time_tenths;
  const std::string prefix = std::to_string(now) + "," + std::to_string(j2735_time_mark(now, start_time_s_)) + ",";
  const auto row = [&](const std::string& node, std::string_view kind, const std::string& id, std::string_view shown,
                       const SpatEnd& end) {
    csv_ += prefix + node + "," + std::string(kind) + "," + id + "," + std::string(shown) + "," +
            end_text(end.min_end) + "," + end_text(end.max_end) + "," + end_text(end.likely_end) + "\n";
  };
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const std::string& node = model.node_id[model.signalized_nodes[s]];
    const std::size_t first = model.signal_movement_begin[s];
    const std::size_t first_crosswalk = model.signal_crosswalk_begin[s];
    movements_.assign(model.signal_movement_end[s] - first, MovementSpat{});
    crosswalks_.assign(model.signal_layout[s].crosswalks.size(), CrosswalkSpat{});
    std::size_t member = 0;
    if (!simulation.controller(s, 0, member).spat(now, member, movements_, crosswalks_)) continue;
    for (std::size_t k = 0; k < movements_.size(); ++k) {
      MovementSpat& last = last_movement_[first + k];
      const MovementSpat& here = movements_[k];
      if (!first_ && here.indication == last.indication && same(here.end, last.end)) continue;
      row(node, "movement", model.movement_id[first + k], to_string(here.indication), here.end);
      last = here;
    }
    for (std::size_t c = 0; c < crosswalks_.size(); ++c) {
      CrosswalkSpat& last = last_crosswalk_[first_crosswalk + c];
      const CrosswalkSpat& here = crosswalks_[c];
      if (!first_ && here.indication == last.indication && same(here.end, last.end)) continue;
      row(node, "crosswalk", model.signal_layout[s].crosswalks[c], pedestrian_name(here.indication), here.end);
      last = here;
    }
  }
  first_ = false;
}

}  // namespace itsc
