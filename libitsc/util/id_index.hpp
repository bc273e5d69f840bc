#pragma once
// Id -> position lookups for human-scale vectors of items with an `id` (first occurrence wins).

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace itsc::detail {

class IdIndex {
 public:
  IdIndex() = default;
  template <typename Item>
  explicit IdIndex(const std::vector<Item>& items) {
    positions_.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) positions_.emplace(items[i].id, i);
  }
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const {
    const auto found = positions_.find(id);
    if (found == positions_.end()) return std::nullopt;
    return found->second;
  }
  [[nodiscard]] bool contains(std::string_view id) const { return positions_.count(id) != 0; }

 private:
  std::unordered_map<std::string_view, std::size_t> positions_;  // views into the items' ids
};

}  // namespace itsc::detail
