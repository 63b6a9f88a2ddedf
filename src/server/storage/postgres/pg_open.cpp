// Opening a Store on a PostgreSQL database: the connection, the schema's
// migrations, then the SQL store over it.
#include <memory>
#include <string>

#include "server/storage/postgres/pg_db.hpp"
#include "server/storage/postgres/pg_schema.hpp"
#include "server/storage/sql/sql_store.hpp"

namespace server {

std::unique_ptr<Store> open_postgres_store(const std::string& conninfo) {
  auto db = std::make_unique<postgres::Db>(conninfo);
  postgres::migrate(*db);
  return std::make_unique<sql::SqlStore>(std::move(db));
}

std::unique_ptr<Store> open_postgres_reader(const std::string& conninfo) {
  auto db = std::make_unique<postgres::Db>(conninfo);
  db->exec("SET default_transaction_read_only = on");
  return std::make_unique<sql::SqlStore>(std::move(db));
}

}  // namespace server
