// The view of the dialog list: mode, the eight filters, search by client and
// the sort order. One matches() used by the server, the client and the demo.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.hpp"

namespace core {

enum class ReadType { Unread, Read, Unanswered, Answered };

// A half-open range [from, to) of Unix ms; 0 leaves that end open.
struct TimeRange {
  TimeMs from = 0;
  TimeMs to = 0;
  bool empty() const { return from == 0 && to == 0; }
  bool contains(TimeMs t) const { return (from == 0 || t >= from) && (to == 0 || t < to); }
};

// Each kind is multi-valued: a dialog passes a kind when it matches any value
// of it (an empty kind passes everything); kinds combine with AND.
// kNoId in responsibles or statuses selects dialogs with none.
struct Filter {
  std::vector<ChannelKind> channels;
  std::vector<Id> sources;
  std::vector<Id> statuses;
  std::vector<Id> responsibles;
  std::vector<Id> tags;
  TimeRange created;
  TimeRange last_message;
  std::vector<ReadType> types;
  std::string search;  // client's name, nick, phone or identity; case-insensitive

  bool empty() const;  // nothing to reset: no kind set and a blank search
};

enum class SortKey { LastMessage, Created, ResponseTime, Price, Unread };

struct Sort {
  SortKey key = SortKey::LastMessage;
  bool descending = true;
};

struct ViewQuery {
  DialogMode mode = DialogMode::New;
  Filter filter;
  Sort sort;
};

// Field by field (a field added above belongs here too).
inline bool operator==(const TimeRange& a, const TimeRange& b) {
  return a.from == b.from && a.to == b.to;
}
inline bool operator==(const Filter& a, const Filter& b) {
  return a.channels == b.channels && a.sources == b.sources && a.statuses == b.statuses &&
         a.responsibles == b.responsibles && a.tags == b.tags && a.created == b.created &&
         a.last_message == b.last_message && a.types == b.types && a.search == b.search;
}
inline bool operator==(const Sort& a, const Sort& b) {
  return a.key == b.key && a.descending == b.descending;
}
inline bool operator==(const ViewQuery& a, const ViewQuery& b) {
  return a.mode == b.mode && a.filter == b.filter && a.sort == b.sort;
}
inline bool operator!=(const ViewQuery& a, const ViewQuery& b) {
  return !(a == b);
}

bool matches(const Filter& filter, const Dialog& dialog, const Client& client);
bool in_view(const ViewQuery& query, const Dialog& dialog, const Client& client);

// True when the search text matches the client: trimmed, case-folded (so an
// already-folded query is fine), a substring of the name, nick, phone or an
// identity; a phone-like query ("+7 (999) 123-45") also matches the phone's digits.
// A blank query matches every client.
bool client_matches_search(const Client& client, std::string_view search);

// The numeric value a dialog sorts by; -1 for a response time of "none".
std::int64_t sort_value(SortKey key, const Dialog& dialog);
// False only for a response time of "none", which sorts after every value in
// either direction (keyset pagination must treat it apart).
bool has_sort_value(SortKey key, const Dialog& dialog);
// A total order: the sort key, then the id in the same direction (keyset pagination).
bool sorts_before(const Sort& sort, const Dialog& a, const Dialog& b);

}  // namespace core
