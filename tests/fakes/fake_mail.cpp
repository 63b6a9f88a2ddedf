// The fake IMAP and SMTP servers (see fake_mail.hpp): POSIX sockets, a
// thread per listener and per connection, all joined at destruction.
#include "fakes/fake_mail.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <sstream>

namespace fakes {
namespace {

// One connection's lines, CRLF or LF ended.
class Lines {
 public:
  explicit Lines(int fd) : fd_(fd) {}
  bool next(std::string& line) {
    for (;;) {
      const std::size_t end = buffer_.find('\n');
      if (end != std::string::npos) {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  void send(const std::string& text) {
    std::size_t at = 0;
    while (at < text.size()) {
      const ssize_t n = ::send(fd_, text.data() + at, text.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return;
      at += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// IMAP arguments: atoms and "quoted strings" (with \" and \\ escapes).
std::vector<std::string> imap_args(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::string arg;
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        arg += text[i];
      }
      ++i;
    } else {
      while (i < text.size() && text[i] != ' ') arg += text[i++];
    }
    out.push_back(arg);
  }
  return out;
}

std::string unbase64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  bytes.resize(n);
  return bytes;
}

std::string address_in(const std::string& arg) {  // "FROM:<a@b> SIZE=10" -> a@b
  const std::size_t open = arg.find('<');
  const std::size_t close = arg.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return arg.substr(open + 1, close - open - 1);
}

}  // namespace

// A loopback listener whose connections are each served on a thread.
struct FakeMail::Listener {
  int fd = -1;
  unsigned short port = 0;
  std::thread acceptor;
  std::mutex mutex;
  std::vector<int> clients;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};

  explicit Listener(std::function<void(int)> serve) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    acceptor = std::thread([this, serve] {
      for (;;) {
        const int client = ::accept(fd, nullptr, nullptr);
        if (client < 0 || stopping) {
          if (client >= 0) ::close(client);
          return;
        }
        std::lock_guard<std::mutex> lock(mutex);
        clients.push_back(client);
        threads.emplace_back([serve, client] { serve(client); });
      }
    });
  }
  ~Listener() {
    stopping = true;
    ::shutdown(fd, SHUT_RDWR);
    acceptor.join();
    ::close(fd);
    std::lock_guard<std::mutex> lock(mutex);
    for (int c : clients) ::shutdown(c, SHUT_RDWR);
    for (std::thread& t : threads) t.join();
    for (int c : clients) ::close(c);
  }
};

FakeMail::FakeMail(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {
  imap_ = std::make_unique<Listener>([this](int fd) { serve_imap(fd); });
  smtp_ = std::make_unique<Listener>([this](int fd) { serve_smtp(fd); });
}

FakeMail::~FakeMail() {
  imap_.reset();
  smtp_.reset();
}

std::string FakeMail::imap_url() const {
  return "imap://127.0.0.1:" + std::to_string(imap_->port) + "/INBOX";
}

std::string FakeMail::smtp_url() const {
  return "smtp://127.0.0.1:" + std::to_string(smtp_->port);
}

std::uint32_t FakeMail::deliver(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint32_t uid = next_uid_++;
  inbox_[uid] = message;
  return uid;
}

void FakeMail::refuse_recipient(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  refused_.insert(address);
}

std::vector<std::string> FakeMail::imap_commands() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return imap_commands_;
}

std::size_t FakeMail::imap_count(const std::string& prefix) const {
  std::size_t n = 0;
  for (const std::string& c : imap_commands()) n += c.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

std::vector<SentMail> FakeMail::sent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sent_;
}

bool FakeMail::wait_sent(std::size_t n, int timeout_ms) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return sent_.size() >= n; });
}

std::size_t FakeMail::smtp_logins() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return smtp_logins_;
}

bool FakeMail::login_ok(const std::string& user, const std::string& password) const {
  return user == username_ && password == password_;
}

// ---- IMAP -----------------------------------------------------------------------

