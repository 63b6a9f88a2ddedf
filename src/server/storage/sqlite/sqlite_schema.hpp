// The database schema as numbered migrations, applied at open and recorded in
// PRAGMA user_version, so an older file is upgraded in place.
#pragma once

#include "server/storage/sqlite/sqlite_db.hpp"

namespace server::sqlite {

// Applies every migration newer than the file's user_version, each in its own
// transaction. Throws StoreError(Failure) for a file newer than this code.
void migrate(Db& db);

int schema_version();  // the newest migration this code knows

}  // namespace server::sqlite
