// DialogIndex::query: the filter and visibility compiled into lookup tables
// over the account's codes and applied a column at a time to a pass vector,
// which gives the per-mode counts (a view without a filter takes the counts
// kept by put_dialog instead, and scans nothing); then the best `limit + 1`
// passing rows of the query's mode after the cursor, read from the front of
// the sort key's kept order (ordered_window.hpp), or, for a filter that passes
// few, kept in a bounded heap over the passing rows. Each rule restates one of
// core::matches, core::can_see and core::sorts_before;
// tests/server/index_list_tests.cpp checks them against core.
#include <algorithm>
#include <memory>
#include <mutex>

#include "server/index/account_columns.hpp"
#include "server/index/dialog_index.hpp"
#include "server/index/ordered_window.hpp"
#include "server/index/sort_keys.hpp"

namespace server::index {
namespace {

// The dialogs of the kept order a window may look at before the scan takes
// over: at least kMinWalk, or one in kWalkShare of the account's.
constexpr std::size_t kMinWalk = 8192;
constexpr std::size_t kWalkShare = 8;

// A kind of the filter over coded ids: table[code] says whether it passes.
std::vector<std::uint8_t> code_table(const IdCodes& codes, const std::vector<Id>& wanted) {
  std::vector<std::uint8_t> table(codes.bound(), 0);
  for (Id id : wanted) {
    if (std::optional<std::uint32_t> code = codes.find(id)) table[*code] = 1;
  }
  return table;
}

bool is_of_type(core::ReadType type, std::uint8_t flags) {
  switch (type) {
    case core::ReadType::Unread:
      return flags & kUnreadBit;
    case core::ReadType::Read:
      return !(flags & kUnreadBit);
    case core::ReadType::Unanswered:
      return !(flags & kAnsweredBit) && (flags & kInboundBit);
    case core::ReadType::Answered:
      return flags & kAnsweredBit;
  }
  return false;
}

// The viewer and filter compiled against one account.
struct CompiledView {
  bool check_source = false;
  std::vector<std::uint8_t> source_ok;
  bool check_channel = false;
  std::uint8_t channel_ok[256] = {};
  bool check_status = false;
  std::vector<std::uint8_t> status_ok;
  bool check_responsible = false;
  std::vector<std::uint8_t> responsible_ok;
  bool check_tags = false;
  std::uint64_t tag_mask = 0;
  std::vector<std::uint32_t> extra_tags;  // wanted codes >= kMaskTags
  core::TimeRange created;
  core::TimeRange last_message;
  bool check_types = false;
  std::uint8_t type_ok[8] = {};
  bool check_search = false;
  const std::uint8_t* client_hit = nullptr;  // per client slot

