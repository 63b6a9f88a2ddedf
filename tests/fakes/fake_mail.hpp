// A fake mail provider on loopback for the e-mail connector's tests: an IMAP
// server and an SMTP server (plain TCP, no TLS), each speaking just what
// libcurl says. IMAP4rev1: CAPABILITY, LOGIN, SELECT/EXAMINE of INBOX, UID
// SEARCH UID a:b, UID FETCH n BODY[] (and FETCH by sequence number), NOOP,
// LOGOUT. SMTP: EHLO/HELO, AUTH PLAIN and LOGIN, MAIL FROM, RCPT TO (550
// for a recipient told to be refused), DATA, RSET, NOOP, QUIT. It records
// every command (the password masked) and every mail taken.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fakes {

struct SentMail {
  std::string from;             // MAIL FROM's address
  std::vector<std::string> to;  // RCPT TO's, as taken
  std::string data;             // the message as DATA carried it, dots unstuffed
};

class FakeMail {
 public:
  FakeMail(std::string username, std::string password);
  ~FakeMail();

  std::string imap_url() const;  // imap://127.0.0.1:PORT/INBOX
  std::string smtp_url() const;  // smtp://127.0.0.1:PORT

  // A new message in INBOX (its RFC 5322 text); its UID.
  std::uint32_t deliver(const std::string& message);
  // RCPT TO this address is refused with 550.
  void refuse_recipient(const std::string& address);

  std::vector<std::string> imap_commands() const;  // "UID FETCH 3 BODY[]", tags dropped
  std::size_t imap_count(const std::string& prefix) const;
  std::vector<SentMail> sent() const;
  bool wait_sent(std::size_t n, int timeout_ms = 5000) const;
  std::size_t smtp_logins() const;  // successful AUTHs

 private:
  struct Listener;
  void serve_imap(int fd);
  void serve_smtp(int fd);
  bool login_ok(const std::string& user, const std::string& password) const;

  std::string username_;
  std::string password_;
  std::unique_ptr<Listener> imap_;
  std::unique_ptr<Listener> smtp_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::uint32_t, std::string> inbox_;  // by UID
  std::uint32_t next_uid_ = 101;
  std::set<std::string> refused_;
  std::vector<std::string> imap_commands_;
  std::vector<SentMail> sent_;
  std::size_t smtp_logins_ = 0;
};

}  // namespace fakes
