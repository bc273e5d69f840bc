#pragma once
// The one table of scenario and plan keys: per section, per key its type, unit, default, US customary
// alternative and a one-line description. It drives the loader's unknown-key, required-key and
// unit checks, the order keys are saved in, and the reference part of docs/scenario-format.md.
// Adding a key: one row here, then read and write it in scenario_reader.cpp / scenario_writer.cpp.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace itsc::detail {

enum class KeyType {
  integer,
  number,
  string,
  boolean,
  choice,          ///< one of the words in `choices`
  clock_time,      ///< "HH:MM" or "HH:MM:SS"
  number_or_list,  ///< a number, or a list of numbers (a profile)
  id_list,         ///< list of ids
  integer_list,
  map,
  list,            ///< list of maps (a section of its own)
  rings,           ///< list of rings, each a list of barrier groups of phase numbers
};

struct KeySpec {
  std::string_view name;         ///< metric name, as saved
  KeyType type;
  std::string_view unit;         ///< "" when none
  std::string_view default_text; ///< "" when required; otherwise what an absent key means
  std::string_view us_name;      ///< US customary alternative accepted on input ("" if none)
  double us_factor;              ///< metric value = US value * us_factor
  bool required;
  std::string_view description;
  std::string_view choices = {}; ///< for KeyType::choice: words separated by ", "
};

/// A map of keys: the top level, `links[]`, `timing.<node>.sequence.phases[]`, ...
struct Section {
  std::string_view name;         ///< as the docs show it, e.g. "links[]"
  std::string_view description;
  std::span<const KeySpec> keys;

  /// The key named `name` (metric or US name), or nullptr.
  [[nodiscard]] const KeySpec* find(std::string_view name) const noexcept;
  /// Position of the key in the table (the save order).
  [[nodiscard]] std::size_t index_of(std::string_view metric_name) const noexcept;
};

/// The sections, in document order.
namespace sections {
extern const Section top;
extern const Section simulation;
extern const Section node;
extern const Section leg;
extern const Section movement;
extern const Section lane_group;
extern const Section link;
extern const Section detector;
extern const Section demand;
extern const Section entry;
extern const Section source;
extern const Section sink;
extern const Section turns;
extern const Section pedestrians;
extern const Section timing;
extern const Section max_pressure;
extern const Section sequence;
extern const Section stage;
extern const Section phase;
extern const Section overlap;
extern const Section pattern;
extern const Section schedule;
extern const Section sumo;
extern const Section sumo_signal;
extern const Section utdf;
extern const Section utdf_signal;
extern const Section plan;
}  // namespace sections

/// Every section, in the order the docs list them.
[[nodiscard]] std::span<const Section* const> all_sections() noexcept;

/// The US customary name for a metric key name anywhere in the table ("length_m" -> "length_ft").
[[nodiscard]] std::optional<std::string_view> us_alternative(std::string_view metric_name) noexcept;

/// The closest known key to a misspelt one, when it is close enough to be a likely typo.
[[nodiscard]] std::optional<std::string_view> suggest_key(const Section& section, std::string_view unknown);

/// The generated key reference of docs/scenario-format.md.
[[nodiscard]] std::string render_key_reference_markdown();

}  // namespace itsc::detail
