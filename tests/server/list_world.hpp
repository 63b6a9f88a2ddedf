// The random world and views of the list's property tests (SQLite store and
// in-memory index): generated dialogs stored through a Store, random views
// over them, and the rulebook's answer (core::can_see + core::in_view +
// core::sorts_before).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/demo_data.hpp"
#include "core/filter.hpp"
#include "core/visibility.hpp"
#include "server/storage/store.hpp"

namespace list_test {

using server::Id;
using server::Store;

constexpr core::TimeMs kNow = 1'760'000'000'000;

// Stores `count` generated dialogs of a new account; returns the account's
// directory and rows as the generator made them (the truth to compare with).
struct Generated {
  Id account = 0;
  core::Directory directory;
  std::vector<core::DialogRow> rows;
};

inline Generated generate(Store& store, int count, std::uint64_t seed) {
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
inline std::vector<const core::DialogRow*> expected_view(const std::vector<core::DialogRow>& rows,
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

// Malformed cursors and cursors of another sort order are refused as invalid;
// an oversized limit is clamped, not an error.
inline void check_cursor_refusals(Store& store, const core::Operator& owner) {
  using server::ListRequest;
  using server::StoreError;
  ListRequest request;
  request.query.mode = core::DialogMode::New;
  request.limit = 2;
  const server::ListResult first = store.list_dialogs(owner, request);
  REQUIRE_FALSE(first.next_cursor.empty());
  auto kind_of = [&](const ListRequest& r) {
    try {
      store.list_dialogs(owner, r);
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
  huge.limit = 1'000'000;
  CHECK(store.list_dialogs(owner, huge).rows.size() <=
        static_cast<std::size_t>(server::kMaxListLimit));
}

}  // namespace list_test
