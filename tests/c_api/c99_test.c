/* The C API from C99 (built with -std=c99 -pedantic -Werror): the header compiles as C, the version
 * agrees, NULL and out-of-range arguments give their codes and change nothing, a small buffer reports
 * the length it needs, a malformed scenario gives its line and column, and a scenario runs.
 * Usage: itsc_c99_test SCENARIO.yaml */
#include <itsc/itsc.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(condition)                                                        \
  do {                                                                           \
    if (!(condition)) {                                                          \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition);    \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

int main(int argc, char **argv) {
  itsc_scenario *scenario = NULL;
  itsc_sim *sim = NULL;
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
  char small[2];
  char id[64];
  size_t length = 0, count = 0;
  int32_t now = -1;
  const char *broken = "schema_version: 1\nnodes: [\n";

  if (argc != 2) return 2;
  EXPECT(itsc_version_number() == ITSC_VERSION_NUMBER);
  EXPECT(strcmp(itsc_version_string(), ITSC_VERSION_STRING) == 0);
  EXPECT(strcmp(itsc_strerror(ITSC_EBUFSIZE), "buffer too small") == 0);
  EXPECT(itsc_error_last() != NULL);

  /* NULL arguments. */
  EXPECT(itsc_scenario_load_file(NULL, &scenario) == ITSC_EINVAL && scenario == NULL);
  EXPECT(strstr(itsc_error_last(), "path is NULL") != NULL);
  EXPECT(itsc_scenario_load_file(argv[1], NULL) == ITSC_EINVAL);
  EXPECT(itsc_sim_step(NULL, 1) == ITSC_EINVAL);
  itsc_scenario_free(NULL);
  itsc_sim_free(NULL);

  /* A malformed scenario: the parse error with its line. */
  EXPECT(itsc_scenario_load_string(broken, strlen(broken), "broken.yaml", &scenario) == ITSC_EINPUT);
  EXPECT(scenario == NULL);
  EXPECT(strstr(itsc_error_last(), "broken.yaml:") != NULL);
  EXPECT(itsc_scenario_load_file("/nonexistent/scenario.yaml", &scenario) == ITSC_EIO);

  EXPECT(itsc_scenario_load_file(argv[1], &scenario) == ITSC_OK);
  if (scenario == NULL) return 1;
  EXPECT(strcmp(itsc_error_last(), "") == 0);
  EXPECT(itsc_scenario_count(scenario, ITSC_ITEM_SIGNAL, &count) == ITSC_OK && count == 1);
  EXPECT(itsc_scenario_count(scenario, 42, &count) == ITSC_EINVAL && count == 1);
  /* A small buffer: the length needed, nothing written; then enough room. */
  small[0] = 'x';
  EXPECT(itsc_scenario_id(scenario, ITSC_ITEM_SIGNAL, 0, small, 1, &length) == ITSC_EBUFSIZE);
  EXPECT(length == 1 && small[0] == 'x');
  EXPECT(itsc_scenario_id(scenario, ITSC_ITEM_SIGNAL, 0, small, sizeof small, &length) == ITSC_OK);
  EXPECT(strcmp(small, "C") == 0);
  small[0] = 'x';
  EXPECT(itsc_scenario_id(scenario, ITSC_ITEM_MOVEMENT, 0, small, sizeof small, &length) == ITSC_EBUFSIZE);
  EXPECT(small[0] == 'x' && length > 1);
  EXPECT(itsc_scenario_id(scenario, ITSC_ITEM_MOVEMENT, 0, id, length + 1, &length) == ITSC_OK);
  EXPECT(strlen(id) == length && strchr(id, '/') != NULL);
  EXPECT(itsc_scenario_id(scenario, ITSC_ITEM_SIGNAL, 99, id, sizeof id, &length) == ITSC_EINVAL);

  /* Options from an older, smaller struct are read as far as they go; a size of 0 is refused. */
  options.size = 0;
  EXPECT(itsc_sim_create(scenario, &options, &sim) == ITSC_EINVAL && sim == NULL);
  options.size = sizeof options;
  options.duration_tenths = 15000;  /* the warm-up (900 s), then 600 s measured */
  EXPECT(itsc_sim_create(scenario, &options, &sim) == ITSC_OK);
  if (sim == NULL) return 1;
  EXPECT(itsc_sim_run_until(sim, 15000) == ITSC_OK);
  EXPECT(itsc_sim_time(sim, &now) == ITSC_OK && now == 15000);
  EXPECT(itsc_sim_network_metrics(sim, 1, &metrics) == ITSC_EINVAL);
  EXPECT(itsc_sim_network_metrics(sim, 0, &metrics) == ITSC_OK);
  EXPECT(metrics.vehicles_entered > 0 && metrics.delay_s_per_veh > 0);
  EXPECT(metrics.vehicles_entered >= metrics.vehicles_exited + metrics.vehicles_inside - 1e-6);
  EXPECT(itsc_sim_reset(sim) == ITSC_OK);
  EXPECT(itsc_sim_time(sim, &now) == ITSC_OK && now == 0);

  /* A pattern in NTCIP terms: read, moved by half a cycle through a transition, refused when wrong. */
  {
    itsc_pattern pattern = ITSC_PATTERN_INIT;
    EXPECT(itsc_sim_pattern_get(sim, 0, 0, &pattern) == ITSC_OK);
    EXPECT(pattern.cycle_tenths > 0 && pattern.rings >= 1 && pattern.sequence[0][0] != 0);
    pattern.offset_tenths = pattern.cycle_tenths / 2;
    EXPECT(itsc_sim_pattern_set(sim, 0, 0, &pattern, ITSC_TRANSITION_SHORTWAY) == ITSC_OK);
    pattern.split_tenths[pattern.sequence[0][0] - 1] = 1;
    EXPECT(itsc_sim_pattern_set(sim, 0, 0, &pattern, ITSC_TRANSITION_NOW) == ITSC_EINPUT);
    EXPECT(strstr(itsc_error_last(), "cycle") != NULL);
  }

  itsc_sim_free(sim);
  itsc_scenario_free(scenario);
  if (failures == 0) printf("all C99 checks passed\n");
  return failures == 0 ? 0 : 1;
}
