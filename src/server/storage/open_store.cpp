// Choosing the engine by the database's location.
#include "server/storage/store.hpp"

namespace server {

bool is_postgres_location(const std::string& location) {
  return location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0 ||
         location.find("dbname=") != std::string::npos ||
         location.find("host=") != std::string::npos;
}

std::unique_ptr<Store> open_store(const std::string& location) {
  return is_postgres_location(location) ? open_postgres_store(location)
                                        : open_sqlite_store(location);
}

std::unique_ptr<Store> open_reader(const std::string& location) {
  return is_postgres_location(location) ? open_postgres_reader(location)
                                        : open_sqlite_reader(location);
}

}  // namespace server
