/* A controller in the loop, as a vendor's firmware runs one: load a scenario, build the actuated
 * controller of its first signal, print its pattern in NTCIP terms, feed it synthetic detector calls
 * (and a pedestrian push on every crosswalk every 45 s) each 100 ms tick, print the SPaT view and the
 * NTCIP phase status every 30 s, and at 90 s take a new pattern from the central system (the first
 * phase on max recall). Usage: controller_loop SCENARIO.yaml */
#include <itsc/itsc.h>

#include <stdio.h>
#include <stdlib.h>

static int check(int code, const char *what) {
  if (code != ITSC_OK) fprintf(stderr, "%s: %s: %s\n", what, itsc_strerror(code), itsc_error_last());
  return code;
}

static void print_pattern(const itsc_pattern *pattern) {
  uint32_t r;
  int k;
  printf("pattern: cycle %.1f s, offset %.1f s\n", pattern->cycle_tenths / 10.0, pattern->offset_tenths / 10.0);
  for (r = 0; r < pattern->rings; ++r) {
    printf("  ring %u:", (unsigned)(r + 1));
    for (k = 0; k < ITSC_PATTERN_PHASES && pattern->sequence[r][k] != 0; ++k) {
      const int phase = pattern->sequence[r][k];
      printf(" phase %d %.1f s%s%s", phase, pattern->split_tenths[phase - 1] / 10.0,
             (pattern->coordinated >> (phase - 1)) & 1u ? " (coordinated)" : "",
             pattern->recall[phase - 1] == ITSC_RECALL_MAX ? " (max recall)" : "");
    }
    printf("\n");
  }
}

static const char *name_of(int32_t indication) {
  switch (indication) {
    case ITSC_RED: return "red";
    case ITSC_RED_TURN_ON_RED: return "red (turn on red)";
    case ITSC_YELLOW: return "yellow";
    case ITSC_PERMITTED_GREEN: return "permitted green";
    case ITSC_PROTECTED_GREEN: return "protected green";
    case ITSC_WALK: return "walk";
    case ITSC_FLASHING_DONT_WALK: return "flashing don't walk";
    default: return "don't walk";
  }
}

int main(int argc, char **argv) {
  itsc_scenario *scenario = NULL;
  itsc_controller *controller = NULL;
  itsc_controller_shape shape = ITSC_CONTROLLER_SHAPE_INIT;
  itsc_observation observation = ITSC_OBSERVATION_INIT;
  itsc_phase_status status = ITSC_PHASE_STATUS_INIT;
  itsc_pattern pattern = ITSC_PATTERN_INIT;
  double *calls = NULL, *pushes = NULL;
  itsc_spat *spat = NULL;
  uint32_t random_state = 12345u;
  int32_t now = 0;
  size_t d, k, length = 0;
  int status_code = EXIT_FAILURE;

  if (argc != 2) {
    fprintf(stderr, "usage: %s SCENARIO.yaml\n", argv[0]);
    return 2;
  }
  if (check(itsc_scenario_load_file(argv[1], &scenario), "load")) goto done;
  if (check(itsc_controller_create(scenario, 0, "actuated", &controller), "controller")) goto done;
  if (check(itsc_controller_shape_get(controller, &shape), "shape")) goto done;
  calls = calloc(shape.detectors + 1, sizeof *calls);
  pushes = calloc(shape.crosswalks + 1, sizeof *pushes);
  spat = calloc(shape.movements + shape.crosswalks + 1, sizeof *spat);
  if (calls == NULL || pushes == NULL || spat == NULL) goto done;
  observation.detector_call = calls;
  observation.detector_occupancy = calls;
  observation.pedestrian_call = pushes;
  printf("%zu detectors, %zu movements, %zu crosswalks, %zu phases\n", shape.detectors, shape.movements,
         shape.crosswalks, shape.phases);
  if (check(itsc_controller_pattern_get(controller, &pattern), "pattern")) goto done;
  print_pattern(&pattern);
  /* Three minutes of 100 ms ticks. */
  for (now = 0; now < 1800; ++now) {
    for (d = 0; d < shape.detectors; ++d) {
      random_state = random_state * 1664525u + 1013904223u; /* a vehicle over ~10% of the ticks */
      calls[d] = (random_state >> 24) < 26 ? 1.0 : 0.0;
    }
    for (d = 0; d < shape.crosswalks; ++d) pushes[d] = now % 450 == 0 ? 1.0 : 0.0; /* a push every 45 s */
    if (now == 900) {
      pattern.recall[pattern.sequence[0][0] - 1] = ITSC_RECALL_MAX;
      if (check(itsc_controller_pattern_set(controller, &pattern, ITSC_TRANSITION_NOW), "new pattern")) goto done;
      printf("t =  90.0 s: new ");
      print_pattern(&pattern);
    }
    if (check(itsc_controller_step(controller, now, 1, &observation), "step")) goto done;
    if ((now + 1) % 300 != 0) continue;
    if (check(itsc_controller_spat(controller, spat, shape.movements + shape.crosswalks, &length), "spat") ||
        check(itsc_controller_phase_status(controller, &status), "phase status")) {
      goto done;
    }
    printf("t = %5.1f s: greens 0x%04x, yellows 0x%04x, walks 0x%04x\n", (now + 1) / 10.0, status.greens,
           status.yellows, status.walks);
    for (k = 0; k < length; ++k) {
      char id[64];
      size_t id_length = 0;
      uint16_t mark = 0;
      const int item = k < shape.movements ? ITSC_ITEM_MOVEMENT : ITSC_ITEM_CROSSWALK;
      const size_t index = k < shape.movements ? k : k - shape.movements;
      if (check(itsc_controller_id(controller, item, index, id, sizeof id, &id_length), "id") ||
          check(itsc_time_mark(scenario, spat[k].likely_end_tenths, &mark), "time mark")) {
        goto done;
      }
      printf("  %-8s %-20s likely until %6.1f s (TimeMark %u)\n", id, name_of(spat[k].indication),
             spat[k].likely_end_tenths == ITSC_UNKNOWN_END ? -1.0 : spat[k].likely_end_tenths / 10.0, mark);
    }
  }
  status_code = EXIT_SUCCESS;
done:
  free(calls);
  free(pushes);
  free(spat);
  itsc_controller_free(controller);
  itsc_scenario_free(scenario);
  return status_code;
}
