// Serves the client's files from one folder: MIME types, index.html for "/",
// gzip compressed once per file version and kept in memory, ETag revalidation
// and cache headers. Socket-free, so it is testable without a server.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/transport/http_types.hpp"
#include "server/transport/reply.hpp"

namespace server::transport {

// Files above this are served from disk each time, uncompressed and uncached.
constexpr std::uintmax_t kMaxCachedFileBytes = 64u << 20;
// Names are not content-hashed, so non-HTML files may be reused only briefly.
constexpr int kStaticMaxAgeSeconds = 300;

// The Content-Type for a file name ("app.wasm" -> "application/wasm").
std::string mime_type(const std::string& file_name);
// Worth gzipping (text, wasm, fonts); false for already-compressed formats.
bool is_compressible(const std::string& mime);
// gzip (RFC 1952) of `data`; throws std::runtime_error if zlib fails.
std::string gzip_compress(const std::string& data);

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);

  // `decoded_path` must already be checked with is_safe_path(). GET and HEAD
  // get the same headers (the transport drops the body for HEAD).
  Reply serve(const std::string& decoded_path, const HttpRequest& request);

 private:
  struct Entry {
    std::int64_t mtime = 0;
    std::uintmax_t size = 0;
    std::shared_ptr<const std::string> raw;
    std::shared_ptr<const std::string> gzipped;  // null: not worth it or not yet made
    bool gzip_tried = false;
  };

  std::string root_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;  // by file path
};

}  // namespace server::transport