void FakeMail::serve_imap(int fd) {
  Lines io(fd);
  io.send("* OK [CAPABILITY IMAP4rev1] fake IMAP ready\r\n");
  bool logged_in = false;
  bool selected = false;
  std::string line;
  while (io.next(line)) {
    const std::size_t sp = line.find(' ');
    if (sp == std::string::npos) {
      io.send("* BAD no tag\r\n");
      continue;
    }
    const std::string tag = line.substr(0, sp);
    std::vector<std::string> args = imap_args(line.substr(sp + 1));
    if (args.empty()) {
      io.send(tag + " BAD empty command\r\n");
      continue;
    }
    std::string command = upper(args[0]);
    bool uid = false;
    if (command == "UID" && args.size() > 1) {
      uid = true;
      args.erase(args.begin());
      command = upper(args[0]);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      imap_commands_.push_back(command == "LOGIN"
                                   ? "LOGIN " + (args.size() > 1 ? args[1] : "") + " ****"
                                   : line.substr(sp + 1));
    }
    if (command == "CAPABILITY") {
      io.send("* CAPABILITY IMAP4rev1\r\n" + tag + " OK CAPABILITY completed\r\n");
    } else if (command == "NOOP") {
      io.send(tag + " OK NOOP completed\r\n");
    } else if (command == "LOGOUT") {
      io.send("* BYE fake IMAP logging out\r\n" + tag + " OK LOGOUT completed\r\n");
      return;
    } else if (command == "LOGIN") {
      logged_in = args.size() == 3 && login_ok(args[1], args[2]);
      io.send(tag + (logged_in ? " OK LOGIN completed\r\n"
                               : " NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n"));
    } else if (!logged_in) {
      io.send(tag + " BAD log in first\r\n");
    } else if (command == "SELECT" || command == "EXAMINE") {
      if (args.size() < 2 || upper(args[1]) != "INBOX") {
        io.send(tag + " NO [NONEXISTENT] Unknown Mailbox\r\n");
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      selected = true;
      io.send("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* " +
              std::to_string(inbox_.size()) + " EXISTS\r\n* 0 RECENT\r\n" +
              "* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT " + std::to_string(next_uid_) +
              "] Predicted next UID\r\n" + tag + " OK [" +
              (command == "SELECT" ? "READ-WRITE" : "READ-ONLY") + "] " + command +
              " completed\r\n");
    } else if (!selected) {
      io.send(tag + " BAD select a mailbox first\r\n");
    } else if (command == "SEARCH" && uid && args.size() == 3 && upper(args[1]) == "UID") {
      // a:b, a:* or *: "*" is the largest UID, and a:* with a past it is that one (RFC 3501).
      std::lock_guard<std::mutex> lock(mutex_);
      const std::uint32_t top = inbox_.empty() ? 0 : inbox_.rbegin()->first;
      const std::string range = args[2];
      const std::size_t colon = range.find(':');
      const auto value = [&](const std::string& v) {
        return v == "*" ? top : static_cast<std::uint32_t>(std::stoul(v));
      };
      std::uint32_t from = value(range.substr(0, colon));
      std::uint32_t to = colon == std::string::npos ? from : value(range.substr(colon + 1));
      if (from > to) std::swap(from, to);
      std::string found = "* SEARCH";
      for (const auto& [id, text] : inbox_) {
        if (id >= from && id <= to) found += " " + std::to_string(id);
      }
      io.send(found + "\r\n" + tag + " OK SEARCH completed\r\n");
    } else if (command == "FETCH" && args.size() >= 3) {
      std::lock_guard<std::mutex> lock(mutex_);
      const std::uint32_t n = static_cast<std::uint32_t>(std::stoul(args[1]));
      std::uint32_t seq = 0;
      std::string reply;
      for (const auto& [id, text] : inbox_) {
        ++seq;
        if (uid ? id != n : seq != n) continue;
        reply = "* " + std::to_string(seq) + " FETCH (UID " + std::to_string(id) + " BODY[] {" +
                std::to_string(text.size()) + "}\r\n" + text + ")\r\n";
      }
      io.send(reply + tag + " OK FETCH completed\r\n");
    } else {
      io.send(tag + " BAD unknown command\r\n");
    }
  }
}

// ---- SMTP -----------------------------------------------------------------------

void FakeMail::serve_smtp(int fd) {
  Lines io(fd);
  io.send("220 fake.mail ESMTP ready\r\n");
  bool authed = false;
  SentMail mail;
  std::string line;
  const auto login = [&](const std::string& user, const std::string& password) {
    authed = login_ok(user, password);
    if (authed) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++smtp_logins_;
    }
    io.send(authed ? "235 2.7.0 Authentication successful\r\n"
                   : "535 5.7.8 Error: authentication failed: Invalid credentials\r\n");
  };
  while (io.next(line)) {
    const std::string verb = upper(line.substr(0, line.find(' ')));
    const std::string rest =
        line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (verb == "EHLO") {
      io.send("250-fake.mail\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n");
    } else if (verb == "HELO") {
      io.send("250 fake.mail\r\n");
    } else if (verb == "AUTH") {
      std::istringstream words(rest);
      std::string mechanism, initial;
      words >> mechanism >> initial;
      mechanism = upper(mechanism);
      if (mechanism == "PLAIN") {
        if (initial.empty()) {
          io.send("334 \r\n");
          if (!io.next(initial)) return;
        }
        const std::string plain = unbase64(initial);  // authzid \0 user \0 password
        const std::size_t a = plain.find('\0');
        const std::size_t b = a == std::string::npos ? a : plain.find('\0', a + 1);
        if (b == std::string::npos) {
          io.send("501 5.5.2 bad PLAIN response\r\n");
          continue;
        }
        login(plain.substr(a + 1, b - a - 1), plain.substr(b + 1));
      } else if (mechanism == "LOGIN") {
        std::string user = initial, password;
        if (user.empty()) {
          io.send("334 VXNlcm5hbWU6\r\n");
          if (!io.next(user)) return;
        }
        io.send("334 UGFzc3dvcmQ6\r\n");
        if (!io.next(password)) return;
        login(unbase64(user), unbase64(password));
      } else {
        io.send("504 5.5.4 mechanism not supported\r\n");
      }
    } else if (verb == "MAIL") {
      if (!authed) {
        io.send("530 5.7.0 Authentication required\r\n");
        continue;
      }
      mail = SentMail{address_in(rest), {}, {}};
      io.send("250 2.1.0 Ok\r\n");
    } else if (verb == "RCPT") {
      const std::string to = address_in(rest);
      bool refused = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        refused = refused_.count(to) > 0;
      }
      if (refused) {
        io.send("550 5.1.1 <" + to + ">: Recipient address rejected: User unknown\r\n");
      } else {
        mail.to.push_back(to);
        io.send("250 2.1.5 Ok\r\n");
      }
    } else if (verb == "DATA") {
      if (mail.to.empty()) {
        io.send("554 5.5.1 Error: no valid recipients\r\n");
        continue;
      }
      io.send("354 End data with <CR><LF>.<CR><LF>\r\n");
      std::string data;
      while (io.next(line) && line != ".") {
        data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      }
      mail.data = data;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        sent_.push_back(mail);
      }
      changed_.notify_all();
      io.send("250 2.0.0 Ok: queued as " + std::to_string(sent().size()) + "\r\n");
      mail = SentMail{};
    } else if (verb == "RSET") {
      mail = SentMail{};
      io.send("250 2.0.0 Ok\r\n");
    } else if (verb == "NOOP") {
      io.send("250 2.0.0 Ok\r\n");
    } else if (verb == "QUIT") {
      io.send("221 2.0.0 Bye\r\n");
      return;
    } else {
      io.send("502 5.5.2 Error: command not recognized\r\n");
    }
  }
}

}  // namespace fakes
