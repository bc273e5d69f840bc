#pragma once
// A UTDF combined file split into its sections, and typed access to their cells that names FILE:LINE,
// the section, the INTID and the column of every cell it cannot read. Two layouts exist: record rows
// (`RECORDNAME,INTID,<columns>`: one row per record and INTID, e.g. `MinGreen,3,...`) and plain tables
// (`INTID,TYPE,X,Y`: one row per INTID). `[Network]` is `RECORDNAME,DATA`.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/error.hpp"
#include "itsc/utdf.hpp"

namespace itsc::detail::utdf {

/// Problems found while reading; thrown together once a stage is done.
class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(int line, std::string message);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// Throws `Error` (invalid_input) with every problem, if there is any.
  void throw_if_any();

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

struct Row {
  int line = 0;
  std::vector<std::string> cells;  ///< trimmed, aligned to the section's columns
};

/// One `[Section]`: its header's columns and its data rows.
class Section {
 public:
  std::string name;                  ///< without brackets, e.g. "Phases"
  int line = 0;                      ///< of the `[Section]` line
  std::vector<std::string> columns;  ///< the header row (empty: no header found)
  std::vector<Row> rows;

  /// Index of a column by name (case-insensitive), or nullopt.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view column_name) const;
  /// Record layout: the columns after RECORDNAME and INTID (the movement or phase columns).
  [[nodiscard]] std::vector<std::string> data_columns() const;
  [[nodiscard]] bool record_layout() const;
};

/// The file's sections by name. Lines outside any section and unknown sections are kept too.
class Tables {
 public:
  explicit Tables(const UtdfSource& source);
  [[nodiscard]] const Section* find(std::string_view name) const;
  /// The first of `names` that the file has.
  [[nodiscard]] const Section* find_any(std::initializer_list<std::string_view> names) const;
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
  std::vector<Section> sections_;
};

/// A record-layout section indexed by INTID and record name, with typed reads of its cells.
class Records {
 public:
  Records(const Section* section, Problems& problems);
  [[nodiscard]] bool empty() const noexcept { return section_ == nullptr; }
  [[nodiscard]] const Section* section() const noexcept { return section_; }
  /// INTIDs in the order of their first row.
  [[nodiscard]] const std::vector<std::string>& intids() const noexcept { return intids_; }
  [[nodiscard]] const Row* row(const std::string& intid, std::string_view record) const;
  /// A cell's text ("" when the row, the column or the value is absent).
  [[nodiscard]] std::string text(const std::string& intid, std::string_view record, std::string_view column) const;
  /// A number; nullopt when blank or absent, or not a number (then a problem is added).
  [[nodiscard]] std::optional<double> number(const std::string& intid, std::string_view record, std::string_view column) const;
  /// A whole number, same rules.
  [[nodiscard]] std::optional<int> integer(const std::string& intid, std::string_view record, std::string_view column) const;
  /// The line of a row (0 when absent), for messages about it.
  [[nodiscard]] int line(const std::string& intid, std::string_view record) const;
  /// Adds a problem at a row: "[Section] INTID i, column c: message".
  void problem(const std::string& intid, std::string_view record, std::string_view column, const std::string& message) const;

 private:
  const Section* section_;
  Problems* problems_;
  std::vector<std::string> intids_;
  std::map<std::string, std::map<std::string, const Row*>> index_;  // intid -> lower-case record -> row
};

/// Parses a number cell as UTDF writes them ("12", "3.5", " 40 "); nullopt when it is not one.
[[nodiscard]] std::optional<double> parse_number(std::string_view text);
[[nodiscard]] std::string lower(std::string_view text);

}  // namespace itsc::detail::utdf
