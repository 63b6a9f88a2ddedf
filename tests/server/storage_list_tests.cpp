// The dialog list of the SQLite store against the rulebook: for many random
// views, paging through list_dialogs must give exactly the dialogs that
// core::can_see + core::in_view select, in core::sorts_before order, with the
// same total and per-mode counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/demo_data.hpp"
#include "core/filter.hpp"
#include "core/visibility.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::json_of;
using storage_test::TempStore;

namespace {

constexpr core::TimeMs kNow = 1'760'000'000'000;

// Stores `count` generated dialogs of a new account; returns the account's
// directory and rows as the generator made them (the truth to compare with).
struct Generated {
  Id account = 0;
  core::Directory directory;
  std::vector<core::DialogRow> rows;
};

Generated generate(Store& store, int count, std::uint64_t seed) {
  Generated out;
  core::DemoOptions options;
  options.account_id = out.account = store.create_account("A");
  options.seed = seed;
  options.now = kNow;
  options.first_id = store.reserve_ids(64 + static_cast<std::int64_t>(count) * 25);
  core::DemoGenerator generator(options);
  out.directory = generator.directory();
  // E-mails are unique across accounts: make the demo ones this account's.
  for (auto& op : out.directory.operators) op.email = std::to_string(out.account) + "." + op.email;
  store.transaction([&] {
    for (const auto& s : out.directory.sources) store.save_source(s);
    for (const auto& op : out.directory.operators) store.save_operator(op, "");
    for (const auto& s : out.directory.statuses) store.save_status(s);
    for (const auto& t : out.directory.tags) store.save_tag(t);
    for (int i = 0; i < count; ++i) {
      core::DemoDialog d = generator.next();
      // Some names in mixed case and with Ё, so that search folding is exercised.
      if (i % 40 == 0) d.client.display_name = "ЁЛКИНА Alice " + std::to_string(i);
      if (i % 55 == 0) d.client.nick = "Mixed_CASE_" + std::to_string(i);
      // A dialog an operator started (write first): unanswered yet nothing to answer.
      if (i % 33 == 0) {
        d.dialog.last_inbound_at = 0;
        d.dialog.answered = false;
      }
      store.save_client(d.client);
      store.save_dialog(d.dialog);
      out.rows.push_back({d.dialog, d.client});
    }
  });
  return out;
}

template <class T>
std::vector<T> pick(std::mt19937& rng, const std::vector<T>& from, int max_count) {
  std::vector<T> out;
  const int n = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_count));
  for (int i = 0; i < n; ++i) out.push_back(from[rng() % from.size()]);
  return out;
}

class QueryMaker {
 public:
  QueryMaker(const Generated& world, std::uint32_t seed) : world_(world), rng_(seed) {}

  core::ViewQuery next() {
    core::ViewQuery q;
    q.mode = static_cast<core::DialogMode>(rng_() % 3);
    q.sort.key = static_cast<core::SortKey>(rng_() % 5);
    q.sort.descending = rng_() % 2 == 0;
    // Usually one kind alone, sometimes several together.
    const int kinds = rng_() % 3 == 0 ? 2 + static_cast<int>(rng_() % 3) : 1;
    for (int i = 0; i < kinds; ++i) add_kind(q.filter, static_cast<int>(rng_() % 10));
    return q;
  }

 private:
  core::TimeMs some_time() {
    const auto& d = world_.rows[rng_() % world_.rows.size()].dialog;
    return rng_() % 2 ? d.created_at : d.last_message_at;
  }

  core::TimeRange some_range() {
    core::TimeRange r;
    switch (rng_() % 3) {
      case 0:
        r.from = some_time();
        break;
      case 1:
        r.to = some_time();
        break;
      default:
        r.from = some_time();
        r.to = some_time();
        if (r.from > r.to) std::swap(r.from, r.to);
        break;
    }
    return r;
  }

