// itsc::validate: the one entry point for semantic checks of a scenario, however it was built.
#include <algorithm>
#include <cmath>

#include "itsc/scenario.hpp"
#include "util/format_number.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc {

namespace {

constexpr double kMaxDuration_s = 7 * 86'400;
constexpr double kMaxSneakers = 10;  // veh per lane and cycle; HCM uses 2

void validate_simulation(detail::Checker& checker, const Scenario& scenario) {
  const SimulationSettings& settings = scenario.simulation;
  // A step is a whole number of tenths so that 0.1 s plans line up with steps.
  if (checker.positive("simulation.dt_s", settings.dt_s, 60, "s")) checker.tenths("simulation.dt_s", settings.dt_s);
  if (settings.duration_s) {
    checker.positive("simulation.duration_s", *settings.duration_s, kMaxDuration_s, "s");
  }
  const bool warmup_ok = checker.non_negative("simulation.warmup_s", settings.warmup_s, kMaxDuration_s, "s");
  checker.positive("simulation.analysis_period_h", settings.analysis_period_h, 24, "h");
  checker.within("simulation.start_time", settings.start_time_s, 0, 86'400 - 1, "s");
  checker.non_negative("simulation.sneakers_per_cycle", settings.sneakers_per_cycle, kMaxSneakers, "veh");
  checker.non_negative("simulation.startup_lost_time_s", settings.startup_lost_time_s, kMaxLostTime_s, "s");
  checker.non_negative("simulation.usable_yellow_s", settings.usable_yellow_s, kMaxLostTime_s, "s");
  checker.non_negative("simulation.seed", settings.seed, 2147483647, "");
  const double duration = scenario.duration_s();
  if (warmup_ok && std::isfinite(duration) && settings.warmup_s >= duration) {
    checker.error("simulation.warmup_s", "the warm-up of " + detail::format_number(settings.warmup_s) +
                                             " s is not shorter than the run of " + detail::format_number(duration) +
                                             " s: nothing would be measured");
  }
}

}  // namespace

namespace {

// Each listed demand is checked as `demand` is, its paths and messages naming it.
void validate_demand_scenarios(detail::Checker& checker, const Scenario& scenario) {
  if (scenario.demand_scenarios.empty()) return;
  Scenario other = scenario;
  for (const auto& [name, demand] : scenario.demand_scenarios) {
    other.demand = demand;
    detail::Checker inner;
    detail::validate_demand(inner, other);
    const std::string prefix = "demand_scenarios." + name;
    const auto renamed = [&](std::string text) {
      for (std::size_t at = text.find("demand"); at != std::string::npos; at = text.find("demand", at)) {
        const bool word = (at == 0 || text[at - 1] == ' ' || text[at - 1] == '(') &&
                          (at + 6 == text.size() || text[at + 6] == '.' || text[at + 6] == '[');
        if (word) {
          text.replace(at, 6, prefix);
          at += prefix.size();
        } else {
          at += 6;
        }
      }
      return text;
    };
    for (const Diagnostic& d : inner.take()) {
      if (d.severity == Severity::error) {
        checker.error(renamed(d.path), renamed(d.message));
      } else {
        checker.warning(renamed(d.path), renamed(d.message));
      }
    }
  }
}

}  // namespace

std::vector<Diagnostic> validate(const Scenario& scenario) {
  detail::Checker checker;
  if (scenario.schema_version != kSchemaVersion) {
    checker.error("schema_version", "unsupported schema_version " + std::to_string(scenario.schema_version) +
                                        " (this build reads " + std::to_string(kSchemaVersion) + ")");
  }
  validate_simulation(checker, scenario);
  detail::validate_network(checker, scenario.network);
  detail::validate_timing(checker, scenario);
  detail::validate_demand(checker, scenario);
  validate_demand_scenarios(checker, scenario);
  detail::validate_sumo(checker, scenario);
  return checker.take();
}

std::vector<Diagnostic> validate_timing(const Scenario& scenario, const std::string& node_id, const Timing& timing) {
  detail::Checker checker;
  detail::validate_node_timing(checker, scenario, node_id, timing);
  return checker.take();
}

void require_valid(const Scenario& scenario) {
  std::vector<Diagnostic> errors = validate(scenario);
  std::erase_if(errors, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (!errors.empty()) throw Error(ErrorCode::invalid_input, std::move(errors));
}

}  // namespace itsc
