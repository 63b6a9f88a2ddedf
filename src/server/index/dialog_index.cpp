// DialogIndex: the accounts' columns, kept per account so that a viewer's scan
// never touches another account's dialogs. The scan itself is in index_query.cpp.
#include "server/index/dialog_index.hpp"

#include "server/index/account_columns.hpp"

namespace server::index {

DialogIndex::DialogIndex() = default;
DialogIndex::~DialogIndex() = default;
DialogIndex::DialogIndex(DialogIndex&&) noexcept = default;
DialogIndex& DialogIndex::operator=(DialogIndex&&) noexcept = default;

AccountColumns& DialogIndex::account(Id account_id) {
  std::unique_ptr<AccountColumns>& columns = accounts_[account_id];
  if (!columns) {
    columns = std::make_unique<AccountColumns>();
    if (ordered_) columns->build_orders();
  }
  return *columns;
}

void DialogIndex::build_orders() {
  ordered_ = true;
  for (auto& [id, columns] : accounts_) columns->build_orders();
}

void DialogIndex::reserve(Id account_id, std::size_t clients, std::size_t dialogs) {
  account(account_id).reserve(clients, dialogs);
}

void DialogIndex::put_client(const ClientListKeys& client) {
  account(client.account_id).put_client(client);
}

void DialogIndex::put_dialog(const DialogListKeys& dialog) {
  account(dialog.account_id).put_dialog(dialog);
}

void DialogIndex::clear_status(Id account_id, Id status_id) {
  account(account_id).clear_status(status_id);
}

void DialogIndex::clear_responsible(Id account_id, Id operator_id) {
  account(account_id).clear_responsible(operator_id);
}

void DialogIndex::remove_tag(Id account_id, Id tag_id) {
  account(account_id).remove_tag(tag_id);
}

void DialogIndex::retain_directory(Id account_id, const core::Directory& directory) {
  auto it = accounts_.find(account_id);
  if (it == accounts_.end()) return;
  AccountColumns& columns = *it->second;
  for (Id id : columns.statuses.ids()) {
    if (!directory.find_status(id)) columns.clear_status(id);
  }
  for (Id id : columns.tags.ids()) {
    if (!directory.find_tag(id)) columns.remove_tag(id);
  }
  for (Id id : columns.operators.ids()) {
    if (!directory.assignable_operator(id)) columns.clear_responsible(id);
  }
}

std::size_t DialogIndex::dialog_count() const {
  std::size_t n = 0;
  for (const auto& [id, columns] : accounts_) n += columns->id.size();
  return n;
}

std::size_t DialogIndex::client_count() const {
  std::size_t n = 0;
  for (const auto& [id, columns] : accounts_) n += columns->client_id.size();
  return n;
}

std::size_t DialogIndex::memory_bytes() const {
  std::size_t n = 0;
  for (const auto& [id, columns] : accounts_) n += columns->memory_bytes();
  return n;
}

}  // namespace server::index
