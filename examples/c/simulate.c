/* Loads a scenario through the C API, runs it for its whole duration, and prints the network's figures
 * and each signal's delay and level of service. Usage: simulate SCENARIO.yaml */
#include <itsc/itsc.h>

#include <stdio.h>
#include <stdlib.h>

static int check(int code, const char *what) {
  if (code != ITSC_OK) fprintf(stderr, "%s: %s: %s\n", what, itsc_strerror(code), itsc_error_last());
  return code;
}

int main(int argc, char **argv) {
  itsc_scenario *scenario = NULL;
  itsc_sim *sim = NULL;
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
  double *delay = NULL;
  char *los = NULL;
  size_t signals = 0, length = 0, s;
  int32_t duration = 0;
  int status = EXIT_FAILURE;

  if (argc != 2) {
    fprintf(stderr, "usage: %s SCENARIO.yaml\n", argv[0]);
    return 2;
  }
  if (itsc_version_number() != ITSC_VERSION_NUMBER) {
    fprintf(stderr, "built against libitsc %s, running with %s\n", ITSC_VERSION_STRING, itsc_version_string());
    return EXIT_FAILURE;
  }
  if (check(itsc_scenario_load_file(argv[1], &scenario), "load")) goto done;
  if (check(itsc_sim_create(scenario, &options, &sim), "create")) goto done;
  /* The whole run: the scenario's duration (warm-up included). */
  if (check(itsc_sim_duration(sim, &duration), "duration") || check(itsc_sim_run_until(sim, duration), "run")) {
    goto done;
  }
  if (check(itsc_sim_network_metrics(sim, 0, &metrics), "metrics")) goto done;
  printf("network: %.1f veh-h of delay, %.1f s/veh, %.2f stops/veh, %.0f veh/h out\n", metrics.total_delay_veh_h,
         metrics.delay_s_per_veh, metrics.stops_per_veh, metrics.throughput_veh_per_h);
  if (check(itsc_scenario_count(scenario, ITSC_ITEM_SIGNAL, &signals), "count")) goto done;
  delay = malloc(signals * sizeof *delay + 1);
  los = malloc(signals + 1);
  if (delay == NULL || los == NULL) goto done;
  if (check(itsc_sim_intersection_delay(sim, 0, delay, los, signals, &length), "intersections")) goto done;
  for (s = 0; s < length; ++s) {
    char id[64];
    size_t id_length = 0;
    if (check(itsc_scenario_id(scenario, ITSC_ITEM_SIGNAL, s, id, sizeof id, &id_length), "id")) goto done;
    printf("  %-20s %6.1f s/veh  LOS %c\n", id, delay[s], los[s]);
  }
  status = EXIT_SUCCESS;
done:
  free(delay);
  free(los);
  itsc_sim_free(sim);
  itsc_scenario_free(scenario);
  return status;
}
