#ifndef ITSC_ITSC_H
#define ITSC_ITSC_H
/**
 * @file itsc.h
 * @brief The C API of libitsc: scenarios, batched simulations and signal controllers behind opaque
 * handles, for controller vendors and for embedding the engine in programs written in other languages.
 *
 * Contract (docs/c-api.md):
 * - Every function returns 0 (ITSC_OK) or a negative ITSC_E* code, except the few documented to return
 *   a value. On failure nothing was changed, and itsc_error_last() says what went wrong.
 * - Handles come from a *_create or *_load function and go back through the matching *_free;
 *   *_free(NULL) does nothing. A handle never owns memory the caller passed in.
 * - Output arrays and strings are the caller's: (out, capacity, &length). When the capacity is too
 *   small the function returns ITSC_EBUFSIZE, writes nothing into out and sets length to what it needs
 *   (for strings: without the terminating NUL, which it then also needs room for).
 * - Times are int32_t tenths of a second; instants count from the scenario's start time.
 * - Threads: a handle is used by one thread at a time; different handles are independent and may be
 *   used from as many threads at once. Parallelism happens only inside a call (ITSC_SIM_OPTIONS.threads,
 *   1 by default, so eight handles in eight threads use eight cores, not more). Between calls no work
 *   runs, but the OpenMP runtime may keep idle worker threads alive after a call that used several. A call
 *   in progress is not safe across fork(); between calls it is.
 * - No C++ exception crosses this interface.
 */

#include <stddef.h>
#include <stdint.h>

#include "itsc/version.h"

#if defined(_WIN32)
#define ITSC_API __declspec(dllimport)
#elif defined(__GNUC__)
#define ITSC_API __attribute__((visibility("default")))
#else
#define ITSC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @name Version (the macros ITSC_VERSION_MAJOR, _MINOR, _PATCH, _STRING and _NUMBER are in version.h) */
/**@{*/
/** The library's ITSC_VERSION_NUMBER. */
ITSC_API uint32_t itsc_version_number(void);
/** The library's version as "MAJOR.MINOR.PATCH" (static storage). */
ITSC_API const char *itsc_version_string(void);
/**@}*/

/** @name Errors */
/**@{*/
#define ITSC_OK 0
/** An argument is NULL, out of range or inconsistent with the others. */
#define ITSC_EINVAL (-1)
/** A scenario, plan or timing that breaks the schema or the physics; the message gives line and column. */
#define ITSC_EINPUT (-2)
/** A file that cannot be read. */
#define ITSC_EIO (-3)
/** The caller's buffer is too small; the needed length was reported. */
#define ITSC_EBUFSIZE (-4)
/** The handle cannot do this (e.g. change one member's plan under a controller that shares one). */
#define ITSC_ESTATE (-5)
/** Out of memory. */
#define ITSC_ENOMEM (-6)
/** An unexpected failure inside the library (a bug: please report the message). */
#define ITSC_EINTERNAL (-7)

/** Static text for a code ("unknown error code" for one that is not). */
ITSC_API const char *itsc_strerror(int code);
/** The message of the last failure in this thread ("" when none); never NULL. Valid until the next call
 * into the library from this thread. */
ITSC_API const char *itsc_error_last(void);
/**@}*/

/** @name Scenarios */
/**@{*/
/** A validated scenario: network, demand and timing (immutable once loaded). */
typedef struct itsc_scenario itsc_scenario;

/** Loads and validates a scenario file (YAML). */
ITSC_API int itsc_scenario_load_file(const char *path, itsc_scenario **out);
/** Loads and validates a scenario from YAML text of `length` bytes; `name` (may be NULL) names it in
 * messages. */
ITSC_API int itsc_scenario_load_string(const char *yaml, size_t length, const char *name, itsc_scenario **out);
ITSC_API void itsc_scenario_free(itsc_scenario *scenario);

/** What itsc_scenario_count and itsc_scenario_id enumerate. */
typedef enum itsc_item {
  ITSC_ITEM_SIGNAL = 0,    /**< signalized intersections, in the engine's signal order */
  ITSC_ITEM_MOVEMENT = 1,  /**< turning movements of the whole network ("<node>/<movement>") */
  ITSC_ITEM_DETECTOR = 2,  /**< detectors */
  ITSC_ITEM_LINK = 3,      /**< links */
  ITSC_ITEM_CROSSWALK = 4  /**< a controller's crosswalks (itsc_controller_id only), by leg id */
} itsc_item;
/** The number of items of a kind (`item`: an itsc_item but ITSC_ITEM_CROSSWALK; any other value gives
 * ITSC_EINVAL). */
