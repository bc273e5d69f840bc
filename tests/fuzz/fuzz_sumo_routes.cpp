// Fuzzes the SUMO route importer against a fixed network (the seed corpus' crossing): any input either
// imports or throws itsc::Error.
#include <itsc/sumo.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const itsc::SumoSource& network() {
  static const itsc::SumoSource net = [] {
    std::ifstream in(ITSC_SOURCE_DIR "/tests/fuzz/corpus/sumo_net/cross.net.xml", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return itsc::SumoSource{"cross.net.xml", text.str()};
  }();
  return net;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const itsc::SumoSource routes[] = {{"fuzz.rou.xml", std::string(reinterpret_cast<const char*>(data), size)}};
  itsc::SumoImportOptions options;
  options.end_s = 3600;  // bounds the demand profile whatever the departures
  try {
    static_cast<void>(itsc::import_sumo(network(), routes, options));
  } catch (const itsc::Error&) {
  }
  return 0;
}
