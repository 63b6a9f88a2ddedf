// Specs of the dialog list's filters, client search and sort order.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "core/filter.hpp"

using namespace core;

namespace {

Dialog make_dialog(Id id = 10) {
  Dialog d;
  d.id = id;
  d.account_id = 1;
  d.source_id = 3;
  d.channel = ChannelKind::WhatsApp;
  d.created_at = 1000;
  d.last_message_at = 2000;
  return d;
}

Client make_client() {
  Client c;
  c.id = 5;
  c.display_name = "Мария Ёлкина";
  c.nick = "masha_ok";
  c.phone = "79991234567";
  c.identities = {{ChannelKind::Telegram, "@MashaTG"}, {ChannelKind::Email, "maria@example.com"}};
  return c;
}

}  // namespace

TEST_CASE("an empty filter matches every dialog") {
  const Filter filter;
  CHECK(filter.empty());
  CHECK(matches(filter, make_dialog(), make_client()));
  CHECK(matches(filter, Dialog{}, Client{}));
}

TEST_CASE("a filter with any kind set, or a non-blank search, is not empty") {
  Filter f;
  f.search = "   ";
  CHECK(f.empty());
  f.search = "a";
  CHECK_FALSE(f.empty());
  f = Filter{};
  f.created.to = 5;
  CHECK_FALSE(f.empty());
  f = Filter{};
  f.types = {ReadType::Read};
  CHECK_FALSE(f.empty());
  f = Filter{};
  f.responsibles = {kNoId};
  CHECK_FALSE(f.empty());
}

TEST_CASE("the channel filter passes dialogs of any chosen channel") {
  Filter f;
  f.channels = {ChannelKind::Telegram, ChannelKind::WhatsApp};
  CHECK(matches(f, make_dialog(), make_client()));
  f.channels = {ChannelKind::Telegram};
  CHECK_FALSE(matches(f, make_dialog(), make_client()));
}

TEST_CASE("the source filter passes dialogs of any chosen source") {
  Filter f;
  f.sources = {2, 3};
  CHECK(matches(f, make_dialog(), make_client()));
  f.sources = {2};
  CHECK_FALSE(matches(f, make_dialog(), make_client()));
}

TEST_CASE("the status filter with kNoId selects dialogs without a status") {
  Dialog without = make_dialog();
  Dialog with = make_dialog();
  with.status_id = 7;
  Filter f;
  f.statuses = {kNoId};
  CHECK(matches(f, without, make_client()));
  CHECK_FALSE(matches(f, with, make_client()));
  f.statuses = {kNoId, 7};
  CHECK(matches(f, with, make_client()));
  f.statuses = {8};
  CHECK_FALSE(matches(f, with, make_client()));
}

TEST_CASE("the responsible filter with kNoId selects unassigned dialogs") {
  Dialog unassigned = make_dialog();
  Dialog assigned = make_dialog();
  assigned.responsible_id = 100;
  Filter f;
  f.responsibles = {kNoId};
  CHECK(matches(f, unassigned, make_client()));
  CHECK_FALSE(matches(f, assigned, make_client()));
  f.responsibles = {100};
  CHECK(matches(f, assigned, make_client()));
  CHECK_FALSE(matches(f, unassigned, make_client()));
}

TEST_CASE("the tag filter passes dialogs having any of the chosen tags") {
  Dialog d = make_dialog();
  d.tag_ids = {2, 5};
  Filter f;
  f.tags = {1, 5};
  CHECK(matches(f, d, make_client()));
  f.tags = {1, 3};
  CHECK_FALSE(matches(f, d, make_client()));
  CHECK_FALSE(matches(f, make_dialog(), make_client()));  // no tags at all
}

TEST_CASE("date ranges are half-open and an unset end is open") {
  const Dialog d = make_dialog();  // created 1000, last message 2000
  Filter f;
  f.created = {1000, 1001};
  CHECK(matches(f, d, make_client()));
  f.created = {999, 1000};
  CHECK_FALSE(matches(f, d, make_client()));
  f.created = {0, 1001};
  CHECK(matches(f, d, make_client()));
  f.created = {1001, 0};
  CHECK_FALSE(matches(f, d, make_client()));

  f = Filter{};
  f.last_message = {1500, 0};
  CHECK(matches(f, d, make_client()));
  f.last_message = {0, 2000};
  CHECK_FALSE(matches(f, d, make_client()));
}

