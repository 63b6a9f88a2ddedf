// The dialog list's filters, client search and sort order, shared by the
// server's queries, the client's live updates and the demo backend.
#include "core/filter.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace core {
namespace {

template <class T>
bool passes(const std::vector<T>& wanted, const T& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

bool has_any_tag(const std::vector<Id>& wanted, const std::vector<Id>& tags) {
  if (wanted.empty()) return true;
  return std::any_of(wanted.begin(), wanted.end(), [&](Id tag) {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
  });
}

bool is_of_type(ReadType type, const Dialog& dialog) {
  switch (type) {
    case ReadType::Unread:
      return dialog.unread > 0;
    case ReadType::Read:
      return dialog.unread == 0;
    case ReadType::Unanswered:
      // A dialog the operator opened by writing first has nothing to answer.
      return !dialog.answered && dialog.last_inbound_at != 0;
    case ReadType::Answered:
      return dialog.answered;
  }
  return false;
}

bool passes_types(const std::vector<ReadType>& types, const Dialog& dialog) {
  if (types.empty()) return true;
  return std::any_of(types.begin(), types.end(),
                     [&](ReadType type) { return is_of_type(type, dialog); });
}

bool contains_folded(std::string_view haystack, const std::string& folded_needle) {
  return fold_case(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace

bool Filter::empty() const {
  return channels.empty() && sources.empty() && statuses.empty() && responsibles.empty() &&
         tags.empty() && created.empty() && last_message.empty() && types.empty() &&
         trim(search).empty();
}

bool client_matches_search(const Client& client, std::string_view search) {
  const std::string_view trimmed = trim(search);
  if (trimmed.empty()) return true;
  const std::string query = fold_case(trimmed);

  if (contains_folded(client.display_name, query) || contains_folded(client.nick, query) ||
      contains_folded(client.phone, query)) {
    return true;
  }
  for (const ChannelIdentity& identity : client.identities) {
    if (contains_folded(identity.value, query)) return true;
  }
  const std::string digits = phone_query_digits(query);
  return !digits.empty() && digits_only(client.phone).find(digits) != std::string::npos;
}

bool matches(const Filter& filter, const Dialog& dialog, const Client& client) {
  return passes(filter.channels, dialog.channel) && passes(filter.sources, dialog.source_id) &&
         passes(filter.statuses, dialog.status_id) &&
         passes(filter.responsibles, dialog.responsible_id) &&
         has_any_tag(filter.tags, dialog.tag_ids) && filter.created.contains(dialog.created_at) &&
         filter.last_message.contains(dialog.last_message_at) &&
         passes_types(filter.types, dialog) && client_matches_search(client, filter.search);
}

bool in_view(const ViewQuery& query, const Dialog& dialog, const Client& client) {
  return dialog.mode == query.mode && matches(query.filter, dialog, client);
}

std::int64_t sort_value(SortKey key, const Dialog& dialog) {
  switch (key) {
    case SortKey::LastMessage:
      return dialog.last_message_at;
    case SortKey::Created:
      return dialog.created_at;
    case SortKey::ResponseTime:
      return dialog.response_time_ms;
    case SortKey::Price:
      return dialog.price;
    case SortKey::Unread:
      return dialog.unread;
  }
  return 0;
}

bool has_sort_value(SortKey key, const Dialog& dialog) {
  return key != SortKey::ResponseTime || dialog.response_time_ms >= 0;
}

bool sorts_before(const Sort& sort, const Dialog& a, const Dialog& b) {
  const bool a_has = has_sort_value(sort.key, a);
  const bool b_has = has_sort_value(sort.key, b);
  if (a_has != b_has) return a_has;  // "none" goes last whichever the direction
  if (a_has) {
    const std::int64_t va = sort_value(sort.key, a);
    const std::int64_t vb = sort_value(sort.key, b);
    if (va != vb) return sort.descending ? va > vb : va < vb;
  }
  return sort.descending ? a.id > b.id : a.id < b.id;
}

}  // namespace core
