#include "itsc/network.hpp"

#include "util/enum_names.hpp"
#include "util/id_index.hpp"

namespace itsc {

namespace {

template <typename Item>
std::optional<std::size_t> index_of(const std::vector<Item>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return i;
  }
  return std::nullopt;
}

constexpr detail::EnumNames<NodeControl, 5> kNodeControlNames{{
    {NodeControl::signalized, "signalized"},
    {NodeControl::uncontrolled, "uncontrolled"},
    {NodeControl::two_way_stop, "two_way_stop"},
    {NodeControl::all_way_stop, "all_way_stop"},
    {NodeControl::boundary, "boundary"},
}};

constexpr detail::EnumNames<TurnType, 4> kTurnNames{{
    {TurnType::left, "left"},
    {TurnType::through, "through"},
    {TurnType::right, "right"},
    {TurnType::u_turn, "u_turn"},
}};

constexpr detail::EnumNames<AreaType, 2> kAreaNames{{
    {AreaType::other, "other"},
    {AreaType::cbd, "cbd"},
}};

}  // namespace

std::optional<std::size_t> Network::node_index(std::string_view id) const { return index_of(nodes, id); }
std::optional<std::size_t> Network::link_index(std::string_view id) const { return index_of(links, id); }

const Node* Network::find_node(std::string_view id) const {
  const auto index = node_index(id);
  return index ? &nodes[*index] : nullptr;
}

const Link* Network::find_link(std::string_view id) const {
  const auto index = link_index(id);
  return index ? &links[*index] : nullptr;
}

std::vector<std::size_t> Network::entry_links() const {
  const detail::IdIndex node_ids(nodes);
  std::vector<std::size_t> result;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto from = node_ids.find(links[i].from);
    if (from && nodes[*from].control == NodeControl::boundary) result.push_back(i);
  }
  return result;
}

std::vector<std::size_t> Network::exit_links() const {
  const detail::IdIndex node_ids(nodes);
  std::vector<std::size_t> result;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto to = node_ids.find(links[i].to);
    if (to && nodes[*to].control == NodeControl::boundary) result.push_back(i);
  }
  return result;
}

std::string_view to_string(NodeControl control) noexcept { return detail::name_of(kNodeControlNames, control); }
std::string_view to_string(TurnType turn) noexcept { return detail::name_of(kTurnNames, turn); }
std::optional<NodeControl> parse_node_control(std::string_view text) noexcept {
  return detail::value_of(kNodeControlNames, text);
}
std::optional<TurnType> parse_turn_type(std::string_view text) noexcept { return detail::value_of(kTurnNames, text); }
std::string_view to_string(AreaType area) noexcept { return detail::name_of(kAreaNames, area); }
std::optional<AreaType> parse_area_type(std::string_view text) noexcept { return detail::value_of(kAreaNames, text); }

}  // namespace itsc
