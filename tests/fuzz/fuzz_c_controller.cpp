// Fuzzes a controller in the loop through the C API: the input picks a bundled intersection and a
// controller, then a stream of steps (lengths, detector, pedestrian and queue data, garbage included)
// and of pattern changes (any cycle, offset, splits, recalls, coordination, sequence, transition).
// Refused input changes nothing; accepted steps advance the clock by their length; every step's SPaT
// ends are ordered and not in the past, and every plan phase is in exactly one of red, yellow, green.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "itsc/itsc.h"

namespace {

// The input read a byte at a time (zeros once it runs out).
struct Bytes {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
  bool more() const { return at < size; }
  std::uint8_t next() { return at < size ? data[at++] : 0; }
};

void require(bool condition) {
  if (!condition) __builtin_trap();
}

itsc_scenario* load(const char* file) {
  itsc_scenario* scenario = nullptr;
  require(itsc_scenario_load_file((std::string(ITSC_SOURCE_DIR) + file).c_str(), &scenario) == ITSC_OK);
  return scenario;  // kept for the process: every input reuses it
}

bool same(const itsc_pattern& a, const itsc_pattern& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

itsc_pattern pattern_of(const itsc_controller* controller) {
  itsc_pattern p = ITSC_PATTERN_INIT;
  require(itsc_controller_pattern_get(controller, &p) == ITSC_OK);
  return p;
}

// A pattern change from the input: the one in force with some fields moved (or made nonsense).
void change_pattern(itsc_controller* controller, Bytes& in) {
  const itsc_pattern before = pattern_of(controller);
  itsc_pattern p = before;
  const std::uint8_t what = in.next();
  if (what & 1) p.cycle_tenths += (in.next() - 128) * 5;
  if (what & 2) p.offset_tenths = in.next() * 10;
  if (what & 4) {
    const int phase = in.next() % ITSC_PATTERN_PHASES;
    const int other = in.next() % ITSC_PATTERN_PHASES;
    const int moved = (in.next() % 41) * 5;
    p.split_tenths[phase] += moved;
    p.split_tenths[other] -= moved;
  }
  if (what & 8) p.recall[in.next() % ITSC_PATTERN_PHASES] = in.next() % 6;
  if (what & 16) p.coordinated = static_cast<std::uint16_t>(in.next() | (in.next() << 8));
  if (what & 32) {
    const int ring = in.next() % ITSC_PATTERN_RINGS;
    const int a = in.next() % ITSC_PATTERN_PHASES, b = in.next() % ITSC_PATTERN_PHASES;
    const std::uint8_t swap = p.sequence[ring][a];
    p.sequence[ring][a] = p.sequence[ring][b];
    p.sequence[ring][b] = swap;
  }
  if (what & 64) p.force_off = in.next() % 3;
  const int transition = in.next() % 5;
  const int code = itsc_controller_pattern_set(controller, &p, transition);
  require(code == ITSC_OK || code == ITSC_EINPUT || code == ITSC_EINVAL || code == ITSC_ESTATE);
  require(std::strlen(itsc_error_last()) > 0 || code == ITSC_OK);
  const itsc_pattern after = pattern_of(controller);
  if (code != ITSC_OK) {
    require(same(after, before));
    return;
  }
  require(after.cycle_tenths == p.cycle_tenths);
  require(std::memcmp(after.split_tenths, p.split_tenths, sizeof p.split_tenths) == 0);
  require(after.coordinated == p.coordinated);
}

struct Step {
  std::vector<double> call, count, occupancy, pushed, queued, moving, downstream;
  std::vector<itsc_spat> spat;
  explicit Step(const itsc_controller_shape& shape)
      : call(shape.detectors), count(shape.detectors), occupancy(shape.detectors), pushed(shape.crosswalks),
        queued(shape.movements), moving(shape.movements), downstream(shape.movements),
        spat(shape.movements + shape.crosswalks) {}
};

double value(std::uint8_t b, double scale) {
  if (b == 0xFF) return std::numeric_limits<double>::quiet_NaN();
  if (b == 0xFE) return -1;
  return (b % 32) * scale;
}

void step(itsc_controller* controller, Bytes& in, Step& s, const std::vector<int32_t>& phases) {
  int32_t now = 0;
  require(itsc_controller_time(controller, &now) == ITSC_OK);
  const int32_t length = 1 + in.next() % 30;
  for (std::size_t d = 0; d < s.call.size(); ++d) {
    const std::uint8_t b = in.next();
    s.call[d] = b == 0xFF ? 2.0 : (b & 1);
    s.count[d] = value(b, 0.25);
    s.occupancy[d] = b == 0xFD ? 1.5 : (b % 32) / 31.0;
  }
  for (double& pushed : s.pushed) pushed = in.next() & 1;
  for (std::size_t m = 0; m < s.queued.size(); ++m) {
    const std::uint8_t b = in.next();
    s.queued[m] = value(b, 1.0);
    s.moving[m] = (b % 7) * 0.5;
    s.downstream[m] = (b % 11) * 1.5;
  }
  itsc_observation o = ITSC_OBSERVATION_INIT;
  o.detector_call = s.call.data();
  o.detector_count = s.count.data();
  o.detector_occupancy = s.occupancy.data();
  o.pedestrian_call = s.pushed.data();
  o.queued_veh = s.queued.data();
  o.moving_veh = s.moving.data();
  o.downstream_veh = s.downstream.data();
  const int code = itsc_controller_step(controller, now, length, &o);
  int32_t later = 0;
  require(itsc_controller_time(controller, &later) == ITSC_OK);
  if (code != ITSC_OK) {
    require(code == ITSC_EINVAL && later == now);
    return;
  }
  require(later == now + length);
  std::size_t n = 0;
  if (itsc_controller_spat(controller, s.spat.data(), s.spat.size(), &n) == ITSC_OK) {
    for (const itsc_spat& e : s.spat) {
      require(e.min_end_tenths >= later);
      require(e.min_end_tenths <= e.max_end_tenths);
      require(e.likely_end_tenths >= e.min_end_tenths && e.likely_end_tenths <= e.max_end_tenths);
    }
  }
  itsc_phase_status status = ITSC_PHASE_STATUS_INIT;
  if (itsc_controller_phase_status(controller, &status) == ITSC_OK) {
    for (const int32_t phase : phases) {
      if (phase < 1 || phase > 16) continue;
      const unsigned bit = 1u << (phase - 1);
      const int in_states = ((status.reds & bit) != 0) + ((status.yellows & bit) != 0) + ((status.greens & bit) != 0);
      require(in_states == 1);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static itsc_scenario* const scenarios[] = {load("/data/isolated.yaml"), load("/tests/data/hcm_ch31_example1.yaml")};
  static const char* const kinds[] = {nullptr, "fixed", "actuated", "max-pressure", "max-pressure-cycle"};
  Bytes in{data, size};
  const std::uint8_t pick = in.next();
  itsc_controller* controller = nullptr;
  const int created = itsc_controller_create(scenarios[pick % 2], 0, kinds[(pick >> 1) % 5], &controller);
  require(created == ITSC_OK || created == ITSC_EINPUT);  // the isolated signal has no detectors to actuate
  if (created != ITSC_OK) return 0;
  itsc_controller_shape shape = ITSC_CONTROLLER_SHAPE_INIT;
  require(itsc_controller_shape_get(controller, &shape) == ITSC_OK);
  std::vector<int32_t> phases(shape.phases);
  std::size_t n = 0;
  require(itsc_controller_phases(controller, phases.data(), phases.size(), &n) == ITSC_OK);
  Step s(shape);
  for (int k = 0; k < 2000 && in.more(); ++k) {
    if (in.next() % 8 == 7) {
      change_pattern(controller, in);
    } else {
      step(controller, in, s, phases);
    }
  }
  itsc_controller_free(controller);
  return 0;
}
