// Names of the timing enums as files and messages spell them.
#include "itsc/timing.hpp"
#include "util/enum_names.hpp"

namespace itsc {

namespace {

constexpr detail::EnumNames<Recall, 5> kRecallNames{{
    {Recall::none, "none"},
    {Recall::min, "min"},
    {Recall::max, "max"},
    {Recall::pedestrian, "pedestrian"},
    {Recall::soft, "soft"},
}};

constexpr detail::EnumNames<ForceOff, 2> kForceOffNames{{
    {ForceOff::fixed, "fixed"},
    {ForceOff::floating, "floating"},
}};

constexpr detail::EnumNames<PressureNormalization, 2> kNormalizationNames{{
    {PressureNormalization::none, "none"},
    {PressureNormalization::storage, "storage"},
}};

}  // namespace

std::string_view to_string(Recall recall) noexcept { return detail::name_of(kRecallNames, recall); }
std::optional<Recall> parse_recall(std::string_view text) noexcept { return detail::value_of(kRecallNames, text); }
std::string_view to_string(ForceOff force_off) noexcept { return detail::name_of(kForceOffNames, force_off); }
std::optional<ForceOff> parse_force_off(std::string_view text) noexcept {
  return detail::value_of(kForceOffNames, text);
}

std::string_view to_string(PressureNormalization normalization) noexcept {
  return detail::name_of(kNormalizationNames, normalization);
}
std::optional<PressureNormalization> parse_pressure_normalization(std::string_view text) noexcept {
  return detail::value_of(kNormalizationNames, text);
}

}  // namespace itsc