  // Whether any dialog the viewer may see can fail the view.
  bool filters() const {
    return check_source || check_channel || check_status || check_responsible || check_tags ||
           check_types || check_search || !created.empty() || !last_message.empty();
  }
};

// `client_hit` receives the search's hits per client (the caller's scratch).
CompiledView compile(const AccountColumns& c, const core::Operator& viewer, const core::Filter& f,
                     Column<std::uint8_t>& client_hit) {
  CompiledView v;
  // core::can_see: a manager without the supervisor flag sees only granted sources.
  const bool limited = viewer.role == core::Role::Manager && !viewer.supervisor;
  if (limited || !f.sources.empty()) {
    v.check_source = true;
    v.source_ok.assign(c.sources.bound(), 1);
    if (limited) {
      const std::vector<std::uint8_t> granted = code_table(c.sources, viewer.source_ids);
      for (std::size_t i = 0; i < granted.size(); ++i) v.source_ok[i] &= granted[i];
    }
    if (!f.sources.empty()) {
      const std::vector<std::uint8_t> wanted = code_table(c.sources, f.sources);
      for (std::size_t i = 0; i < wanted.size(); ++i) v.source_ok[i] &= wanted[i];
    }
  }
  if (!f.channels.empty()) {
    v.check_channel = true;
    for (core::ChannelKind kind : f.channels) {
      const int k = static_cast<int>(kind);
      if (k >= 0 && k < 256) v.channel_ok[k] = 1;
    }
  }
  if (!f.statuses.empty()) {
    v.check_status = true;
    v.status_ok = code_table(c.statuses, f.statuses);
  }
  if (!f.responsibles.empty()) {
    v.check_responsible = true;
    v.responsible_ok = code_table(c.operators, f.responsibles);
  }
  if (!f.tags.empty()) {
    v.check_tags = true;
    for (Id tag : f.tags) {
      const std::optional<std::uint32_t> code = c.tags.find(tag);
      if (!code) continue;  // no dialog has it
      if (*code < kMaskTags) {
        v.tag_mask |= std::uint64_t{1} << *code;
      } else {
        v.extra_tags.push_back(*code);
      }
    }
  }
  v.created = f.created;
  v.last_message = f.last_message;
  if (!f.types.empty()) {
    v.check_types = true;
    for (std::uint8_t flags = 0; flags < 8; ++flags) {
      for (core::ReadType type : f.types) v.type_ok[flags] |= is_of_type(type, flags);
    }
  }
  const sql::SearchTerms terms = sql::search_terms(f.search);
  if (!terms.text.empty()) {
    v.check_search = true;
    client_hit.assign(c.client_id.size(), 0);
    c.texts.mark(terms.text, client_hit.data());
    if (!terms.digits.empty()) c.digits.mark(terms.digits, client_hit.data());
    v.client_hit = client_hit.data();
  }
  return v;
}

bool has_wanted_tag(const AccountColumns& c, const CompiledView& v, std::uint32_t slot) {
  if (c.tag_mask[slot] & v.tag_mask) return true;
  if (v.extra_tags.empty()) return false;
  const auto it = c.extra_tags.find(slot);
  if (it == c.extra_tags.end()) return false;
  for (std::uint32_t code : it->second) {
    if (std::find(v.extra_tags.begin(), v.extra_tags.end(), code) != v.extra_tags.end()) {
      return true;
    }
  }
  return false;
}

// The filter on one row: the narrowing passes below, restated for a walk that
// looks at a few rows instead of all.
bool passes(const AccountColumns& c, const CompiledView& v, std::uint32_t slot) {
  if (v.check_source && !v.source_ok[c.source[slot]]) return false;
  if (v.check_channel && !v.channel_ok[c.channel[slot]]) return false;
  if (v.check_status && !v.status_ok[c.status[slot]]) return false;
  if (v.check_responsible && !v.responsible_ok[c.responsible[slot]]) return false;
  if (v.check_types && !v.type_ok[c.flags[slot]]) return false;
  if (v.check_search && !v.client_hit[c.client[slot]]) return false;
  if (!v.created.empty() && !v.created.contains(c.created_at[slot])) return false;
  if (!v.last_message.empty() && !v.last_message.contains(c.last_message_at[slot])) return false;
  return !v.check_tags || has_wanted_tag(c, v, slot);
}

bool key_less(const Candidate& a, const Candidate& b) {
  return a.first < b.first;
}

// pass[i] &= ok[column[i]]: one filter kind over a whole column, a tight loop
// instead of a branch per kind per row.
template <class T>
void narrow(Column<std::uint8_t>& pass, const Column<T>& column, const std::uint8_t* ok) {
  std::uint8_t* p = pass.data();
  const T* col = column.data();
  const std::size_t n = pass.size();
  for (std::size_t i = 0; i < n; ++i) p[i] &= ok[col[i]];
}

void narrow_range(Column<std::uint8_t>& pass, const Column<std::int64_t>& column,
                  const core::TimeRange& range) {
  if (range.empty()) return;
  // core::TimeRange::contains, with the open ends hoisted out of the loop.
  const bool open_from = range.from == 0;
  const bool open_to = range.to == 0;
  const std::int64_t from = range.from;
  const std::int64_t to = range.to;
  std::uint8_t* p = pass.data();
  const std::int64_t* col = column.data();
  const std::size_t n = pass.size();
  for (std::size_t i = 0; i < n; ++i) {
    p[i] &= static_cast<std::uint8_t>((open_from | (col[i] >= from)) & (open_to | (col[i] < to)));
  }
}

// The best `keep` of `rows` after the cursor. The rows are those that pass,
// gathered beforehand, so that this loop's only branch is the rarely taken
// "better than the worst kept".
template <bool kResponseTime, class T>
void collect(const AccountColumns& c, const Column<T>& values, bool descending,
             const Column<std::uint32_t>& rows, const SortKey* after, std::size_t keep,
             std::vector<Candidate>& heap) {
  for (const std::uint32_t i : rows) {
    const std::int64_t value = values[i];
    // make_key, restated so that "none" is a select rather than a branch.
    std::uint64_t high = 0;
    if constexpr (kResponseTime) {
      const auto v = static_cast<std::uint64_t>(descending ? INT64_MAX - value : value);
      high = value >= 0 ? v : kSignBit;
    } else {
      high = ordered(value, descending);
    }
    const SortKey key = (static_cast<SortKey>(high) << 64) | ordered(c.id[i], descending);
    if (after && !(*after < key)) continue;
    if (heap.size() == keep) {
      if (!(key < heap.front().first)) continue;
      std::pop_heap(heap.begin(), heap.end(), key_less);
      heap.back() = {key, i};
    } else {
      heap.push_back({key, i});
    }
    std::push_heap(heap.begin(), heap.end(), key_less);
  }
}

// Scratch columns of one query, kept between queries: allocating and faulting
// in megabytes per query would cost as much as the scan.
struct Scratch {
  Column<std::uint8_t> pass;
  Column<std::uint32_t> rows;
  Column<std::uint8_t> client_hit;
};

// The kept scratches, lent to one query at a time, the last returned first.
// One per thread instead would make each of the server's I/O threads fault in
// and keep its own megabytes, cold whenever that thread had not listed lately;
// a pool holds as many as queries ever ran at once, and lends the warmest.
class ScratchPool {
 public:
  std::unique_ptr<Scratch> take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return std::make_unique<Scratch>();
    std::unique_ptr<Scratch> scratch = std::move(free_.back());
    free_.pop_back();
    return scratch;
  }
  void give_back(std::unique_ptr<Scratch> scratch) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(scratch));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Scratch>> free_;
};