TEST_CASE("type Unread and Read split dialogs by their unread count") {
  Dialog unread = make_dialog();
  unread.unread = 2;
  const Dialog read = make_dialog();
  Filter f;
  f.types = {ReadType::Unread};
  CHECK(matches(f, unread, make_client()));
  CHECK_FALSE(matches(f, read, make_client()));
  f.types = {ReadType::Read};
  CHECK_FALSE(matches(f, unread, make_client()));
  CHECK(matches(f, read, make_client()));
  f.types = {ReadType::Read, ReadType::Unread};
  CHECK(matches(f, unread, make_client()));
  CHECK(matches(f, read, make_client()));
}

TEST_CASE("type Unanswered needs a client message that has no answer yet") {
  Dialog waiting = make_dialog();
  waiting.last_inbound_at = 1500;
  Dialog answered = waiting;
  answered.answered = true;
  const Dialog no_inbound = make_dialog();  // e.g. nothing received yet
  Filter f;
  f.types = {ReadType::Unanswered};
  CHECK(matches(f, waiting, make_client()));
  CHECK_FALSE(matches(f, answered, make_client()));
  CHECK_FALSE(matches(f, no_inbound, make_client()));
  f.types = {ReadType::Answered};
  CHECK(matches(f, answered, make_client()));
  CHECK_FALSE(matches(f, waiting, make_client()));
}

TEST_CASE("filter kinds combine with AND") {
  Dialog d = make_dialog();
  d.status_id = 7;
  d.unread = 1;
  Filter f;
  f.channels = {ChannelKind::WhatsApp};
  f.statuses = {7};
  f.types = {ReadType::Unread};
  CHECK(matches(f, d, make_client()));
  f.sources = {4};
  CHECK_FALSE(matches(f, d, make_client()));
}

TEST_CASE("search finds the client by name, nick or identity regardless of case") {
  const Client c = make_client();
  CHECK(client_matches_search(c, "мария"));
  CHECK(client_matches_search(c, "МАРИЯ"));
  CHECK(client_matches_search(c, "Masha_OK"));
  CHECK(client_matches_search(c, "mashatg"));
  CHECK(client_matches_search(c, "EXAMPLE.com"));
  CHECK_FALSE(client_matches_search(c, "Пётр"));
}

TEST_CASE("search treats Ё and Е as the same letter") {
  const Client c = make_client();  // "Мария Ёлкина"
  CHECK(client_matches_search(c, "елкина"));
  CHECK(client_matches_search(c, "Ёлкина"));
  CHECK(client_matches_search(c, "ёлк"));
}

TEST_CASE("search trims the query and a blank query matches everyone") {
  const Client c = make_client();
  CHECK(client_matches_search(c, "  masha \t"));
  CHECK(client_matches_search(c, ""));
  CHECK(client_matches_search(c, "   "));
  CHECK(client_matches_search(Client{}, ""));
}

TEST_CASE("search finds the phone by a substring of its digits however it is typed") {
  const Client c = make_client();  // 79991234567
  CHECK(client_matches_search(c, "1234567"));
  CHECK(client_matches_search(c, "+7 (999) 123-45-67"));
  CHECK(client_matches_search(c, "999 123"));
  CHECK_FALSE(client_matches_search(c, "+7 (999) 000"));
}

TEST_CASE("a query mixing letters and digits is not taken for a phone") {
  const Client c = make_client();
  CHECK_FALSE(client_matches_search(c, "masha 999"));
}

TEST_CASE("a formatted phone query also matches a client stored with a formatted phone") {
  Client c;
  c.phone = "+7 (999) 123-45-67";  // legacy data not normalised to digits
  CHECK(client_matches_search(c, "9991234567"));
}

TEST_CASE("the filter's search narrows the dialogs by their client") {
  Filter f;
  f.search = "masha";
  CHECK(matches(f, make_dialog(), make_client()));
  f.search = "ivan";
  CHECK_FALSE(matches(f, make_dialog(), make_client()));
}

