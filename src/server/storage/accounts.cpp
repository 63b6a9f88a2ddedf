// A new account with its defaults and owner (see accounts.hpp).
#include "server/storage/accounts.hpp"

#include "core/account_defaults.hpp"

namespace server {

OpenedAccount open_account(Store& store, const std::string& business, core::Operator owner,
                           const std::string& password_hash) {
  OpenedAccount out;
  store.transaction([&] {
    const Id account = store.create_account(business);
    for (const core::FunnelStatus& s : core::default_statuses(account)) store.save_status(s);
    owner.id = core::kNoId;
    owner.account_id = account;
    owner.role = core::Role::Owner;
    owner.source_ids.clear();
    owner.supervisor = false;
    owner.id = store.save_operator(owner, password_hash);
    out.account = {account, business};
    out.owner = owner;
  });
  return out;
}

}  // namespace server
