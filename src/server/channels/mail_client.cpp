// libcurl behind MailClient: an easy handle per client, reset before each
// call; the server's lines are read from libcurl's debug stream (the only
// place it hands them over), never our own lines, which carry the password.
#include "server/channels/mail_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace server::channels {
namespace {

struct Transfer {
  std::string* body;
  std::size_t limit;
  bool too_long = false;
  std::string last_line;  // the server's
  std::string refusal;    // its last refusal: SMTP's 4xx/5xx, IMAP's NO or BAD
  const std::string* upload = nullptr;
  std::size_t sent = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->body->size() + n > t->limit) {
    t->too_long = true;
    return 0;
  }
  t->body->append(data, n);
  return n;
}

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = std::min(size * count, t->upload->size() - t->sent);
  t->upload->copy(buffer, n, t->sent);
  t->sent += n;
  return n;
}

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;  // only what the server said
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.empty()) return 0;
  t->last_line = line;
  // A refusal is kept apart: a QUIT or LOGOUT's goodbye comes after it.
  const bool smtp_refusal = line.size() > 3 && (line[0] == '4' || line[0] == '5') &&
                            std::isdigit(static_cast<unsigned char>(line[1]));
  const std::size_t sp = line.find(' ');
  const std::string status = sp == std::string::npos ? "" : line.substr(sp + 1, 3);
  const bool imap_refusal = line[0] != '*' && (status == "NO " || status == "BAD");
  if (smtp_refusal || imap_refusal) t->refusal = line;
  return 0;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel && cancel->load() ? 1 : 0;
}

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A plain imap:// or smtp:// address must switch to TLS (STARTTLS) before the
// password goes, but for a server on this machine (a test's, a local relay).
bool loopback(const std::string& url) {
  const std::size_t host = url.find("://");
  if (host == std::string::npos) return false;
  const std::string rest = url.substr(host + 3);
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    const std::string n = name;
    if (rest.rfind(n, 0) == 0 &&
        (rest.size() == n.size() || rest[n.size()] == ':' || rest[n.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// An IMAP tagged reply without its tag: "A002 NO [AUTHENTICATIONFAILED] ..." -> "NO [...] ...".
std::string untagged(const std::string& line) {
  if (line.empty() || line[0] == '*' || (line[0] >= '0' && line[0] <= '9')) return line;
  const std::size_t space = line.find(' ');
  return space == std::string::npos ? line : line.substr(space + 1);
}

}  // namespace

struct MailClient::Impl {
  CURL* curl = nullptr;
  const std::atomic<bool>* cancel = nullptr;

  // The options every call has; `t` receives the server's lines.
  void common(const std::string& url, const MailLogin& login, Transfer& t, const char* protocols) {
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
    curl_easy_setopt(curl, CURLOPT_USERNAME, login.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, login.password.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, login.timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, login.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, loopback(url) ? CURLUSESSL_NONE : CURLUSESSL_ALL);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // for the debug stream: the server's lines
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    if (cancel) {
      curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
    }
  }

  MailResult finish(CURLcode rc, Transfer& t, MailResult& r, bool imap) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.code);
    const std::string& line = rc == CURLE_OK || t.refusal.empty() ? t.last_line : t.refusal;
    r.server_line = imap ? untagged(line) : line;
    if (!imap && rc != CURLE_OK && !t.refusal.empty()) r.code = std::stol(t.refusal.substr(0, 3));
    if (rc == CURLE_OK) {
      r.ok = true;
    } else {
      r.error = t.too_long ? "the answer is longer than allowed" : curl_easy_strerror(rc);
      r.body.clear();
    }
    return r;
  }
};

MailClient::MailClient(const std::atomic<bool>* cancel) : impl_(std::make_unique<Impl>()) {
  init_once();
  impl_->cancel = cancel;
  impl_->curl = curl_easy_init();
}

MailClient::~MailClient() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

MailResult MailClient::imap(const std::string& url, const MailLogin& login,
                            const std::string& command, std::size_t max_bytes) {
  MailResult r;
  if (!impl_->curl) {
    r.error = "libcurl could not start";
    return r;
  }
  Transfer t{&r.body, max_bytes};
  impl_->common(url, login, t, "imap,imaps");
  if (!command.empty()) curl_easy_setopt(impl_->curl, CURLOPT_CUSTOMREQUEST, command.c_str());
  const CURLcode rc = curl_easy_perform(impl_->curl);
  return impl_->finish(rc, t, r, true);
}

MailResult MailClient::smtp_check(const std::string& url, const MailLogin& login) {
  MailResult r;
  if (!impl_->curl) {
    r.error = "libcurl could not start";
    return r;
  }
  Transfer t{&r.body, 64 * 1024};
  impl_->common(url, login, t, "smtp,smtps");
  // Connecting is greeting, EHLO and AUTH for SMTP: the login is checked, nothing is sent.
  curl_easy_setopt(impl_->curl, CURLOPT_CONNECT_ONLY, 1L);
  const CURLcode rc = curl_easy_perform(impl_->curl);
  return impl_->finish(rc, t, r, false);
}

MailResult MailClient::smtp_send(const std::string& url, const MailLogin& login,
                                 const std::string& from, const std::vector<std::string>& to,
                                 const std::string& message) {
  MailResult r;
  if (!impl_->curl) {
    r.error = "libcurl could not start";
    return r;
  }
  Transfer t{&r.body, 64 * 1024};
  t.upload = &message;
  impl_->common(url, login, t, "smtp,smtps");
  const std::string sender = "<" + from + ">";
  curl_easy_setopt(impl_->curl, CURLOPT_MAIL_FROM, sender.c_str());
  curl_slist* rcpt = nullptr;
  for (const std::string& a : to) rcpt = curl_slist_append(rcpt, ("<" + a + ">").c_str());
  curl_easy_setopt(impl_->curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(impl_->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(impl_->curl, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(impl_->curl, CURLOPT_READDATA, &t);
  curl_easy_setopt(impl_->curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  const CURLcode rc = curl_easy_perform(impl_->curl);
  impl_->finish(rc, t, r, false);
  curl_slist_free_all(rcpt);
  return r;
}

}  // namespace server::channels
