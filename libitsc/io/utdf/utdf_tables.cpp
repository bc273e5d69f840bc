// Splitting a UTDF file into sections and reading its cells (FILE:LINE messages naming section,
// INTID and column).
#include "io/utdf/utdf_tables.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace itsc::detail::utdf {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// One CSV line: comma-separated (tab-separated where the line has no comma, as some tools write
// UTDF), double quotes around a cell allowed.
std::vector<std::string> split_cells(std::string_view line) {
  const char separator = line.find(',') == std::string_view::npos && line.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      cells.emplace_back(trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.emplace_back(trim(cell));
  return cells;
}

bool blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return cell.empty(); });
}

bool is_header(const std::vector<std::string>& cells) {
  const std::string first = lower(cells.front());
  return first == "recordname" || first == "intid";
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty() || !std::isfinite(value)) return std::nullopt;
  return value;
}

void Problems::add(int line, std::string message) {
  // Several readers index one section ([Lanes] for lanes, phases and volumes): report each problem once.
  Diagnostic diagnostic{Severity::error, file_, line, 0, "", std::move(message)};
  if (std::find(list_.begin(), list_.end(), diagnostic) == list_.end()) list_.push_back(std::move(diagnostic));
}

void Problems::throw_if_any() {
  if (!list_.empty()) throw Error(ErrorCode::invalid_input, std::move(list_));
}

std::optional<std::size_t> Section::column(std::string_view column_name) const {
  const std::string wanted = lower(column_name);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (lower(columns[i]) == wanted) return i;
  }
  return std::nullopt;
}

bool Section::record_layout() const { return !columns.empty() && lower(columns.front()) == "recordname"; }

std::vector<std::string> Section::data_columns() const {
  std::vector<std::string> out;
  for (std::size_t i = 2; i < columns.size(); ++i) {
    if (!columns[i].empty()) out.push_back(columns[i]);
  }
  return out;
}

Tables::Tables(const UtdfSource& source) : file_(source.name) {
  std::string_view text = source.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark, as Excel saves
  int line_number = 0;
  Section* current = nullptr;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string> cells = split_cells(line);
    if (blank(cells)) continue;
    const std::string& first = cells.front();
    if (first.size() >= 2 && first.front() == '[' && first.back() == ']') {
      sections_.push_back({});
      current = &sections_.back();
      current->name = first.substr(1, first.size() - 2);
      current->line = line_number;
      continue;
    }
    if (current == nullptr) continue;  // text before the first section (a title line)
    if (current->columns.empty()) {
      // The line after `[Section]` names it ("Lane Group Data"); the header comes next.
      if (is_header(cells)) current->columns = std::move(cells);
      continue;
    }
    cells.resize(std::max(cells.size(), current->columns.size()));
    current->rows.push_back({line_number, std::move(cells)});
  }
}

const Section* Tables::find(std::string_view name) const {
  const std::string wanted = lower(name);
  for (const Section& section : sections_) {
    if (lower(section.name) == wanted) return &section;
  }
  return nullptr;
}

const Section* Tables::find_any(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (const Section* section = find(name)) return section;
  }
  return nullptr;
}

Records::Records(const Section* section, Problems& problems) : section_(section), problems_(&problems) {
  if (section_ == nullptr) return;
  if (!section_->record_layout() || section_->columns.size() < 2 || lower(section_->columns[1]) != "intid") {
    problems.add(section_->line, "[" + section_->name + "]: the header must start RECORDNAME,INTID");
    section_ = nullptr;
    return;
  }
  for (const Row& row : section_->rows) {
    const std::string& record = row.cells[0];
    const std::string& intid = row.cells[1];
    if (intid.empty()) {
      problems.add(row.line, "[" + section_->name + "] " + record + ": no INTID");
      continue;
    }
    auto [records, added] = index_.try_emplace(intid);
    if (added) intids_.push_back(intid);
    if (!records->second.emplace(lower(record), &row).second) {
      problems.add(row.line, "[" + section_->name + "] INTID " + intid + ": a second " + record + " row");
    }
  }
}

const Row* Records::row(const std::string& intid, std::string_view record) const {
  const auto records = index_.find(intid);
  if (records == index_.end()) return nullptr;
  const auto found = records->second.find(lower(record));
  return found == records->second.end() ? nullptr : found->second;
}

int Records::line(const std::string& intid, std::string_view record) const {
  const Row* found = row(intid, record);
  return found ? found->line : 0;
}

std::string Records::text(const std::string& intid, std::string_view record, std::string_view column) const {
  const Row* found = row(intid, record);
  if (!found) return "";
  const auto index = section_->column(column);
  return index ? found->cells[*index] : "";
}

std::optional<double> Records::number(const std::string& intid, std::string_view record, std::string_view column) const {
  const std::string cell = text(intid, record, column);
  if (cell.empty()) return std::nullopt;
  const auto value = parse_number(cell);
  if (!value) problem(intid, record, column, "not a number '" + cell + "'");
  return value;
}

std::optional<int> Records::integer(const std::string& intid, std::string_view record, std::string_view column) const {
  const auto value = number(intid, record, column);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value) || std::fabs(*value) > 1e6) {
    problem(intid, record, column, "not a whole number '" + text(intid, record, column) + "'");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

void Records::problem(const std::string& intid, std::string_view record, std::string_view column,
                      const std::string& message) const {
  const int at = line(intid, record);
  std::string text = "[" + section_->name + "] INTID " + intid + ", " + std::string(record);
  if (!column.empty()) text += ", column " + std::string(column);
  problems_->add(at > 0 ? at : section_->line, text + ": " + message);
}

}  // namespace itsc::detail::utdf
