#pragma once
// The movement columns of a node's interval table as the engine lays them out, shared by the import
// (which compares the table with SUMO's program) and the export (which writes the table as one).

#include <string>
#include <vector>

#include "itsc/network.hpp"

namespace itsc::detail {

struct MovementColumns {
  std::vector<std::string> movements;    ///< the node's movements, in order
  std::vector<std::string> turn_on_red;  ///< those that show red_turn_on_red (SUMO's 's') while red
};

[[nodiscard]] inline MovementColumns movement_columns(const Node& node) {
  MovementColumns columns;
  for (const Movement& movement : node.movements) {
    columns.movements.push_back(movement.id);
    if (movement.right_turn_on_red) columns.turn_on_red.push_back(movement.id);
  }
  return columns;
}

}  // namespace itsc::detail
