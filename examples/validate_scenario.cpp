// Loads a scenario with the installed libitsc and prints what it holds.
#include <itsc/itsc.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SCENARIO.yaml\n", argv[0]);
    return 2;
  }
  try {
    const itsc::LoadResult loaded = itsc::load_scenario_file(argv[1]);
    std::printf("%s: %zu nodes, %zu links (libitsc %s)\n", loaded.scenario.name.c_str(),
                loaded.scenario.network.nodes.size(), loaded.scenario.network.links.size(),
                itsc::version());
    return 0;
  } catch (const itsc::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}
