// Files kept on the server's disk: operators' uploads and files received from
// channels, each under its account as <upload_dir>/<account>/<32 hex> with
// its name and type beside it in <id>.json, named by /api/uploads/<id>.
#pragma once

#include <optional>
#include <string>

#include "core/entities.hpp"

namespace server {

// Keeps the bytes; the attachment names them. Throws ApiError 507 when the
// disk refuses them.
core::Attachment keep_upload(const std::string& upload_dir, core::Id account_id,
                             const std::string& name, const std::string& mime,
                             const std::string& bytes);

struct StoredUpload {
  std::string bytes;
  std::string mime;
};
// The upload an /api/uploads/<id> URL names; nullopt when it is not one or is gone.
std::optional<StoredUpload> read_upload(const std::string& upload_dir, core::Id account_id,
                                        const std::string& url_or_id);

}  // namespace server
