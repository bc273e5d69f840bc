// `timing:` maps (scenario and plan files): stage and ring forms, offsets to the internal convention.
#include <array>
#include <string>

#include "io/readers.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc::detail {

namespace {

// Keys that only the ring form may use.
constexpr std::array<std::string_view, 5> kRingOnlyKeys{"rings", "phases", "coordinated_phases", "force_off",
                                                        "overlaps"};

void read_service(MapReader& in, Service& out) {
  in.read("protected", out.protected_movements);
  in.read("permitted", out.permitted_movements);
  in.read("crosswalks", out.crosswalks);
}

Stage read_stage(MapReader& in) {
  Stage out;
  read_service(in, out.serves);
  in.read("green_s", out.green_s);
  in.read("yellow_s", out.yellow_s);
  in.read("red_clearance_s", out.red_clearance_s);
  return out;
}

Phase read_phase(MapReader& in) {
  Phase out;
  in.read("phase", out.number);
  read_service(in, out.serves);
  in.read("split_s", out.split_s);
  in.read("min_green_s", out.min_green_s);
  in.read("max1_s", out.max1_s);
  in.read("max2_s", out.max2_s);
  in.read("passage_s", out.passage_s);
  in.read("yellow_s", out.yellow_s);
  in.read("red_clearance_s", out.red_clearance_s);
  in.read("walk_s", out.walk_s);
  in.read("pedestrian_clearance_s", out.pedestrian_clearance_s);
  in.read_choice("recall", out.recall, parse_recall);
  in.read("dual_entry", out.dual_entry);
  in.read("simultaneous_gap_out", out.simultaneous_gap_out);
  in.read("rest_in_walk", out.rest_in_walk);
  in.read("added_initial_s", out.added_initial_s);
  in.read("time_before_reduction_s", out.time_before_reduction_s);
  in.read("time_to_reduce_s", out.time_to_reduce_s);
  in.read("minimum_gap_s", out.minimum_gap_s);
  return out;
}

Overlap read_overlap(MapReader& in) {
  Overlap out;
  in.read("id", out.id);
  in.read("parents", out.parents);
  read_service(in, out.serves);
  return out;
}

// rings: ring -> barrier groups -> phase numbers.
std::vector<std::vector<std::vector<int>>> read_rings(LoadContext& context, const YamlNode& node,
                                                      const std::string& path) {
  std::vector<std::vector<std::vector<int>>> rings;
  for_each_item(context, node, path, [&](const YamlNode& ring_node, const std::string& ring_path) {
    auto& ring = rings.emplace_back();
    for_each_item(context, ring_node, ring_path, [&](const YamlNode& group_node, const std::string& group_path) {
      auto& group = ring.emplace_back();
      for_each_item(context, group_node, group_path, [&](const YamlNode& phase, const std::string& phase_path) {
        if (const auto number = to_integer(context, phase, phase_path)) group.push_back(*number);
      });
    });
  });
  return rings;
}

RingPlan read_ring_plan(MapReader& in) {
  RingPlan out;
  if (const YamlNode* rings = in.find("rings")) out.rings = read_rings(in.context(), *rings, in.path_of("rings"));
  out.phases = read_items<Phase>(in, "phases", sections::phase, read_phase);
  in.read("coordinated_phases", out.coordinated_phases);
  in.read_choice("force_off", out.force_off, parse_force_off);
  out.overlaps = read_items<Overlap>(in, "overlaps", sections::overlap, read_overlap);
  return out;
}

void read_max_pressure(MapReader& in, MaxPressureSettings& out) {
  in.read("decision_interval_s", out.decision_interval_s);
  in.read_choice("normalization", out.normalization, parse_pressure_normalization);
  in.read("min_green_s", out.min_green_s);
  in.read("max_green_s", out.max_green_s);
}

// The sequence holds one form: stages, or the ring form (rings and phases together).
void read_sequence(MapReader& in, Timing& out) {
  if (!in.is_map()) return;
  if (in.find("stages") != nullptr) {
    for (std::string_view key : kRingOnlyKeys) {
      if (in.find(key) == nullptr) continue;
      in.context().error(in.key_position(key), in.path(),
                             "'" + std::string(key) + "' belongs to the ring form; give either 'stages' or "
                                                      "the ring form, not both");
    }
    out.stages = read_items<Stage>(in, "stages", sections::stage, read_stage);
    return;
  }
  if (in.find("rings") == nullptr && in.find("phases") == nullptr) {
    in.context().error(in.position(), in.path(), "missing required key 'stages' (or 'rings')");
    return;
  }
  for (std::string_view key : {"rings", "phases"}) {
    if (in.find(key) == nullptr) {
      in.context().error(in.position(), in.path(),
                             "missing required key '" + std::string(key) + "' (ring form)");
    }
  }
  out.rings = read_ring_plan(in);
}

bool lines_up(const Timing& timing) {
  try {
    (void)ring_timeline(ring_plan_of(timing));
    return true;
  } catch (const Error&) {
    return false;
  }
}

Timing read_timing(MapReader& in, const Node* signal_node, const Network& network) {
  Timing out;
  double offset_s = 0;
  auto reference = OffsetReference::green_start;
  in.read("cycle_s", out.cycle_s);
  in.read("offset_s", offset_s);
  in.read_choice("offset_reference", reference, parse_offset_reference);
  in.read("controller", out.controller);
  if (const YamlNode* node = in.find("sequence")) {
    MapReader sequence(in.context(), sections::sequence, *node, in.path_of("sequence"));
    read_sequence(sequence, out);
  }
  if (const YamlNode* node = in.find("max_pressure")) {
    MapReader settings(in.context(), sections::max_pressure, *node, in.path_of("max_pressure"));
    if (settings.is_map()) read_max_pressure(settings, out.max_pressure);
  }
  out.offset_s = offset_s;
  // green_start is the internal convention: kept as written (validate checks its range). Rings that
  // do not line up have no reference to convert from; validate reports them where they are.
  if (reference != OffsetReference::green_start && lines_up(out)) {
    try {
      // The reference's green depends on its yellow and red clearance, defaults included.
      const Timing resolved = signal_node != nullptr ? resolve_timing(out, *signal_node, network) : out;
      out.offset_s = offset_to_internal(resolved, reference, offset_s);
    } catch (const Error& error) {
      in.context().error(in.key_position("offset_reference"), in.path_of("offset_reference"), error.what());
    }
  }
  return out;
}

}  // namespace

std::map<std::string, Timing> read_timing_map(LoadContext& context, const YamlNode& node, const std::string& path,
                                              const Network& network, const TimingKeyCheck& accept) {
  std::map<std::string, Timing> timings;
  for_each_entry(context, node, path, [&](const YamlNode& key, const YamlNode& value, const std::string& value_path) {
    if (accept && !accept(key, value_path)) return;
    MapReader reader(context, sections::timing, value, value_path);
    if (reader.is_map()) timings.emplace(key.value, read_timing(reader, network.find_node(key.value), network));
  });
  return timings;
}

}  // namespace itsc::detail
