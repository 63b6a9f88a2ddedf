// Opening a new business's account: the account, its default reference data
// (core/account_defaults.hpp) and its owner, written in one transaction, so
// that a sign-up leaves either a working account or nothing.
#pragma once

#include <string>

#include "server/storage/store.hpp"

namespace server {

struct OpenedAccount {
  core::Account account;
  core::Operator owner;  // with its new id, role Owner
};

// `owner` gives the name and e-mail; its id, account and role are set here.
// Throws StoreError(Conflict) when the e-mail is taken (nothing is written).
OpenedAccount open_account(Store& store, const std::string& business, core::Operator owner,
                           const std::string& password_hash);

}  // namespace server
