// IMAP and SMTP for the e-mail connector, over libcurl (imap://, imaps://,
// smtp://, smtps://): one blocking call at a time, TLS verified, a timeout on
// each, and the server's own last line kept for an error's words. Called
// only from the channels' threads, like HttpClient.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace server::channels {

struct MailLogin {
  std::string username;
  std::string password;
  long timeout_ms = 30000;
  long connect_timeout_ms = 10000;
};

struct MailResult {
  bool ok = false;
  long code = 0;            // the server's last reply code (SMTP 250, 550; 0 for IMAP)
  std::string error;        // libcurl's words when not ok
  std::string server_line;  // the server's last line (its reason), credentials never in it
  std::string body;         // what the command returned (untagged lines, a message's bytes)
  bool answered() const { return code != 0 || !server_line.empty(); }
};

class MailClient {
 public:
  explicit MailClient(const std::atomic<bool>* cancel = nullptr);
  ~MailClient();
  MailClient(const MailClient&) = delete;
  MailClient& operator=(const MailClient&) = delete;

  // An IMAP command on `url` (imap://host/INBOX: selected first); with an
  // empty command, the URL's own fetch (…/INBOX/;UID=5: the message).
  MailResult imap(const std::string& url, const MailLogin& login, const std::string& command,
                  std::size_t max_bytes = 32 * 1024 * 1024);
  // Logs in to an SMTP server and leaves (EHLO, AUTH), sending nothing.
  MailResult smtp_check(const std::string& url, const MailLogin& login);
  // Sends one message (its RFC 5322 bytes, CRLF lines) from `from` to `to`.
  MailResult smtp_send(const std::string& url, const MailLogin& login, const std::string& from,
                       const std::vector<std::string>& to, const std::string& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace server::channels
