// A controller driven through the C API with the observations a simulation gives its own controller
// shows the same indications, greens and yellows, step by step, as inside the simulation (actuated on
// the bundled isolated intersection with its detectors and pedestrians, and fixed time); its phase
// status and SPaT agree with those indications.
#include <doctest/doctest.h>
#include <itsc/io.hpp>
#include <itsc/plan.hpp>
#include <itsc/sim.hpp>

#include <memory>
#include <string>
#include <vector>

#include "itsc/itsc.h"

namespace itsc {

namespace {

// Forwards to the simulation's controller and keeps a copy of what it saw and commanded in the last step.
class Recorder final : public Controller {
 public:
  explicit Recorder(std::unique_ptr<Controller> inner) : inner_(std::move(inner)) {}
  [[nodiscard]] std::unique_ptr<Controller> clone() const override { return std::make_unique<Recorder>(inner_->clone()); }
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override {
    return inner_->copy_member(source, from, to);
  }
  [[nodiscard]] std::size_t movement_count() const noexcept override { return inner_->movement_count(); }
  [[nodiscard]] std::size_t batch_size() const noexcept override { return inner_->batch_size(); }
  [[nodiscard]] bool uses_observation() const noexcept override { return inner_->uses_observation(); }
  void step(Tenths start, Tenths length, const Observation& o, const SignalCommand& command) noexcept override {
    inner_->step(start, length, o, command);
    call.assign(o.detector_call.begin(), o.detector_call.end());
    count.assign(o.detector_count.begin(), o.detector_count.end());
    occupancy.assign(o.detector_occupancy.begin(), o.detector_occupancy.end());
    pedestrian.assign(o.pedestrian_call.begin(), o.pedestrian_call.end());
    queued.assign(o.queued_veh.begin(), o.queued_veh.end());
    moving.assign(o.moving_veh.begin(), o.moving_veh.end());
    downstream.assign(queued.size(), 0.0);
    for (std::size_t m = 0; m + 1 < o.feed_begin.size(); ++m) {
      for (auto f = o.feed_begin[m]; f < o.feed_begin[m + 1]; ++f) {
        downstream[m] += o.feed_proportion[f] * (o.feed_queued_veh[f] + o.feed_moving_veh[f]);
      }
    }
    indication.assign(command.indication.begin(), command.indication.end());
    green.assign(command.green_tenths.begin(), command.green_tenths.end());
    yellow.assign(command.yellow_tenths.begin(), command.yellow_tenths.end());
  }
  std::vector<double> call, count, occupancy, pedestrian, queued, moving, downstream;
  std::vector<Indication> indication;
  std::vector<std::int32_t> green, yellow;

 private:
  std::unique_ptr<Controller> inner_;
};

void check_loop(const std::string& controller_kind) {
  const std::string path = std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml";
  const Scenario scenario = load_scenario_file(path).scenario;
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  const PlanSet plans = compile_plans(scenario, model, 1, controller_kind);
  std::vector<std::unique_ptr<Controller>> inner = make_controllers(model, plans);
  REQUIRE(inner.size() == 1);
  Recorder recorder(std::move(inner.front()));
  Controller* views[] = {&recorder};
  State state = make_state(model, 1);

  itsc_scenario* c_scenario = nullptr;
  REQUIRE(itsc_scenario_load_file(path.c_str(), &c_scenario) == ITSC_OK);
  itsc_controller* c_controller = nullptr;
  REQUIRE(itsc_controller_create(c_scenario, 0, controller_kind.c_str(), &c_controller) == ITSC_OK);
  itsc_controller_shape shape = ITSC_CONTROLLER_SHAPE_INIT;
  REQUIRE(itsc_controller_shape_get(c_controller, &shape) == ITSC_OK);
  REQUIRE(shape.movements == model.signal_layout[0].movements.size());
  std::vector<int32_t> indication(shape.movements), green(shape.movements), yellow(shape.movements);
  std::vector<itsc_spat> spat(shape.movements + shape.crosswalks);
  std::vector<int32_t> numbers(shape.phases);
  std::size_t phase_count = 0;
  REQUIRE(itsc_controller_phases(c_controller, numbers.data(), numbers.size(), &phase_count) == ITSC_OK);
  std::uint16_t phase_bits = 0;
  for (const int32_t n : numbers) phase_bits = static_cast<std::uint16_t>(phase_bits | (1U << (n - 1)));
  int changes = 0;
  Indication last = Indication::red;
  for (int k = 0; k < 1800; ++k) {
    step(model, state, demand, views, StepOptions{});
    itsc_observation o = ITSC_OBSERVATION_INIT;
    o.detector_call = recorder.call.data();
    o.detector_count = recorder.count.data();
    o.detector_occupancy = recorder.occupancy.data();
    o.pedestrian_call = recorder.pedestrian.data();
    o.queued_veh = recorder.queued.data();
    o.moving_veh = recorder.moving.data();
    o.downstream_veh = recorder.downstream.data();
    REQUIRE(itsc_controller_step(c_controller, static_cast<int32_t>(k * model.dt_tenths),
                                 static_cast<int32_t>(model.dt_tenths), &o) == ITSC_OK);
    std::size_t length = 0;
    REQUIRE(itsc_controller_movements(c_controller, indication.data(), green.data(), yellow.data(), shape.movements,
                                      &length) == ITSC_OK);
    CAPTURE(controller_kind);
    CAPTURE(k);
    for (std::size_t m = 0; m < shape.movements; ++m) {
      CHECK(indication[m] == static_cast<int32_t>(recorder.indication[m]));
      CHECK(green[m] == recorder.green[m]);
      CHECK(yellow[m] == recorder.yellow[m]);
    }
    if (recorder.indication[1] != last) ++changes;
    last = recorder.indication[1];
    // The SPaT from now shows what the next step's command starts with; the phase status agrees with it.
    REQUIRE(itsc_controller_spat(c_controller, spat.data(), spat.size(), &length) == ITSC_OK);
    itsc_phase_status status = ITSC_PHASE_STATUS_INIT;
    REQUIRE(itsc_controller_phase_status(c_controller, &status) == ITSC_OK);
    CHECK((status.greens & status.yellows) == 0);
    const bool any_green = [&] {
      for (std::size_t m = 0; m < shape.movements; ++m) {
        if (spat[m].indication == ITSC_PROTECTED_GREEN || spat[m].indication == ITSC_PERMITTED_GREEN) return true;
      }
      return false;
    }();
    // A green phase shows some movement green (not conversely: a movement its next phase serves too stays
    // green through the change interval), and every phase is in one of red, yellow and green.
    if (status.greens != 0) CHECK(any_green);
    CHECK((status.reds | status.yellows | status.greens) == phase_bits);
  }
  CHECK(changes > 10);
  itsc_controller_free(c_controller);
  itsc_scenario_free(c_scenario);
}

}  // namespace

TEST_CASE("c api: a controller in the loop shows what the simulation's own shows, step by step") {
  check_loop("actuated");
  check_loop("fixed");
}

}  // namespace itsc
