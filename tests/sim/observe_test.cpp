// The engine fills the Observation for controllers that use it: per movement the vehicles bound for
// it (queued and moving), and the same for the movements of the link it feeds.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <vector>

#include "sim/scenario_builders.hpp"

using namespace itsc;

namespace {

// Always red; records what it saw for its first movement.
class Watcher final : public Controller {
 public:
  explicit Watcher(std::size_t movements) : movements_(movements) {}
  std::unique_ptr<Controller> clone() const override { return std::make_unique<Watcher>(*this); }
  bool copy_member(const Controller&, std::size_t, std::size_t) noexcept override { return false; }
  std::size_t movement_count() const noexcept override { return movements_; }
  std::size_t batch_size() const noexcept override { return 1; }
  bool uses_observation() const noexcept override { return true; }
  void step(Tenths, Tenths, const Observation& observation, const SignalCommand& command) noexcept override {
    queued = observation.queued_veh[0];
    moving = observation.moving_veh[0];
    feeds = observation.feed_begin[1] - observation.feed_begin[0];
    for (std::size_t m = 0; m < movements_; ++m) {
      command.indication[m] = Indication::red;
      command.green_tenths[m] = 0;
      command.yellow_tenths[m] = 0;
    }
  }
  double queued = 0;
  double moving = 0;
  std::uint32_t feeds = 0;

 private:
  std::size_t movements_;
};

}  // namespace

TEST_CASE("observation: queued and moving vehicles bound for a movement") {
  test::ApproachOptions options;
  options.flow_veh_per_h = 720;  // 0.2 veh/s
  const Scenario scenario = test::isolated_approach(options);
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  State state = make_state(model, 1);
  Watcher watcher(model.movement_count());
  std::vector<Controller*> controllers{&watcher};
  for (int i = 0; i < 300; ++i) step(model, state, demand, controllers);
  // Always red: everything that entered is on the approach, the front of it stopped.
  step(model, state, demand, controllers);
  CHECK(watcher.queued + watcher.moving == doctest::Approx(300 * 0.2).epsilon(1e-9));
  CHECK(watcher.queued > 0.5 * 300 * 0.2);
  CHECK(watcher.feeds == 1);  // C_E leaves the network
}
