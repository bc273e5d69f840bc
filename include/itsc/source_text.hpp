#pragma once
/// @file source_text.hpp
/// The text of an input file held in memory, for the importers' in-memory overloads.

#include <string>

namespace itsc {

/// One file's contents; `name` is the file as messages name it.
struct SourceText {
  std::string name;
  std::string text;
};

}  // namespace itsc