  std::string some_search() {
    const core::Client& c = world_.rows[rng_() % world_.rows.size()].client;
    switch (rng_() % 12) {
      case 0:
        return "ИВАНОВА";
      case 1:
        return "семенов";  // matches Семёнов: Ё folds to е
      case 2:
        return "ёлкина";
      case 3:
        return "  alice  ";
      case 4:
        return "mixed_case";
      case 5:
        return c.phone.substr(3 + rng_() % 4, 3 + rng_() % 4);
      case 6:  // typed as a phone: matches the digits
        return "+" + c.phone.substr(0, 1) + " (" + c.phone.substr(1, 3) + ") " +
               c.phone.substr(4, 3) + "-" + c.phone.substr(7, 2);
      case 7:
        return c.nick.empty() ? "@mail" : c.nick.substr(0, 4);
      case 8:
        return "mail.ru";
      case 9:
        return "zzz-nothing";
      case 10:
        return c.display_name.substr(0, c.display_name.find(' '));
      default:
        return "Анна 2";  // not a phone: must not match every phone with a 2
    }
  }

  void add_kind(core::Filter& f, int kind) {
    const core::Directory& dir = world_.directory;
    switch (kind) {
      case 0: {
        std::vector<core::ChannelKind> all;
        for (const auto& s : dir.sources) all.push_back(s.channel);
        all.push_back(core::ChannelKind::Viber);  // no source of it
        f.channels = pick(rng_, all, 3);
        break;
      }
      case 1: {
        std::vector<Id> all;
        for (const auto& s : dir.sources) all.push_back(s.id);
        f.sources = pick(rng_, all, 3);
        break;
      }
      case 2: {
        std::vector<Id> all{core::kNoId};
        for (const auto& s : dir.statuses) all.push_back(s.id);
        f.statuses = pick(rng_, all, 3);
        break;
      }
      case 3: {
        std::vector<Id> all{core::kNoId};
        for (const auto& op : dir.operators) all.push_back(op.id);
        f.responsibles = pick(rng_, all, 3);
        break;
      }
      case 4: {
        std::vector<Id> all;
        for (const auto& t : dir.tags) all.push_back(t.id);
        f.tags = pick(rng_, all, 3);
        break;
      }
      case 5:
        f.created = some_range();
        break;
      case 6:
        f.last_message = some_range();
        break;
      case 7:
        f.types =
            pick(rng_,
                 std::vector<core::ReadType>{core::ReadType::Unread, core::ReadType::Read,
                                             core::ReadType::Unanswered, core::ReadType::Answered},
                 2);
        break;
      default:
        f.search = some_search();
        break;
    }
  }

  const Generated& world_;
  std::mt19937 rng_;
};

// What the rulebook says the view is.
std::vector<const core::DialogRow*> expected_view(const std::vector<core::DialogRow>& rows,
                                                  const core::Operator& viewer,
                                                  const core::ViewQuery& q) {
  std::vector<const core::DialogRow*> out;
  for (const auto& row : rows) {
    if (core::can_see(viewer, row.dialog) && core::in_view(q, row.dialog, row.client)) {
      out.push_back(&row);
    }
  }
  std::sort(out.begin(), out.end(), [&](const core::DialogRow* a, const core::DialogRow* b) {
    return core::sorts_before(q.sort, a->dialog, b->dialog);
  });
  return out;
}

std::string describe(const core::Operator& viewer, const core::ViewQuery& q, int limit) {
  return "viewer " + std::to_string(viewer.id) + " limit " + std::to_string(limit) + " query " +
         json_of(q);
}

}  // namespace