ITSC_API int itsc_scenario_count(const itsc_scenario *scenario, int item, size_t *count);
/** The id of item `index` of a kind (an itsc_item), as a NUL-terminated string. */
ITSC_API int itsc_scenario_id(const itsc_scenario *scenario, int item, size_t index, char *out, size_t capacity,
                              size_t *length);
/** The index of a signalized intersection by node id. */
ITSC_API int itsc_scenario_signal_index(const itsc_scenario *scenario, const char *node, size_t *index);
/** The phase numbers of signal `signal`'s plan, in the plan's order (a stage plan's stage k is phase k). */
ITSC_API int itsc_scenario_phases(const itsc_scenario *scenario, size_t signal, int32_t *numbers, size_t capacity,
                                  size_t *length);
/**@}*/

/** @name Simulations */
/**@{*/
/** A batch of simulation runs over one scenario. */
typedef struct itsc_sim itsc_sim;

/** Options of itsc_sim_create. Begin with ITSC_SIM_OPTIONS_INIT: fields added later keep old binaries working. */
typedef struct itsc_sim_options {
  uint32_t size;         /**< sizeof(itsc_sim_options) */
  int32_t dt_tenths;     /**< step; 0: the scenario's */
  int32_t duration_tenths; /**< run length; 0: the scenario's */
  uint32_t threads;      /**< threads inside a call; 0 or 1: one */
  uint32_t batch;        /**< members; 0: one */
  const char *controller; /**< NULL: each signal's own; else one controller for all ("fixed", "actuated",
                              "max-pressure", "max-pressure-cycle") */
} itsc_sim_options;
#define ITSC_SIM_OPTIONS_INIT {sizeof(itsc_sim_options), 0, 0, 1, 1, NULL}

/** Compiles a simulation of the scenario (which may be freed afterwards). `options` may be NULL. */
ITSC_API int itsc_sim_create(const itsc_scenario *scenario, const itsc_sim_options *options, itsc_sim **out);
ITSC_API void itsc_sim_free(itsc_sim *sim);
/** Advances every member `steps` steps. */
ITSC_API int itsc_sim_step(itsc_sim *sim, uint32_t steps);
/** Advances every member until the clock reaches `time_tenths` (whole steps; nothing when it has). */
ITSC_API int itsc_sim_run_until(itsc_sim *sim, int32_t time_tenths);
/** The configured run length (tenths): what a whole run lasts. */
ITSC_API int itsc_sim_duration(const itsc_sim *sim, int32_t *duration_tenths);
/** Back to time zero with the plans in force. */
ITSC_API int itsc_sim_reset(itsc_sim *sim);
/** The simulation's clock (tenths since the scenario's start). */
ITSC_API int itsc_sim_time(const itsc_sim *sim, int32_t *time_tenths);
/** The number of members of the batch. */
ITSC_API int itsc_sim_batch(const itsc_sim *sim, size_t *batch);

/** Network figures of a member over the measured period so far (after the warm-up). */
typedef struct itsc_network_metrics {
  uint32_t size;                /**< sizeof(itsc_network_metrics): set it before the call */
  double total_delay_veh_h;     /**< control delay, simulated + HCM overflow */
  double delay_s_per_veh;
  double stops_per_veh;
  double average_travel_time_s;
  double throughput_veh_per_h;
  double vehicles_entered;      /**< since time zero */
  double vehicles_exited;
  double vehicles_inside;
} itsc_network_metrics;
#define ITSC_NETWORK_METRICS_INIT {sizeof(itsc_network_metrics), 0, 0, 0, 0, 0, 0, 0, 0}
ITSC_API int itsc_sim_network_metrics(const itsc_sim *sim, size_t member, itsc_network_metrics *metrics);

/** Per movement of a member (ITSC_ITEM_MOVEMENT order): the vehicles queued now (stopped on its approach
 * and not yet left) and the vehicles it discharged over the stop line since the warm-up (differences of
 * two reads give flows). Either array may be NULL; each holds `capacity` values. */
ITSC_API int itsc_sim_movement_state(const itsc_sim *sim, size_t member, double *queued_veh, double *departed_veh,
                                     size_t capacity, size_t *length);
/** Per signalized intersection of a member over the measured period so far: control delay (s/veh) and
 * HCM level of service ('A' to 'F'; '-' where none is defined). */
