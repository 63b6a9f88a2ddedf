// Files on disk under their account (see uploads.hpp).
#include "server/api/uploads.hpp"

#include <filesystem>
#include <fstream>

#include "core/codec.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"

namespace server {
namespace {

constexpr const char* kUrlPrefix = "/api/uploads/";

std::filesystem::path upload_path(const std::string& dir, core::Id account, const std::string& id) {
  return std::filesystem::path(dir) / std::to_string(account) / id;
}

}  // namespace

core::Attachment keep_upload(const std::string& upload_dir, core::Id account_id,
                             const std::string& name, const std::string& mime,
                             const std::string& bytes) {
  const std::string id = new_token().substr(0, 32);
  const std::filesystem::path path = upload_path(upload_dir, account_id, id);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw ApiError(507, "storage_full", "the file could not be stored");
  }
  std::ofstream meta(path.string() + ".json");
  meta << core::Json{{"name", name}, {"mime", mime}}.dump(-1, ' ', false,
                                                          core::Json::error_handler_t::replace);
  if (!meta) throw ApiError(507, "storage_full", "the file could not be stored");
  return {name, mime, kUrlPrefix + id, static_cast<std::int64_t>(bytes.size())};
}

std::optional<StoredUpload> read_upload(const std::string& upload_dir, core::Id account_id,
                                        const std::string& url_or_id) {
  std::string id = url_or_id;
  if (id.rfind(kUrlPrefix, 0) == 0) id = id.substr(std::string(kUrlPrefix).size());
  if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return std::nullopt;
  }
  const std::filesystem::path path = upload_path(upload_dir, account_id, id);
  std::ifstream in(path, std::ios::binary);
  std::ifstream meta_in(path.string() + ".json");
  if (!in || !meta_in) return std::nullopt;
  const core::Json meta = core::Json::parse(meta_in, nullptr, false);
  StoredUpload out;
  out.mime = meta.is_object() ? meta.value("mime", std::string("application/octet-stream"))
                              : "application/octet-stream";
  out.bytes.assign(std::istreambuf_iterator<char>(in), {});
  return out;
}

}  // namespace server
