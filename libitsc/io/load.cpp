// Loading scenario and plan files: parse, read, validate, and report every problem at once.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "io/read_file.hpp"
#include "io/readers.hpp"
#include "io/semantics.hpp"
#include "itsc/io.hpp"

namespace itsc {

using detail::read_file;

namespace {

std::string not_signalized(const std::string& id) {
  return "'" + id + "' is not a signalized node of the scenario";
}

bool is_signalized(const Scenario& scenario, const std::string& id) {
  const Node* node = scenario.network.find_node(id);
  return node != nullptr && node->control == NodeControl::signalized;
}

}  // namespace

namespace detail {

ScenarioDocument read_scenario_document(std::string_view yaml, std::string_view file_name) {
  ScenarioDocument document;
  document.context.file = std::string(file_name);
  LoadContext& context = document.context;
  const YamlNodePtr root = parse_yaml(yaml, context.file, context.errors);
  if (!root || !check_schema_version(context, *root)) throw_if_errors(std::move(context.errors));
  document.scenario = read_scenario(context, *root);
  throw_if_errors(std::move(context.errors));
  context.errors.clear();
  return document;
}

}  // namespace detail

LoadResult load_scenario_string(std::string_view yaml, std::string_view file_name) {
  // Semantic checks run on a document whose shape is right: on values the reader had to skip they
  // would only report consequences.
  detail::ScenarioDocument document = detail::read_scenario_document(yaml, file_name);
  LoadResult result;
  result.scenario = std::move(document.scenario);
  std::vector<Diagnostic> errors;
  for (Diagnostic& diagnostic : detail::check_semantics(result.scenario, document.context)) {
    (diagnostic.severity == Severity::error ? errors : result.warnings).push_back(std::move(diagnostic));
  }
  detail::throw_if_errors(std::move(errors));
  detail::sort_by_position(result.warnings);
  return result;
}

LoadResult load_scenario_file(const std::filesystem::path& path) {
  return load_scenario_string(read_file(path), path.string());
}

Plan load_plan_string(std::string_view yaml, const Scenario& scenario, std::string_view file_name) {
  detail::LoadContext context;
  context.file = std::string(file_name);
  const detail::YamlNodePtr root = detail::parse_yaml(yaml, context.file, context.errors);
  if (!root || !detail::check_schema_version(context, *root)) detail::throw_if_errors(std::move(context.errors));

  Plan plan;
  detail::MapReader in(context, detail::sections::plan, *root, "");
  int schema_version = kSchemaVersion;
  in.read("schema_version", schema_version);
  if (const detail::YamlNode* node = in.find("timing")) {
    const auto accept = [&](const detail::YamlNode& key, const std::string& path) {
      if (is_signalized(scenario, key.value)) return true;
      context.error(key.position, path, not_signalized(key.value));
      return false;
    };
    plan.timing = detail::read_timing_map(context, *node, in.path_of("timing"), scenario.network, accept);
  }

  // The plan's timings are checked in the scenario they are for; only their own findings count.
  Scenario planned = scenario;
  apply_plan(planned, plan);
  detail::throw_if_errors(std::move(context.errors));
  std::vector<Diagnostic> errors;
  for (Diagnostic& diagnostic : detail::check_semantics(planned, context)) {
    const bool in_plan = std::any_of(plan.timing.begin(), plan.timing.end(), [&](const auto& entry) {
      return detail::path_covers("timing." + entry.first, diagnostic.path);
    });
    if (in_plan && diagnostic.severity == Severity::error) errors.push_back(std::move(diagnostic));
  }
  detail::throw_if_errors(std::move(errors));
  return plan;
}

Plan load_plan_file(const std::filesystem::path& path, const Scenario& scenario) {
  return load_plan_string(read_file(path), scenario, path.string());
}

void apply_plan(Scenario& scenario, const Plan& plan) {
  for (const auto& [id, timing] : plan.timing) {
    if (!is_signalized(scenario, id)) {
      Diagnostic diagnostic;
      diagnostic.path = "timing." + id;
      diagnostic.message = not_signalized(id);
      throw Error(ErrorCode::invalid_input, std::vector<Diagnostic>{std::move(diagnostic)});
    }
  }
  for (const auto& [id, timing] : plan.timing) scenario.timing[id] = timing;
}

}  // namespace itsc
