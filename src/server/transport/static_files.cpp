// Static files of the web client (see static_files.hpp).
#include "server/transport/static_files.hpp"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "server/transport/http_util.hpp"

namespace server::transport {

namespace fs = std::filesystem;

std::string mime_type(const std::string& file_name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
  };
  auto dot = file_name.rfind('.');
  auto slash = file_name.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return "application/octet-stream";
  auto it = kTypes.find(to_lower(file_name.substr(dot)));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool is_compressible(const std::string& mime) {
  return mime.rfind("text/", 0) == 0 || mime == "application/json" || mime == "application/wasm" ||
         mime == "image/svg+xml" || mime == "image/x-icon" || mime == "font/ttf" ||
         mime == "font/otf";
}

std::string gzip_compress(const std::string& data) {
  z_stream zs{};
  // 15 + 16: a gzip wrapper rather than raw zlib, as Content-Encoding: gzip wants.
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, data.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

namespace {

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  std::string_view list = if_none_match;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == "*") return true;
    if (item.rfind("W/", 0) == 0) item.remove_prefix(2);  // weak comparison is fine for GET
    if (item == etag) return true;
  }
  return false;
}

std::shared_ptr<const std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::make_shared<const std::string>(buf.str());
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

Reply StaticFiles::serve(const std::string& decoded_path, const HttpRequest& request) {
  auto not_found = [] {
    return text_reply(404, "application/json", json_error("not_found", "no such file"));
  };
  if (root_.empty()) return not_found();

  std::string relative = decoded_path;
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  fs::path file = fs::path(root_) / relative.substr(1);

  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return not_found();
  auto size = fs::file_size(file, ec);
  if (ec) return not_found();
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return not_found();
  std::int64_t mtime_ticks = mtime.time_since_epoch().count();

  const std::string mime = mime_type(relative);
  const bool compressible = is_compressible(mime) && size <= kMaxCachedFileBytes;
  const bool wants_gzip =
      compressible && header_has_token(request.header("accept-encoding"), "gzip");

  // Find or refresh the cached version; compress outside the lock would race
  // two threads into compressing twice, which is harmless but wasteful, so
  // the whole load happens under it (it happens once per file version).
  std::shared_ptr<const std::string> body;
  bool gzipped = false;
  if (size <= kMaxCachedFileBytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = cache_[file.string()];
    if (!entry.raw || entry.mtime != mtime_ticks || entry.size != size) {
      entry = Entry{};
      entry.raw = read_file(file);
      if (!entry.raw) {
        cache_.erase(file.string());
        return not_found();
      }
      entry.mtime = mtime_ticks;
      entry.size = size;
    }
    if (wants_gzip && !entry.gzip_tried) {
      entry.gzip_tried = true;
      auto packed = std::make_shared<const std::string>(gzip_compress(*entry.raw));
      if (packed->size() < entry.raw->size()) entry.gzipped = packed;
    }
    if (wants_gzip && entry.gzipped) {
      body = entry.gzipped;
      gzipped = true;
    } else {
      body = entry.raw;
    }
  } else {
    body = read_file(file);
    if (!body) return not_found();
  }

  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx%s\"", static_cast<unsigned long long>(mtime_ticks),
                static_cast<unsigned long long>(size), gzipped ? "-gz" : "");
  const std::string etag = tag;

  Reply reply;
  reply.headers.emplace_back("etag", etag);
  const bool is_html = mime.rfind("text/html", 0) == 0;
  reply.headers.emplace_back("cache-control",
                             is_html ? std::string("no-cache")
                                     : "public, max-age=" + std::to_string(kStaticMaxAgeSeconds));
  if (compressible) reply.headers.emplace_back("vary", "Accept-Encoding");
  reply.headers.emplace_back("x-content-type-options", "nosniff");

  std::string if_none_match = request.header("if-none-match");
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    reply.status = 304;
    return reply;
  }
  reply.status = 200;
  reply.headers.emplace_back("content-type", mime);
  if (gzipped) reply.headers.emplace_back("content-encoding", "gzip");
  reply.body = std::move(body);
  return reply;
}

}  // namespace server::transport