ITSC_API int itsc_sim_intersection_delay(const itsc_sim *sim, size_t member, double *delay_s_per_veh, char *los,
                                         size_t capacity, size_t *length);
/**@}*/

/** @name Controllers in the loop */
/**@{*/
/** One intersection's signal controller run from the caller's detector data and clock, with no
 * simulation: the controller a simulation of the scenario runs, fed what real detectors report. */
typedef struct itsc_controller itsc_controller;

/** The controller of signal `signal` (itsc_scenario_signal_index) from the scenario's timing and detector
 * map; `kind` NULL: the timing's own, else "fixed", "actuated", "max-pressure" or "max-pressure-cycle". The
 * controller keeps what it needs: the scenario may be freed first. Its clock starts at 0. */
ITSC_API int itsc_controller_create(const itsc_scenario *scenario, size_t signal, const char *kind,
                                    itsc_controller **out);
ITSC_API void itsc_controller_free(itsc_controller *controller);

/** The sizes of a controller's columns. */
typedef struct itsc_controller_shape {
  uint32_t size;     /**< sizeof(itsc_controller_shape): set it (ITSC_CONTROLLER_SHAPE_INIT) before the call */
  size_t detectors;  /**< the observation's detector arrays, in this order (itsc_controller_id) */
  size_t movements;  /**< the movement arrays and the SPaT's first entries */
  size_t crosswalks; /**< the pedestrian calls and the SPaT's last entries */
  size_t phases;     /**< the plan's phases (itsc_controller_phases); a stage plan's stage k is phase k */
} itsc_controller_shape;
#define ITSC_CONTROLLER_SHAPE_INIT {sizeof(itsc_controller_shape), 0, 0, 0, 0}
ITSC_API int itsc_controller_shape_get(const itsc_controller *controller, itsc_controller_shape *shape);
/** The id of detector, movement or crosswalk `index` (`item`: ITSC_ITEM_DETECTOR, ITSC_ITEM_MOVEMENT or
 * ITSC_ITEM_CROSSWALK) as a NUL-terminated string: detector ids, movement ids of the node, leg ids. */
ITSC_API int itsc_controller_id(const itsc_controller *controller, int item, size_t index, char *out,
                                size_t capacity, size_t *length);
/** The plan's phase numbers, in the plan's order. */
ITSC_API int itsc_controller_phases(const itsc_controller *controller, int32_t *numbers, size_t capacity,
                                    size_t *length);

/** What the controller sees over one step, each array in the controller's order; a NULL array reads as
 * zeros. Begin with ITSC_OBSERVATION_INIT. */
typedef struct itsc_observation {
  uint32_t size;                    /**< sizeof(itsc_observation) */
  const double *detector_call;      /**< [detectors] 1 if occupied at any time in the step, else 0 */
  const double *detector_count;     /**< [detectors] vehicles that crossed it in the step */
  const double *detector_occupancy; /**< [detectors] share of the step it was occupied, 0..1 */
  const double *pedestrian_call;    /**< [crosswalks] 1 if a pedestrian pushed the button in the step */
  const double *queued_veh;         /**< [movements] stopped vehicles on the approach bound for it */
  const double *moving_veh;         /**< [movements] the others on the approach bound for it */
  const double *downstream_veh;     /**< [movements] vehicles on the link it enters that weigh against it:
                                         the sum over the movements leaving that link of turning share x
                                         vehicles bound for them (max-pressure) */
} itsc_observation;
#define ITSC_OBSERVATION_INIT {sizeof(itsc_observation), NULL, NULL, NULL, NULL, NULL, NULL, NULL}

/** Runs the controller over [now, now + length) (tenths). Steps follow each other: `now` must be the end
 * of the previous step (0 for the first). `observation` may be NULL: nothing detected. Every value must
 * be finite, calls and occupancies in [0, 1], counts and vehicles at least 0; ITSC_EINVAL names the first
 * that is not, and the controller does not step. */
ITSC_API int itsc_controller_step(itsc_controller *controller, int32_t now_tenths, int32_t length_tenths,
                                  const itsc_observation *observation);
/** The controller's clock: the end of the last step (tenths). */
ITSC_API int itsc_controller_time(const itsc_controller *controller, int32_t *time_tenths);

