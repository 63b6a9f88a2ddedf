// Outbound HTTP for the channel connectors, over libcurl: one blocking call
// at a time per client, TLS verified, a timeout on every request. Called only
// from the channels' own threads, never from an I/O thread of the server.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace server::channels {

// A part of a multipart/form-data body (a file sent to a channel).
struct FormPart {
  std::string name;
  std::string value;      // the text, or the file's bytes
  std::string file_name;  // set for a file
  std::string mime;
};

struct HttpCall {
  std::string method = "GET";
  std::string url;
  std::map<std::string, std::string> headers;
  std::string body;            // sent as is (with its content-type header)
  std::vector<FormPart> form;  // when not empty: a multipart body instead
  long timeout_ms = 15000;     // the whole exchange
  long connect_timeout_ms = 5000;
  std::size_t max_response = 64 * 1024 * 1024;  // bytes; longer is a transport error
};

struct HttpResult {
  int status = 0;     // 0 when no answer came
  std::string error;  // the transport's error (refused, timeout, TLS), empty when answered
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  bool answered() const { return status != 0; }
};

class HttpClient {
 public:
  // A call in flight ends (as a transport error) once *cancel is true: a
  // server stopping does not wait out a long poll.
  explicit HttpClient(const std::atomic<bool>* cancel = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult perform(const HttpCall& call);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace server::channels