TEST_CASE("a view shows only dialogs of its mode that match its filter") {
  ViewQuery q;
  q.mode = DialogMode::Accepted;
  Dialog d = make_dialog();
  d.mode = DialogMode::Accepted;
  CHECK(in_view(q, d, make_client()));
  d.mode = DialogMode::New;
  CHECK_FALSE(in_view(q, d, make_client()));
  d.mode = DialogMode::Accepted;
  q.filter.sources = {99};
  CHECK_FALSE(in_view(q, d, make_client()));
}

TEST_CASE("each sort key reads its own field of the dialog") {
  Dialog d = make_dialog();
  d.response_time_ms = 300;
  d.price = 150000;
  d.unread = 4;
  CHECK(sort_value(SortKey::LastMessage, d) == 2000);
  CHECK(sort_value(SortKey::Created, d) == 1000);
  CHECK(sort_value(SortKey::ResponseTime, d) == 300);
  CHECK(sort_value(SortKey::Price, d) == 150000);
  CHECK(sort_value(SortKey::Unread, d) == 4);
  CHECK(has_sort_value(SortKey::ResponseTime, d));
  d.response_time_ms = -1;
  CHECK(sort_value(SortKey::ResponseTime, d) == -1);
  CHECK_FALSE(has_sort_value(SortKey::ResponseTime, d));
  CHECK(has_sort_value(SortKey::Price, d));
}

TEST_CASE("sorting descending puts the newest last message first") {
  Dialog a = make_dialog(1);
  Dialog b = make_dialog(2);
  a.last_message_at = 5000;
  b.last_message_at = 3000;
  const Sort sort{SortKey::LastMessage, true};
  CHECK(sorts_before(sort, a, b));
  CHECK_FALSE(sorts_before(sort, b, a));
  const Sort ascending{SortKey::LastMessage, false};
  CHECK(sorts_before(ascending, b, a));
  CHECK_FALSE(sorts_before(ascending, a, b));
}

TEST_CASE("equal sort values are ordered by id in the same direction") {
  const Dialog a = make_dialog(1);
  const Dialog b = make_dialog(2);
  CHECK(sorts_before({SortKey::Created, true}, b, a));
  CHECK_FALSE(sorts_before({SortKey::Created, true}, a, b));
  CHECK(sorts_before({SortKey::Created, false}, a, b));
  CHECK_FALSE(sorts_before({SortKey::Created, false}, b, a));
  CHECK_FALSE(sorts_before({SortKey::Created, false}, a, a));  // irreflexive
}

TEST_CASE("dialogs without a response time sort last in both directions") {
  std::vector<Dialog> rows;
  const std::int64_t times[] = {-1, 500, 0, -1, 9000};
  for (int i = 0; i < 5; ++i) {
    rows.push_back(make_dialog(i + 1));
    rows.back().response_time_ms = times[i];
  }
  auto order = [&](bool descending) {
    std::vector<Dialog> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), [&](const Dialog& a, const Dialog& b) {
      return sorts_before({SortKey::ResponseTime, descending}, a, b);
    });
    std::vector<Id> ids;
    for (const Dialog& d : sorted) ids.push_back(d.id);
    return ids;
  };
  CHECK(order(false) == std::vector<Id>{3, 2, 5, 1, 4});
  CHECK(order(true) == std::vector<Id>{5, 2, 3, 4, 1});
}

TEST_CASE("two view queries are equal only when every field is") {
  const ViewQuery base;
  CHECK(base == ViewQuery{});
  std::vector<ViewQuery> changed(12, base);
  changed[0].mode = DialogMode::Archived;
  changed[1].filter.channels = {ChannelKind::Telegram};
  changed[2].filter.sources = {3};
  changed[3].filter.statuses = {kNoId};
  changed[4].filter.responsibles = {7};
  changed[5].filter.tags = {2};
  changed[6].filter.created.from = 1000;
  changed[7].filter.last_message.to = 2000;
  changed[8].filter.types = {ReadType::Unread};
  changed[9].filter.search = "мария";
  changed[10].sort.key = SortKey::Price;
  changed[11].sort.descending = false;
  for (const ViewQuery& q : changed) {
    CHECK(q != base);
    CHECK(q == q);
  }
}
