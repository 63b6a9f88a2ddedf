// The database schema in PostgreSQL, as numbered migrations applied at open.
#pragma once

#include "server/storage/postgres/pg_db.hpp"

namespace server::postgres {

// Applies every migration newer than the schema's stored version, in one
// transaction, under a lock that lets one process at a time do it. Throws
// StoreError(Failure) for a schema newer than this code.
void migrate(Db& db);

int schema_version();  // the newest migration this code knows; SQLite's has the same

}  // namespace server::postgres
