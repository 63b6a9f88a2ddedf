// A fake WhatsApp Cloud API (Graph API) on loopback for the connector's
// tests: GET /{version}/{phone-number-id}, POST .../messages, POST
// .../media (multipart), GET /{media-id} and the media's download URL (on
// the fake, asking for the token too), all under a base URL and checking the
// bearer token (190 otherwise). Answers and errors are shaped as the Graph
// API's ({"error": {"message", "type", "code", "error_data", "fbtrace_id"}});
// the next calls can be made to fail with a chosen code. Every call is recorded.
//
// Also what Meta sends to a webhook: notifications (messages, statuses) and
// their X-Hub-Signature-256.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "server/transport/server.hpp"

namespace fakes {

struct GraphCall {
  std::string method;   // GET, POST
  std::string version;  // v21.0
  std::string path;     // after the version: "106540352242922/messages", "MEDIA-1"
  std::map<std::string, std::string> query;
  core::Json body;        // a JSON body, or the text fields of a multipart one
  std::string file_name;  // the file of a /media upload
  std::string file_mime;
  std::string file_bytes;
};

class FakeWhatsApp {
 public:
  static constexpr const char* kToken = "EAAG-test-access-token";
  static constexpr const char* kPhoneNumberId = "106540352242922";
  static constexpr const char* kDisplayNumber = "+7 495 123-45-67";

  FakeWhatsApp();
  ~FakeWhatsApp();

  // The base URL to give the connector (settings.base_url).
  std::string base_url() const;

  // A file a client sent: GET /{media_id} names its URL, which serves it.
  void add_media(const std::string& media_id, const std::string& bytes, const std::string& mime);
  // Answers the next n calls of `what` ("messages", "media" (uploads),
  // "number", "media_url", "download") with the Graph API's error `code`:
  // 131047 (outside the 24-hour window), 130429 (throughput), 131026
  // (undeliverable), 100 (invalid parameter), 500 (an HTTP 500, code 2).
  void fail_next(const std::string& what, int n, int code);

  std::vector<GraphCall> calls(const std::string& what) const;
  std::size_t count(const std::string& what) const { return calls(what).size(); }
  // Calls answered 190 for a missing or wrong token.
  std::size_t unauthorized() const;
  bool wait_for(const std::string& what, std::size_t n, int timeout_ms = 5000) const;

 private:
  server::HttpResponse answer(const server::HttpRequest& request);
  server::HttpResponse route(const std::string& what, GraphCall& call,
                             const server::HttpRequest& request);

  unsigned short port_ = 0;
  std::unique_ptr<server::HttpServer> http_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<std::pair<std::string, GraphCall>> calls_;  // by what they were
  std::size_t unauthorized_ = 0;
  struct Media {
    std::string bytes;
    std::string mime;
  };
  std::map<std::string, Media> media_;
  std::deque<std::pair<std::string, int>> failures_;  // what, code
  int next_message_ = 1;
  int next_upload_ = 1;
};

// What Meta posts to the webhook: one entry, one change, with `value`'s
// messaging_product and metadata filled in.
core::Json notification(core::Json value,
                        const std::string& phone_number_id = FakeWhatsApp::kPhoneNumberId);
// A client's text message; `name` is the profile name in contacts.
core::Json text_notification(const std::string& from, const std::string& name,
                             const std::string& wamid, const std::string& text);
// A client's picture, with its media id and caption.
core::Json image_notification(const std::string& from, const std::string& name,
                              const std::string& wamid, const std::string& media_id,
                              const std::string& caption);
// A status of an outgoing message; `error_code` non-zero adds errors[0].
core::Json status_notification(const std::string& wamid, const std::string& status,
                               const std::string& recipient, int error_code = 0,
                               const std::string& error_title = {});
// The X-Hub-Signature-256 of a raw body: "sha256=" and the hex HMAC-SHA256.
std::string hub_signature(const std::string& body, const std::string& app_secret);

}  // namespace fakes
