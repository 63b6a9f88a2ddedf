// E-mail: IMAP polled in, SMTP out (see email.hpp).
#include "server/channels/email.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "server/channels/mail_client.hpp"
#include "server/channels/mail_message.hpp"

namespace server::channels {
namespace {

constexpr long kDefaultPollMs = 30000;
constexpr long kMinPollMs = 200;
constexpr long kMaxPollMs = 600000;
constexpr std::size_t kFetchPerPoll = 20;    // messages fetched in one poll
constexpr std::size_t kMaxMail = 32u << 20;  // bytes of one message fetched
constexpr std::size_t kMaxText = 10000;      // bytes kept of a mail's text (the ingest limit)
constexpr std::size_t kMaxFiles = 10;        // attachments kept of one mail (the ingest limit)
constexpr std::size_t kMaxExternalId = 200;
constexpr const char* kSubjectLine = "Subject: ";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool starts_with(const std::string& s, const char* prefix) {
  return lower(s).rfind(prefix, 0) == 0;
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

// At most `limit` bytes of UTF-8 text, cut between characters (the ingest counts bytes).
std::string clip(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// The server's words for a failed call, else libcurl's.
std::string words(const MailResult& r) {
  if (!r.server_line.empty() && !r.ok) return r.server_line;
  return r.error.empty() ? r.server_line : r.error;
}

struct Account {
  std::string imap_url;  // with its mailbox: imaps://host/INBOX
  std::string smtp_url;
  std::string address;
  MailLogin login;
  long poll_ms = kDefaultPollMs;
  std::uint64_t start_uid = 1;
  std::string default_subject;
};

Account account_of(const SourceConnection& c) {
  const core::Json settings = parse_object(c.settings);
  Account a;
  a.imap_url = settings.value("imap_url", std::string());
  a.smtp_url = settings.value("smtp_url", std::string());
  a.address = lower(settings.value("address", std::string()));
  a.login.username = settings.value("username", std::string());
  if (a.login.username.empty()) a.login.username = a.address;
  a.login.password = parse_object(c.credentials).value("password", std::string());
  if (settings.contains("poll_interval_ms") && settings["poll_interval_ms"].is_number_integer()) {
    a.poll_ms = std::clamp<long>(settings["poll_interval_ms"].get<long>(), kMinPollMs, kMaxPollMs);
  }
  if (settings.contains("start_uid") && settings["start_uid"].is_number_unsigned()) {
    a.start_uid = std::max<std::uint64_t>(1, settings["start_uid"].get<std::uint64_t>());
  }
  a.default_subject = settings.value("default_subject", std::string());
  return a;
}

// The UIDs of an IMAP SEARCH answer ("* SEARCH 4 7 9").
std::vector<std::uint64_t> uids_in(const std::string& answer) {
  std::vector<std::uint64_t> out;
  std::istringstream lines(answer);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string star, verb;
    words >> star >> verb;
    if (star != "*" || lower(verb) != "search") continue;
    std::string n;
    while (words >> n) {
      if (n.find_first_not_of("0123456789") == std::string::npos && n.size() < 20) {
        out.push_back(std::stoull(n));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string domain_of(const std::string& address) {
  const std::size_t at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

class Email final : public Connector {
 public:
  explicit Email(ConnectorEnv& env) : env_(env), mail_(env.cancel) {}

  void connect(SourceConnection& c, core::Source& source) override {
    core::Json settings = parse_object(c.settings);
    if (parse_object(c.credentials).value("password", std::string()).empty()) {
      throw ChannelError("password: required (the mailbox's password or app password)");
    }
    std::string imap = settings.value("imap_url", std::string());
    if (!starts_with(imap, "imap://") && !starts_with(imap, "imaps://")) {
      throw ChannelError("settings.imap_url: required, e.g. imaps://imap.example.ru:993/INBOX");
    }
    // No mailbox in the address: the inbox.
    if (imap.find('/', imap.find("://") + 3) == std::string::npos) imap += "/INBOX";
    while (imap.back() == '/') imap.pop_back();
    settings["imap_url"] = imap;
    const std::string smtp = settings.value("smtp_url", std::string());
    if (!starts_with(smtp, "smtp://") && !starts_with(smtp, "smtps://")) {
      throw ChannelError("settings.smtp_url: required, e.g. smtps://smtp.example.ru:465");
    }
    const std::string address = settings.value("address", std::string());
    if (address.find('@') == std::string::npos ||
        address.find_first_of(" <>\r\n") != std::string::npos) {
      throw ChannelError("settings.address: required, the mailbox's own e-mail address");
    }
    if (settings.contains("poll_interval_ms") &&
        !settings["poll_interval_ms"].is_number_integer()) {
      throw ChannelError("settings.poll_interval_ms: expected a number of milliseconds");
    }
    c.settings = settings.dump();
    const Account a = account_of(c);

    // Logging in to both, so that a wrong password shows now, in the server's words.
    const MailResult top = mail_.imap(a.imap_url, a.login, "UID SEARCH UID *");
    if (!top.ok) throw ChannelError("IMAP refused: " + words(top));
    const MailResult sender = mail_.smtp_check(a.smtp_url, a.login);
    if (!sender.ok) throw ChannelError("SMTP refused: " + words(sender));

    // Mail already in the box stays there: reading starts after the newest.
    const std::vector<std::uint64_t> uids = uids_in(top.body);
    settings["start_uid"] = uids.empty() ? 1 : uids.back() + 1;
    if (settings.value("default_subject", std::string()).empty()) {
      settings["default_subject"] = source.name;
    }
    source.address = lower(address);
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection&, const HttpRequest&) override {
    HookAnswer answer;
    answer.status = 404;
    answer.body = "an e-mail source is read over IMAP, it takes no webhook";
    return answer;
  }

  bool polls(const SourceConnection&) const override { return true; }

  PollResult poll(const SourceConnection& c) override {
    const Account a = account_of(c);
    std::uint64_t last = a.start_uid - 1;
    if (!c.cursor.empty()) {
      try {
        last = std::stoull(c.cursor);
      } catch (const std::exception&) {
      }
    }
    PollResult out;
    out.cursor = c.cursor;
    const MailResult found =
        mail_.imap(a.imap_url, a.login, "UID SEARCH UID " + std::to_string(last + 1) + ":*");
    if (!found.ok) throw ChannelError("IMAP: " + words(found));
    std::vector<std::uint64_t> uids;
    // "n:*" names the newest message even when it is older than n (RFC 3501).
    for (std::uint64_t uid : uids_in(found.body)) {
      if (uid > last && uids.size() < kFetchPerPoll) uids.push_back(uid);
    }
    for (std::uint64_t uid : uids) {
      const MailResult m =
          mail_.imap(a.imap_url + "/;UID=" + std::to_string(uid), a.login, "", kMaxMail);
      if (!m.ok && m.error.find("not found") == std::string::npos) {
        if (out.updates.empty()) throw ChannelError("IMAP: " + words(m));
        return out;  // what was fetched is kept; the rest next time
      }
      if (m.ok && !m.body.empty()) out.updates.push_back(m.body);
      out.cursor = std::to_string(uid);  // a message gone meanwhile is passed over
    }
    if (uids.empty()) wait(a.poll_ms);
    return out;
  }

  ReadUpdate read(const SourceConnection& c, const std::string& payload) override {
    ReadUpdate out;
    const Account a = account_of(c);
    mail::Parsed p = mail::parse(payload);
    // Our own messages (a copy in the inbox) and mail without a sender are not dialogs.
    if (p.from_address.empty() || p.from_address == a.address) return out;
    std::string id = p.message_id;
    if (id.empty() || id.size() > kMaxExternalId) {
      unsigned char hash[16];
      crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(payload.data()),
                         payload.size(), nullptr, 0);
      id = "<" + hex(hash, sizeof hash) + "@no-message-id>";
    }
    std::string text = p.subject.empty() ? "" : kSubjectLine + p.subject;
    if (!p.text.empty()) text += (text.empty() ? "" : "\n\n") + p.text;
    core::Json files = core::Json::array();
    for (const mail::File& f : p.files) {
      if (files.size() == kMaxFiles) {
        text += "\n\n[" + std::to_string(p.files.size() - kMaxFiles) + " more files not kept]";
        break;
      }
      files.push_back(core::encode(env_.files.keep(c.account_id, f.name, f.mime, f.bytes)));
    }
    if (text.empty() && files.empty()) text = "(empty message)";
    core::Json in = {{"external_id", id},
                     {"client", {{"identity", p.from_address}}},
                     {"text", clip(text, kMaxText)}};
    if (!p.from_name.empty()) in["client"]["name"] = clip(p.from_name, 100);
    if (!files.empty()) in["attachments"] = files;
    out.messages.push_back(std::move(in));
    return out;
  }

  SendResult send(const OutboundMessage& m) override {
    const Account a = account_of(m.connection);
    if (m.address.find('@') == std::string::npos ||
        m.address.find_first_of(" \t\r\n<>,;") != std::string::npos) {
      return SendResult::failed("the client has no e-mail address");
    }
    mail::Outgoing out;
    out.from = a.address;
    out.to = m.address;
    out.date = m.message.created_at;
    out.text = m.message.text;
    std::string subject = a.default_subject;
    if (m.last_inbound) {
      const std::string& t = m.last_inbound->text;
      if (t.rfind(kSubjectLine, 0) == 0) {
        subject = t.substr(std::string(kSubjectLine).size(),
                           t.find('\n') - std::string(kSubjectLine).size());
      }
      const std::string& id = m.last_inbound->external_id;
      if (!id.empty() && id.front() == '<' && id.back() == '>' &&
          id.find('\n') == std::string::npos) {
        out.in_reply_to = id;
        out.references = id;
      }
    }
    out.subject = starts_with(subject, "re:") || subject.empty() ? subject : "Re: " + subject;
    if (out.subject.empty()) out.subject = "Re:";
    out.message_id = message_id(m, a);
    for (const core::Attachment& f : m.message.attachments) {
      std::optional<std::string> bytes = env_.files.bytes(m.connection.account_id, f);
      if (!bytes) return SendResult::failed("the file " + f.name + " is gone");
      out.files.push_back({f.name, f.mime, std::move(*bytes)});
    }
    const MailResult r =
        mail_.smtp_send(a.smtp_url, a.login, a.address, {m.address}, mail::compose(out));
    if (r.ok) return SendResult::sent(out.message_id);
    // 5xx is a refusal for good (550 no such user, 552 too big, 535 the login);
    // 4xx (a greylisting, a full queue) and no answer may pass later.
    if (r.code >= 500 && r.code < 600) return SendResult::failed(words(r));
    return SendResult::retry(words(r).empty() ? "the SMTP server could not be reached" : words(r));
  }

 private:
  // The same for every attempt at one message, so that a repeat after a crash
  // is one message to the recipient's mail client.
  static std::string message_id(const OutboundMessage& m, const Account& a) {
    const std::string seed = std::to_string(m.connection.source_id) + ":" +
                             std::to_string(m.message.id) + ":" +
                             std::to_string(m.message.created_at) + ":" + a.address;
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(seed.data()),
                       seed.size(), nullptr, 0);
    return "<chats." + std::to_string(m.message.id) + "." + hex(hash, sizeof hash) + "@" +
           domain_of(a.address) + ">";
  }

  // Sleeps between polls of an empty mailbox, ending at once when the server stops.
  void wait(long ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
      if (env_.cancel && env_.cancel->load()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(ms, 50)));
    }
  }

  ConnectorEnv& env_;
  MailClient mail_;
};

}  // namespace

std::unique_ptr<Connector> make_email_connector(ConnectorEnv& env) {
  return std::make_unique<Email>(env);
}

}  // namespace server::channels