ScratchPool& scratch_pool() {
  static ScratchPool pool;
  return pool;
}

// A scratch for the scope of one query.
class LentScratch {
 public:
  LentScratch() : scratch_(scratch_pool().take()) {}
  ~LentScratch() { scratch_pool().give_back(std::move(scratch_)); }
  LentScratch(const LentScratch&) = delete;
  LentScratch& operator=(const LentScratch&) = delete;
  Scratch& operator*() { return *scratch_; }

 private:
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace

IndexPage DialogIndex::query(const core::Operator& viewer, const core::ViewQuery& query,
                             const std::optional<sql::Cursor>& after, std::size_t limit,
                             bool with_counts) const {
  IndexPage page;
  // core::can_see: an operator of no account sees nothing; a manager with no sources neither.
  if (viewer.account_id == core::kNoId || limit == 0) return page;
  if (viewer.role == core::Role::Manager && !viewer.supervisor && viewer.source_ids.empty()) {
    return page;
  }
  const auto found = accounts_.find(viewer.account_id);
  if (found == accounts_.end()) return page;
  const AccountColumns& c = *found->second;
  LentScratch lent;
  Scratch& scratch = *lent;
  const CompiledView v = compile(c, viewer, query.filter, scratch.client_hit);
  const std::size_t n = c.id.size();
  const auto wanted_mode = static_cast<std::uint8_t>(query.mode);
  std::uint8_t only_mode[256] = {};
  only_mode[wanted_mode] = 1;
  const core::Sort sort = query.sort;
  const std::size_t keep = limit + 1;  // the extra row says whether more follow
  SortKey after_key = 0;
  if (after) after_key = cursor_key(sort, *after);
  const SortKey* from = after ? &after_key : nullptr;

  // Without a filter the counts are kept as dialogs are put and no dialog
  // needs a look but the window's; a filter is applied to every dialog, one
  // kind at a time, which gives the counts.
  // Without counts a filtered view needs no scan either: the walk below
  // applies the filter to the rows it looks at.
  Column<std::uint8_t>& pass = scratch.pass;
  const std::uint8_t* passing = nullptr;  // pass, once filled
  int counts[256][2] = {};                // [mode][unread > 0]
  // The filter over every dialog, one kind at a time, into `pass`.
  const auto filter_all = [&] {
    page.visited += n;
    pass.assign(n, 1);
    if (v.check_source) narrow(pass, c.source, v.source_ok.data());
    if (v.check_channel) narrow(pass, c.channel, v.channel_ok);
    if (v.check_status) narrow(pass, c.status, v.status_ok.data());
    if (v.check_responsible) narrow(pass, c.responsible, v.responsible_ok.data());
    if (v.check_types) narrow(pass, c.flags, v.type_ok);
    if (v.check_search) narrow(pass, c.client, v.client_hit);
    narrow_range(pass, c.created_at, v.created);
    narrow_range(pass, c.last_message_at, v.last_message);
    if (v.check_tags && v.extra_tags.empty()) {
      const std::uint64_t wanted = v.tag_mask;
      for (std::size_t i = 0; i < n; ++i) pass[i] &= (c.tag_mask[i] & wanted) != 0;
    } else if (v.check_tags) {
      for (std::uint32_t i = 0; i < n; ++i) {
        if (pass[i]) pass[i] = has_wanted_tag(c, v, i);
      }
    }
    passing = pass.data();
  };
  if (!v.filters()) {
    std::copy(&c.mode_counts[0][0], &c.mode_counts[0][0] + 256 * 2, &counts[0][0]);
  } else if (with_counts) {
    filter_all();
    for (std::uint32_t i = 0; i < n; ++i) counts[c.mode[i]][c.flags[i] & kUnreadBit] += pass[i];
  }
  if (with_counts) {
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      page.counts[m] = {counts[m][0] + counts[m][1], counts[m][1]};
    }
  }

