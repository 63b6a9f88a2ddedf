// The view of the dialog list: mode, the eight filters, search by client and
// the sort order. One matches() used by the server, the client and the demo.
#pragma once

#include <cstdint>
#include <string>
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

  bool empty() const;
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

bool matches(const Filter& filter, const Dialog& dialog, const Client& client);
bool in_view(const ViewQuery& query, const Dialog& dialog, const Client& client);

// True when the search text matches the client (already-folded query allowed).
bool client_matches_search(const Client& client, std::string_view search);

// The numeric value a dialog sorts by; response time "none" sorts after every value.
std::int64_t sort_value(SortKey key, const Dialog& dialog);
// A total order: the sort key, then the id in the same direction (keyset pagination).
bool sorts_before(const Sort& sort, const Dialog& a, const Dialog& b);

}  // namespace core
