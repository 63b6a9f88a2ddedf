// Building the list's SQL from a ViewQuery. Every value is a `?` parameter;
// only fixed fragments are concatenated. Each fragment restates one rule of
// core::matches / core::can_see / core::sorts_before; the property test in
// tests/server/storage_list_tests.cpp checks them against core.
#include "server/storage/sql/dialog_query.hpp"

#include <charconv>

#include "core/text.hpp"

namespace server::sql {
namespace {

constexpr char kSearchSeparator = '\x1f';

const char* sort_column(core::SortKey key) {
  switch (key) {
    case core::SortKey::LastMessage:
      return "d.last_message_at";
    case core::SortKey::Created:
      return "d.created_at";
    case core::SortKey::ResponseTime:
      return "d.response_time_ms";
    case core::SortKey::Price:
      return "d.price";
    case core::SortKey::Unread:
      return "d.unread";
  }
  return "d.last_message_at";
}

template <class T>
void add_in(SqlPart& part, const char* column, const std::vector<T>& values) {
  if (values.empty()) return;
  part.sql += " AND ";
  part.sql += column;
  part.sql += " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    part.sql += i ? ",?" : "?";
    part.params.push_back(Param::of(static_cast<std::int64_t>(values[i])));
  }
  part.sql += ")";
}

void add_range(SqlPart& part, const char* column, const core::TimeRange& range) {
  if (range.from != 0) {
    part.sql += std::string(" AND ") + column + " >= ?";
    part.params.push_back(Param::of(range.from));
  }
  if (range.to != 0) {
    part.sql += std::string(" AND ") + column + " < ?";
    part.params.push_back(Param::of(range.to));
  }
}

const char* type_condition(core::ReadType type) {
  switch (type) {
    case core::ReadType::Unread:
      return "d.unread > 0";
    case core::ReadType::Read:
      return "d.unread = 0";
    case core::ReadType::Unanswered:
      return "(d.answered = 0 AND d.last_inbound_at != 0)";
    case core::ReadType::Answered:
      return "d.answered != 0";
  }
  return "FALSE";
}

void add_search(SqlPart& part, const Dialect& dialect, Id account_id, std::string_view search) {
  const auto [query, digits] = search_terms(search);
  if (query.empty()) return;
  part.sql += " AND d.client_id IN (SELECT c.id FROM clients c WHERE c.account_id = ? AND (";
  part.params.push_back(Param::of(account_id));
  if (query.find(kSearchSeparator) == std::string::npos) {
    part.sql += dialect.contains("c.search_text");
    part.params.push_back(Param::of(query));
  } else {
    part.sql += "FALSE";  // it would match across two fields of search_text
  }
  if (!digits.empty()) {
    part.sql += " OR " + dialect.contains("c.phone_digits");
    part.params.push_back(Param::of(digits));
  }
  part.sql += "))";
}

std::string to_hex(std::string_view text) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

[[noreturn]] void bad_cursor() {
  throw StoreError(StoreError::Kind::Invalid, "cursor: not a cursor of this view's sort order");
}

}  // namespace

SearchTerms search_terms(std::string_view search) {
  const std::string_view trimmed = core::trim(search);
  if (trimmed.empty()) return {};
  SearchTerms terms;
  terms.text = core::fold_case(trimmed);
  terms.digits = core::phone_query_digits(terms.text);
  return terms;
}

SqlPart view_condition(const Dialect& dialect, const core::Operator& viewer,
                       const core::Filter& filter) {
  SqlPart part;
  part.sql = "d.account_id = ?";
  part.params.push_back(Param::of(viewer.account_id));
  if (viewer.role == core::Role::Manager && !viewer.supervisor) {
    if (viewer.source_ids.empty()) {
      part.sql += " AND FALSE";  // a manager with no sources sees nothing
    } else {
      add_in(part, "d.source_id", viewer.source_ids);
    }
  }
  add_in(part, "d.channel", filter.channels);
  add_in(part, "d.source_id", filter.sources);
  add_in(part, "d.status_id", filter.statuses);
  add_in(part, "d.responsible_id", filter.responsibles);
  if (!filter.tags.empty()) {
    // Any of the tags: one EXISTS probe of the (dialog_id, tag_id) key per row.
    SqlPart tags;
    add_in(tags, "t.tag_id", filter.tags);
    part.sql +=
        " AND EXISTS (SELECT 1 FROM dialog_tags t WHERE t.dialog_id = d.id" + tags.sql + ")";
    for (Param& p : tags.params) part.params.push_back(std::move(p));
  }
  add_range(part, "d.created_at", filter.created);
  add_range(part, "d.last_message_at", filter.last_message);
  if (!filter.types.empty()) {
    part.sql += " AND (";
    for (std::size_t i = 0; i < filter.types.size(); ++i) {
      if (i) part.sql += " OR ";
      part.sql += type_condition(filter.types[i]);
    }
    part.sql += ")";
  }
  add_search(part, dialect, viewer.account_id, filter.search);
  return part;
}