  // The window, from the front of the sort key's kept order; when the counts
  // say the mode's passing rows are too few for the walk to find `keep` of
  // them within its budget (`rare`), they are gathered by a scan instead; and
  // when there are none, there is no window to look for.
  std::vector<Candidate> heap;  // the window's rows, best first once sorted
  bool windowed = false;
  const SortOrder& order = c.orders[static_cast<int>(sort.key)];
  const std::size_t budget = std::max(kMinWalk, n / kWalkShare);
  const std::size_t in_mode = static_cast<std::size_t>(counts[wanted_mode][0]) +
                              static_cast<std::size_t>(counts[wanted_mode][1]);
  const bool rare = with_counts && in_mode * budget < keep * n;
  if (with_counts && in_mode == 0) {
    windowed = true;
  } else if (order.built() && !rare) {
    WindowAsk ask{sort, wanted_mode, passing, from, keep, budget, nullptr};
    // No pass vector for a filtered view: the filter is applied row by row.
    const auto row_passes = [&](std::uint32_t slot) { return passes(c, v, slot); };
    if (!passing && v.filters()) ask.passes = row_passes;
    windowed = ordered_window(c, ask, heap, page.visited);
  }
  if (!windowed) {
    if (!passing && v.filters()) {
      filter_all();
    } else if (!passing) {
      page.visited += n;
      pass.assign(n, 1);
      passing = pass.data();
    }
    // The mode's passing rows gathered, then the best `keep` of them in a
    // bounded heap. Few rows (the counts say so): a branch that is rarely
    // taken. Else without a branch per row, into room for every row.
    page.visited += n;
    Column<std::uint32_t>& rows = scratch.rows;
    std::size_t count = 0;
    if (rare) {
      rows.clear();
      for (std::uint32_t i = 0; i < n; ++i) {
        if (passing[i] & only_mode[c.mode[i]]) rows.push_back(i);
      }
      count = rows.size();
    } else {
      rows.resize(n + 1);
      for (std::uint32_t i = 0; i < n; ++i) {
        rows[count] = i;
        count += passing[i] & only_mode[c.mode[i]];
      }
      rows.resize(count);
    }
    heap.clear();
    heap.reserve(std::min<std::size_t>(keep, count));
    const bool desc = sort.descending;
    switch (sort.key) {
      case core::SortKey::LastMessage:
        collect<false>(c, c.last_message_at, desc, rows, from, keep, heap);
        break;
      case core::SortKey::Created:
        collect<false>(c, c.created_at, desc, rows, from, keep, heap);
        break;
      case core::SortKey::ResponseTime:
        collect<true>(c, c.response_time_ms, desc, rows, from, keep, heap);
        break;
      case core::SortKey::Price:
        collect<false>(c, c.price, desc, rows, from, keep, heap);
        break;
      case core::SortKey::Unread:
        collect<false>(c, c.unread, desc, rows, from, keep, heap);
        break;
    }
    std::sort_heap(heap.begin(), heap.end(), key_less);
  }

  page.more = heap.size() > limit;
  if (page.more) heap.resize(limit);
  page.ids.reserve(heap.size());
  for (const Candidate& candidate : heap) page.ids.push_back(c.id[candidate.second]);
  if (page.more && !heap.empty()) {
    const std::uint32_t last = heap.back().second;
    const std::int64_t value = sort_value(c, sort.key, last);
    page.last = {sort.key != core::SortKey::ResponseTime || value >= 0, value, c.id[last]};
  }
  return page;
}

}  // namespace server::index