/** A movement's or crosswalk's indication. */
typedef enum itsc_indication {
  ITSC_RED = 0,
  ITSC_RED_TURN_ON_RED = 1,  /**< red; the movement may turn after stopping */
  ITSC_YELLOW = 2,
  ITSC_PERMITTED_GREEN = 3,  /**< green, yielding to conflicting flows */
  ITSC_PROTECTED_GREEN = 4,
  ITSC_DONT_WALK = 10,
  ITSC_FLASHING_DONT_WALK = 11,
  ITSC_WALK = 12
} itsc_indication;
/** What each movement showed in the last step (the controller's command), in `capacity` entries of each
 * array (NULL arrays are skipped): its indication in the step's last tenth (an itsc_indication), and the
 * tenths of green (either kind) and of yellow inside the step. */
ITSC_API int itsc_controller_movements(const itsc_controller *controller, int32_t *indication,
                                       int32_t *green_tenths, int32_t *yellow_tenths, size_t capacity,
                                       size_t *length);

/** An end time the controller cannot bound (J2735 "unknown"). */
#define ITSC_UNKNOWN_END INT32_MAX
/** SPaT of one movement or crosswalk: what it shows from now and when that ends (tenths since the start). */
typedef struct itsc_spat {
  int32_t indication;        /**< an itsc_indication */
  int32_t min_end_tenths;    /**< the earliest it can end */
  int32_t max_end_tenths;    /**< the latest (ITSC_UNKNOWN_END when unbounded) */
  int32_t likely_end_tenths; /**< the most likely */
} itsc_spat;
/** SPaT from the end of the last step: the movements, then the crosswalks (shape.movements +
 * shape.crosswalks entries). Fixed time gives exact ends, actuated control bounds them
 * (docs/signals.md, "SPaT"); under max-pressure the indications come with unknown ends. */
ITSC_API int itsc_controller_spat(const itsc_controller *controller, itsc_spat *out, size_t capacity,
                                  size_t *length);
/** NTCIP 1202 phase status groups of phases 1 to 16 (bit n - 1 for phase n) from the end of the last
 * step: red (red clearance included), yellow, green, and for the phases serving a crosswalk don't walk,
 * pedestrian clearance and walk. */
typedef struct itsc_phase_status {
  uint32_t size; /**< sizeof(itsc_phase_status): set it (ITSC_PHASE_STATUS_INIT) before the call */
  uint16_t reds, yellows, greens;
  uint16_t dont_walks, pedestrian_clears, walks;
} itsc_phase_status;
#define ITSC_PHASE_STATUS_INIT {sizeof(itsc_phase_status), 0, 0, 0, 0, 0, 0}
ITSC_API int itsc_controller_phase_status(const itsc_controller *controller, itsc_phase_status *status);
/** The SAE J2735 TimeMark of an instant of the scenario: tenths within the hour of the clock time
 * (0 to 35999), 36001 for ITSC_UNKNOWN_END. */
ITSC_API int itsc_time_mark(const itsc_scenario *scenario, int32_t time_tenths, uint16_t *mark);
/**@}*/

/** @name Patterns (NTCIP 1202 terms) */
/**@{*/
/** The most phases, rings and phases per ring a pattern holds (NEMA phases 1 to 16). */
#define ITSC_PATTERN_PHASES 16
#define ITSC_PATTERN_RINGS 4

/** NTCIP 1202 recall modes of a phase (splitMode's recalls, phaseRecall). Fixed time ignores them. */
typedef enum itsc_recall {
  ITSC_RECALL_NONE = 0,
  ITSC_RECALL_MIN = 1,        /**< minimum vehicle recall */
  ITSC_RECALL_MAX = 2,        /**< maximum vehicle recall */
  ITSC_RECALL_PEDESTRIAN = 3, /**< pedestrian recall */
  ITSC_RECALL_SOFT = 4        /**< soft recall: served when no conflicting call waits */
} itsc_recall;
/** What an offset counts to, from the time zero of the scenario's cycles (t = 0 mod cycle). */
typedef enum itsc_offset_reference {
  ITSC_OFFSET_GREEN_START = 0, /**< the start of green of the first coordinated phase (the engine's own) */
  ITSC_OFFSET_YIELD = 1,       /**< the end of that green (the yield point) */
  ITSC_OFFSET_CYCLE_START = 2  /**< the start of ring 1's first phase */
} itsc_offset_reference;
/** How the coordinated phases' force-offs are placed (NTCIP coordForceMode). */
typedef enum itsc_force_off {
  ITSC_FORCE_OFF_FIXED = 0,   /**< at fixed points of the cycle: unused time goes to the next phases */
  ITSC_FORCE_OFF_FLOATING = 1 /**< each phase at most its split: unused time goes to the coordinated phases */
} itsc_force_off;
/** How a new pattern is reached. */
typedef enum itsc_transition {
  ITSC_TRANSITION_NOW = 0,      /**< at once, in step with the new offset (mid-cycle if so) */
  ITSC_TRANSITION_SHORTWAY = 1, /**< from the next cycle start, each cycle lengthened (<= 20 %) or shortened
                                     (<= 17 %), whichever is sooner */
  ITSC_TRANSITION_ADD_ONLY = 2, /**< lengthened only, <= 20 % per cycle */
  ITSC_TRANSITION_DWELL = 3     /**< one cycle lengthened by the whole correction, in the reference's green */
} itsc_transition;