TEST_CASE("paging any view of 1500 dialogs gives exactly the rulebook's rows, order and counts") {
  TempStore db;
  Generated world = generate(*db, 1500, 7);
  // A second account whose dialogs must never show up.
  Generated other = generate(*db, 200, 8);
  std::vector<core::DialogRow> all = world.rows;
  all.insert(all.end(), other.rows.begin(), other.rows.end());

  std::vector<core::Operator> viewers = world.directory.operators;  // owner, admin, 2 managers,
                                                                    // a supervisor
  core::Operator lonely = viewers[2];
  lonely.source_ids.clear();  // a manager with no sources sees nothing
  viewers.push_back(lonely);
  viewers.push_back(other.directory.operators[0]);

  QueryMaker maker(world, 2024);
  const int limits[] = {1, 3, 7, 25, 60};
  std::mt19937 rng(99);
  int nonempty = 0;
  for (int round = 0; round < 400; ++round) {
    const core::ViewQuery q = maker.next();
    const core::Operator& viewer = viewers[rng() % viewers.size()];
    const int limit = limits[rng() % 5];
    CAPTURE(describe(viewer, q, limit));

    const auto expected = expected_view(all, viewer, q);
    if (!expected.empty()) ++nonempty;
    std::vector<Id> want;
    for (const auto* row : expected) want.push_back(row->dialog.id);

    ListRequest request{q, "", limit, true};
    ListResult first = db->list_dialogs(viewer, request);
    CHECK(first.total == static_cast<int>(expected.size()));
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      core::ViewQuery qm = q;
      qm.mode = static_cast<core::DialogMode>(m);
      const auto in_mode = expected_view(all, viewer, qm);
      const auto unread = std::count_if(in_mode.begin(), in_mode.end(),
                                        [](const auto* r) { return r->dialog.unread > 0; });
      CHECK(first.counts[m].total == static_cast<int>(in_mode.size()));
      CHECK(first.counts[m].unread == static_cast<int>(unread));
    }
    // The rows carry everything: dialog with tags and tasks, client with identities.
    for (std::size_t i = 0; i < first.rows.size() && i < expected.size(); ++i) {
      CHECK(json_of(first.rows[i]) == json_of(*expected[i]));
    }

    std::vector<Id> got;
    ListResult page = std::move(first);
    for (int guard = 0; guard < 2000; ++guard) {
      CHECK(static_cast<int>(page.rows.size()) <= limit);
      for (const auto& row : page.rows) got.push_back(row.dialog.id);
      if (page.next_cursor.empty()) break;
      CHECK(page.rows.size() == static_cast<std::size_t>(limit));
      request.cursor = page.next_cursor;
      request.with_totals = false;
      page = db->list_dialogs(viewer, request);
    }
    CHECK(got == want);

    const auto matching = db->matching_dialog_ids(viewer, q, 40);
    const std::vector<Id> head(want.begin(), want.begin() + std::min<std::size_t>(40, want.size()));
    CHECK(matching == head);
  }
  CHECK(nonempty > 200);  // the random views are not mostly empty
}

TEST_CASE("a response-time view puts dialogs without a response time last in both directions") {
  TempStore db;
  Generated world = generate(*db, 300, 3);
  const core::Operator owner = world.directory.operators[0];
  for (bool descending : {true, false}) {
    core::ViewQuery q;
    q.mode = core::DialogMode::New;
    q.sort = {core::SortKey::ResponseTime, descending};
    const auto expected = expected_view(world.rows, owner, q);
    REQUIRE(expected.size() > 10);
    CHECK(expected.back()->dialog.response_time_ms < 0);
    std::vector<Id> got;
    ListRequest request{q, "", 4, false};
    for (;;) {
      const ListResult page = db->list_dialogs(owner, request);
      for (const auto& row : page.rows) got.push_back(row.dialog.id);
      if (page.next_cursor.empty()) break;
      request.cursor = page.next_cursor;
    }
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == expected[i]->dialog.id);
  }
}

TEST_CASE("a malformed cursor or one of another sort order is refused as invalid") {
  TempStore db;
  Generated world = generate(*db, 50, 5);
  const core::Operator owner = world.directory.operators[0];
  ListRequest request;
  request.query.mode = core::DialogMode::New;
  request.limit = 2;
  const ListResult first = db->list_dialogs(owner, request);
  REQUIRE_FALSE(first.next_cursor.empty());

  auto kind_of = [&](ListRequest r) {
    try {
      db->list_dialogs(owner, r);
    } catch (const StoreError& e) {
      return e.kind();
    }
    return StoreError::Kind::Failure;
  };
  for (const char* bad : {"zz", "abc", "00", "2e2e2e", "deadbeef"}) {
    ListRequest r = request;
    r.cursor = bad;
    CHECK(kind_of(r) == StoreError::Kind::Invalid);
  }
  ListRequest other_sort = request;
  other_sort.cursor = first.next_cursor;
  other_sort.query.sort.descending = false;
  CHECK(kind_of(other_sort) == StoreError::Kind::Invalid);
  ListRequest huge = request;
  huge.limit = 1'000'000;  // clamped, not an error
  CHECK(db->list_dialogs(owner, huge).rows.size() <= static_cast<std::size_t>(kMaxListLimit));
}