bool has_no_value_segment(core::SortKey key) {
  return key == core::SortKey::ResponseTime;
}

Cursor cursor_of(core::SortKey key, const core::Dialog& dialog) {
  return {core::has_sort_value(key, dialog), core::sort_value(key, dialog), dialog.id};
}

std::string encode_cursor(const core::Sort& sort, const Cursor& cursor) {
  // key.direction.has_value.value.id, hex-encoded so clients treat it as opaque.
  const std::string text = std::to_string(static_cast<int>(sort.key)) + "." +
                           (sort.descending ? "1" : "0") + "." + (cursor.has_value ? "1" : "0") +
                           "." + std::to_string(cursor.value) + "." + std::to_string(cursor.id);
  return to_hex(text);
}

Cursor decode_cursor(const core::Sort& sort, const std::string& hex) {
  constexpr std::size_t kMaxCursor = 200;
  if (hex.empty() || hex.size() % 2 != 0 || hex.size() > kMaxCursor) bad_cursor();
  std::string text;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) bad_cursor();
    text += static_cast<char>(hi * 16 + lo);
  }
  std::int64_t parts[5];
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 5; ++i) {
    const auto [next, ec] = std::from_chars(p, end, parts[i]);
    if (ec != std::errc() || next == p) bad_cursor();
    p = next;
    if (i < 4) {
      if (p == end || *p != '.') bad_cursor();
      ++p;
    }
  }
  if (p != end) bad_cursor();
  if (parts[0] != static_cast<int>(sort.key) || parts[1] != (sort.descending ? 1 : 0)) bad_cursor();
  if (parts[2] != 0 && parts[2] != 1) bad_cursor();
  if (parts[2] == 0 && !has_no_value_segment(sort.key)) bad_cursor();
  return {parts[2] == 1, parts[3], parts[4]};
}

SqlPart page_query(const SqlPart& condition, core::DialogMode mode, const core::Sort& sort,
                   bool value_segment, const std::optional<Cursor>& after, int limit,
                   const std::string& columns) {
  const char* column = sort_column(sort.key);
  const char* dir = sort.descending ? " DESC" : " ASC";
  const char* cmp = sort.descending ? " < " : " > ";
  SqlPart q;
  q.sql = "SELECT " + columns + " FROM dialogs d WHERE " + condition.sql + " AND d.mode = ?";
  q.params = condition.params;
  q.params.push_back(Param::of(static_cast<std::int64_t>(mode)));
  if (has_no_value_segment(sort.key)) {
    q.sql += value_segment ? " AND d.response_time_ms >= 0" : " AND d.response_time_ms < 0";
  }
  if (value_segment) {
    if (after) {
      // A row value comparison: the engine walks the sort index from the cursor on.
      q.sql += std::string(" AND (") + column + ", d.id)" + cmp + "(?, ?)";
      q.params.push_back(Param::of(after->value));
      q.params.push_back(Param::of(after->id));
    }
    q.sql += std::string(" ORDER BY ") + column + dir + ", d.id" + dir;
  } else {
    if (after) {
      q.sql += std::string(" AND d.id") + cmp + "?";
      q.params.push_back(Param::of(after->id));
    }
    q.sql += std::string(" ORDER BY d.id") + dir;
  }
  q.sql += " LIMIT ?";
  q.params.push_back(Param::of(static_cast<std::int64_t>(limit)));
  return q;
}

std::string client_search_text(const core::Client& client) {
  std::string text = core::fold_case(client.display_name);
  text += kSearchSeparator;
  text += core::fold_case(client.nick);
  text += kSearchSeparator;
  text += core::fold_case(client.phone);
  for (const core::ChannelIdentity& identity : client.identities) {
    text += kSearchSeparator;
    text += core::fold_case(identity.value);
  }
  return text;
}

}  // namespace server::sql