/** One intersection's coordination pattern: what NTCIP 1202's pattern, split and sequence tables hold.
 * Phase n's entries are at index n - 1. Begin with ITSC_PATTERN_INIT. */
typedef struct itsc_pattern {
  uint32_t size;              /**< sizeof(itsc_pattern) */
  int32_t cycle_tenths;       /**< patternCycleTime */
  int32_t offset_tenths;      /**< patternOffsetTime, in [0, cycle), counted to `offset_reference` */
  int32_t offset_reference;   /**< an itsc_offset_reference; in: what the caller reads or writes the offset in */
  uint16_t phases;            /**< bit n - 1: the plan has phase n (read only: a pattern cannot add phases) */
  uint16_t coordinated;       /**< bit n - 1: phase n is coordinated (splitCoordPhase) */
  int32_t force_off;          /**< an itsc_force_off */
  int32_t split_tenths[ITSC_PATTERN_PHASES]; /**< splitTime: green + yellow + red clearance; 0 for no phase */
  int32_t recall[ITSC_PATTERN_PHASES];       /**< an itsc_recall per phase */
  uint32_t rings;             /**< rings of the plan (read only) */
  /** sequenceData: ring r + 1's phases in the order they run, 0 after the last. Phases may change places
   * within their barrier group (lead / lag); the ring and barrier group of each phase are the plan's
   * (its phase concurrency) and stay. */
  uint8_t sequence[ITSC_PATTERN_RINGS][ITSC_PATTERN_PHASES];
} itsc_pattern;
#define ITSC_PATTERN_INIT {sizeof(itsc_pattern), 0, 0, ITSC_OFFSET_GREEN_START, 0, 0, ITSC_FORCE_OFF_FIXED, {0}, {0}, 0, {{0}}}

/** The pattern member `member` runs at signal `signal` (itsc_scenario_signal_index). Set
 * pattern->offset_reference before the call (ITSC_PATTERN_INIT: green start). ITSC_ESTATE for a plan
 * with more phases or rings than a pattern holds. */
ITSC_API int itsc_sim_pattern_get(const itsc_sim *sim, size_t member, size_t signal, itsc_pattern *pattern);
/** Member `member` runs `pattern` at signal `signal` from now on (`transition`: an itsc_transition), the
 * rest of its timing (min greens, clearances, ...) kept. The plan is checked as a scenario's would be:
 * ITSC_EINPUT with every problem in the message, and nothing changed, when it breaks a rule. ITSC_ESTATE
 * when the signal's controller cannot take it: max-pressure chooses its own phases, and the members of
 * an actuated signal share one timing (use a batch of one). An actuated signal takes the new pattern at
 * once whatever `transition` says: its force-offs bring it to the new offset. */
ITSC_API int itsc_sim_pattern_set(itsc_sim *sim, size_t member, size_t signal, const itsc_pattern *pattern,
                                  int transition);
/** The pattern the controller runs (set pattern->offset_reference before the call). */
ITSC_API int itsc_controller_pattern_get(const itsc_controller *controller, itsc_pattern *pattern);
/** The controller runs `pattern` from its clock on, as itsc_sim_pattern_set. */
ITSC_API int itsc_controller_pattern_set(itsc_controller *controller, const itsc_pattern *pattern,
                                         int transition);
/**@}*/

