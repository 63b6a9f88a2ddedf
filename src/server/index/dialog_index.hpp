// The dialog list in memory: per account, the fields the list filters and
// sorts by as columns, counts per mode and an order per sort key kept as
// dialogs are put, and a query that answers a window of a view with its
// counts exactly as SqliteStore::list_dialogs and core::matches do: from the
// kept counts and orders for a view without a filter, with a scan of the
// filtered columns otherwise. Not thread-safe: IndexedStore guards it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/filter.hpp"
#include "server/storage/sql/dialog_query.hpp"
#include "server/storage/store.hpp"

namespace server::index {

struct AccountColumns;

// The ids of a window in the view's order and, when asked, its counts.
struct IndexPage {
  std::vector<Id> ids;
  bool more = false;  // rows follow the window
  sql::Cursor last;   // the window's last row, when `more`
  ModeCount counts[core::kDialogModeCount];
  // Dialog rows the query looked at: a view without a filter looks at about
  // the window's rows, a filtered one at every dialog of the account (its
  // counts). Tests hold the index to this (index_visit_tests.cpp).
  std::size_t visited = 0;
};

class DialogIndex {
 public:
  DialogIndex();
  ~DialogIndex();
  DialogIndex(DialogIndex&&) noexcept;
  DialogIndex& operator=(DialogIndex&&) noexcept;

  void reserve(Id account_id, std::size_t clients, std::size_t dialogs);  // a sizing hint
  // Orders the dialogs by every sort key and keeps the orders from then on
  // (accounts made later too), so that a list window needs no scan: once the
  // load is done, as keeping them through a load would cost more.
  void build_orders();
  void put_client(const ClientListKeys& client);
  void put_dialog(const DialogListKeys& dialog);  // inserts or replaces by id
  // What the store does to dialogs when a referenced row goes.
  void clear_status(Id account_id, Id status_id);
  void clear_responsible(Id account_id, Id operator_id);
  void remove_tag(Id account_id, Id tag_id);
  // The same, for every status, tag and responsible the account's directory no
  // longer has (an operator: no longer has active): what another process's
  // deletions did to the stored dialogs, learnt from its directory_changed.
  void retain_directory(Id account_id, const core::Directory& directory);

  // Up to `limit` rows of the view after `after` (none: from the start), in its
  // sort order; counts per mode with the filter applied when with_counts.
  IndexPage query(const core::Operator& viewer, const core::ViewQuery& query,
                  const std::optional<sql::Cursor>& after, std::size_t limit,
                  bool with_counts) const;

  std::size_t dialog_count() const;
  std::size_t client_count() const;
  std::size_t memory_bytes() const;  // an estimate of the heap it holds

 private:
  AccountColumns& account(Id account_id);
  bool ordered_ = false;  // build_orders was called
  std::unordered_map<Id, std::unique_ptr<AccountColumns>> accounts_;
};

}  // namespace server::index