/** @name Optimization */
/**@{*/
/** What the optimizer minimizes (docs/optimizer.md). */
typedef enum itsc_objective {
  ITSC_OBJECTIVE_DELAY = 0,       /**< network control delay (veh-h) */
  ITSC_OBJECTIVE_PI = 1,          /**< delay + stops_weight_s per stop (TRANSYT's performance index) */
  ITSC_OBJECTIVE_THROUGHPUT = 2   /**< vehicles out of the network, delay breaking ties */
} itsc_objective;
/** How cycles are chosen. */
typedef enum itsc_cycle_policy {
  ITSC_CYCLE_COMMON = 0,    /**< one cycle for every signal, offsets optimized */
  ITSC_CYCLE_PER_NODE = 1,  /**< each signal its own cycle, offsets kept */
  ITSC_CYCLE_GROUPS = 2     /**< each group of neighbours one cycle (Hook and Albers' rule) */
} itsc_cycle_policy;
/** Called after every batch of candidate plans with `user`; return nonzero to stop the search there (the
 * best plan so far is kept). */
typedef int (*itsc_progress_fn)(void *user, uint64_t evaluations, double best_objective, double elapsed_s);
/** Options of itsc_optimize; begin with ITSC_OPTIMIZE_OPTIONS_INIT (the library's defaults). */
typedef struct itsc_optimize_options {
  uint32_t size;               /**< sizeof(itsc_optimize_options) */
  int32_t objective;           /**< an itsc_objective */
  double stops_weight_s;       /**< seconds of delay one stop counts as (ITSC_OBJECTIVE_PI) */
  double max_degree_of_saturation;
  double cycle_min_s, cycle_max_s;
  int32_t cycle_policy;        /**< an itsc_cycle_policy */
  uint32_t threads;
  uint64_t seed;
  uint64_t max_evaluations;    /**< 0: no limit */
  double time_limit_s;         /**< 0: no limit */
  itsc_progress_fn progress;   /**< NULL: none */
  void *user;                  /**< passed to progress */
} itsc_optimize_options;
#define ITSC_OPTIMIZE_OPTIONS_INIT \
  {sizeof(itsc_optimize_options), ITSC_OBJECTIVE_DELAY, 10.0, 0.95, 20.0, 180.0, ITSC_CYCLE_COMMON, 1, 1, 0, 0.0, NULL, NULL}
/** The outcome of an optimization: the plan and its figures. */
typedef struct itsc_optimize_result itsc_optimize_result;
/** Why the search stopped. */
typedef enum itsc_stop_reason {
  ITSC_STOP_CONVERGED = 0,
  ITSC_STOP_MAX_EVALUATIONS = 1,
  ITSC_STOP_TIME_LIMIT = 2,
  ITSC_STOP_CANCELLED = 3
} itsc_stop_reason;
/** Before (the scenario's plan) and after (the returned one), over the scenario's whole run. */
typedef struct itsc_optimize_summary {
  uint32_t size;                   /**< sizeof(itsc_optimize_summary): set it before the call */
  double objective_before, objective_after;
  double delay_before_veh_h, delay_after_veh_h;
  double max_degree_of_saturation; /**< of the returned plan */
  int32_t degree_of_saturation_met; /**< 1 when every lane group is within the limit */
  int32_t kept_scenario_plan;      /**< 1 when nothing better was found */
  int32_t stop_reason;             /**< an itsc_stop_reason */
  uint64_t evaluations;
  double wall_time_s;
} itsc_optimize_summary;
#define ITSC_OPTIMIZE_SUMMARY_INIT {sizeof(itsc_optimize_summary), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

/** Optimizes the cycle, splits and offsets of every signal of the scenario (`options` may be NULL: the
 * defaults). Cancelling through the progress callback is a success with ITSC_STOP_CANCELLED. */
ITSC_API int itsc_optimize(const itsc_scenario *scenario, const itsc_optimize_options *options,
                           itsc_optimize_result **out);
ITSC_API void itsc_optimize_result_free(itsc_optimize_result *result);
ITSC_API int itsc_optimize_result_summary(const itsc_optimize_result *result, itsc_optimize_summary *summary);
/** The plan as a plan file's YAML (what `itsc simulate --plan` loads), NUL-terminated. */
ITSC_API int itsc_optimize_result_plan(const itsc_optimize_result *result, char *out, size_t capacity,
                                       size_t *length);
/** The pattern the optimizer gives signal `signal` (set pattern->offset_reference before the call), to
 * set with itsc_sim_pattern_set or itsc_controller_pattern_set, or to send to a field controller. */
ITSC_API int itsc_optimize_result_pattern(const itsc_optimize_result *result, size_t signal,
                                          itsc_pattern *pattern);
/**@}*/

#ifdef __cplusplus
}
#endif

#endif /* ITSC_ITSC_H */
