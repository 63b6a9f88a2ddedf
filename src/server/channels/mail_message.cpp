// Reading and writing e-mail messages (see mail_message.hpp).
#include "server/channels/mail_message.hpp"

#include <iconv.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

#include "core/text.hpp"

namespace server::channels::mail {
namespace {

constexpr int kMaxDepth = 8;            // nested multiparts followed
constexpr std::size_t kLineWidth = 76;  // of base64 and quoted-printable lines (RFC 2045)

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string base64_decode(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t n = 0;
  const char* end = nullptr;
  // Lenient: whitespace skipped, and whatever decodes before a stray byte is kept.
  sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                    text.size(), " \t\r\n", &n, &end, sodium_base64_VARIANT_ORIGINAL);
  bytes.resize(n);
  return bytes;
}

std::string base64_encode(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

// Quoted-printable (RFC 2045 6.7); `q` is the encoded-word flavour, where _ is a space.
std::string qp_decode(const std::string& text, bool q = false) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // a soft line break
    } else if (c == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (q && c == '_') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A header's value and its parameters: `text/plain; charset="utf-8"`.
struct Field {
  std::string value;  // lower case
  std::map<std::string, std::string> params;
};

Field parse_field(const std::string& text) {
  Field f;
  std::size_t i = text.find(';');
  f.value = lower(trim(text.substr(0, i)));
  while (i != std::string::npos && i < text.size()) {
    ++i;
    const std::size_t eq = text.find('=', i);
    if (eq == std::string::npos) break;
    const std::string name = lower(trim(text.substr(i, eq - i)));
    std::size_t j = eq + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    std::string value;
    if (j < text.size() && text[j] == '"') {
      for (++j; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) ++j;
        value += text[j];
      }
      i = text.find(';', j);
    } else {
      i = text.find(';', j);
      value = trim(text.substr(j, i == std::string::npos ? std::string::npos : i - j));
    }
    f.params[name] = value;
  }
  return f;
}

// A parameter, RFC 2231's forms included: name*=charset''%XX, and a long one
// in pieces name*0*, name*1 ... (the first piece names the charset).
std::string param(const Field& f, const std::string& name) {
  std::string joined;
  bool extended = false;
  if (auto it = f.params.find(name + "*"); it != f.params.end()) {
    joined = it->second;
    extended = true;
  } else {
    for (int n = 0; n < 100; ++n) {
      const std::string key = name + "*" + std::to_string(n);
      if (auto e = f.params.find(key + "*"); e != f.params.end()) {
        joined += e->second;
        extended = extended || n == 0;
      } else if (auto plain = f.params.find(key); plain != f.params.end()) {
        joined += plain->second;
      } else {
        break;
      }
    }
  }
  if (joined.empty()) {
    auto it = f.params.find(name);
    return it == f.params.end() ? std::string() : decode_header(it->second);
  }
  if (!extended) return decode_header(joined);
  const std::size_t a = joined.find('\'');
  const std::size_t b = a == std::string::npos ? a : joined.find('\'', a + 1);
  const std::string charset = b == std::string::npos ? "utf-8" : joined.substr(0, a);
  const std::string encoded = b == std::string::npos ? joined : joined.substr(b + 1);
  std::string bytes;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size() && hex_value(encoded[i + 1]) >= 0 &&
        hex_value(encoded[i + 2]) >= 0) {
      bytes += static_cast<char>(hex_value(encoded[i + 1]) * 16 + hex_value(encoded[i + 2]));
      i += 2;
    } else {
      bytes += encoded[i];
    }
  }
  return to_utf8(bytes, charset);
}

using Headers = std::multimap<std::string, std::string>;  // lower-case names, unfolded values

// Splits an entity (LF lines) into its headers and body.
void split(const std::string& entity, Headers& headers, std::string& body) {
  std::size_t end = entity.find("\n\n");
  std::string head = entity.substr(0, end);
  body = end == std::string::npos ? std::string() : entity.substr(end + 2);
  if (!head.empty() && head[0] == '\n') head.erase(0, 1);  // an empty header block
  std::string name, value;
  const auto flush = [&] {
    if (!name.empty()) headers.emplace(lower(trim(name)), trim(value));
    name.clear();
    value.clear();
  };
  std::size_t at = 0;
  while (at <= head.size()) {
    std::size_t eol = head.find('\n', at);
    if (eol == std::string::npos) eol = head.size();
    const std::string line = head.substr(at, eol - at);
    at = eol + 1;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line;  // a folded line: its CRLF was only a fold
    } else if (const std::size_t colon = line.find(':'); colon != std::string::npos) {
      flush();
      name = line.substr(0, colon);
      value = line.substr(colon + 1);
    }
  }
  flush();
}

std::string header(const Headers& h, const std::string& name) {
  auto it = h.find(name);
  return it == h.end() ? std::string() : it->second;
}

std::string extension_of(const std::string& mime) {
  static const std::map<std::string, std::string> known = {
      {"image/jpeg", ".jpg"},      {"image/png", ".png"},    {"image/gif", ".gif"},
      {"application/pdf", ".pdf"}, {"text/plain", ".txt"},   {"text/html", ".html"},
      {"message/rfc822", ".eml"},  {"text/calendar", ".ics"}};
  auto it = known.find(mime);
  return it == known.end() ? ".bin" : it->second;
}

struct Walk {
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<File> files;
};

void walk(const std::string& entity, int depth, Walk& out) {
  Headers h;
  std::string body;
  split(entity, h, body);
  const Field type =
      parse_field(header(h, "content-type").empty() ? "text/plain" : header(h, "content-type"));
  if (type.value.rfind("multipart/", 0) == 0 && depth < kMaxDepth) {
    const std::string boundary = "--" + param(type, "boundary");
    if (boundary.size() == 2) return;
    std::size_t at = body.find(boundary);
    while (at != std::string::npos) {
      at += boundary.size();
      if (body.compare(at, 2, "--") == 0) break;  // the closing delimiter
      const std::size_t start = body.find('\n', at);
      if (start == std::string::npos) break;
      std::size_t next = body.find("\n" + boundary, start);
      const std::string part =
          body.substr(start + 1, next == std::string::npos ? std::string::npos : next - start - 1);
      walk(part, depth + 1, out);
      at = next == std::string::npos ? next : next + 1;
    }
    return;
  }
  const std::string encoding = lower(trim(header(h, "content-transfer-encoding")));
  std::string bytes = encoding == "base64"             ? base64_decode(body)
                      : encoding == "quoted-printable" ? qp_decode(body)
                                                       : body;
  const Field disposition = parse_field(header(h, "content-disposition"));
  std::string name = param(disposition, "filename");
  if (name.empty()) name = param(type, "name");
  const bool text = type.value == "text/plain" || type.value == "text/html";
  if (disposition.value != "attachment" && name.empty() && text) {
    std::string utf8 = to_utf8(bytes, param(type, "charset"));
    (type.value == "text/plain" ? out.plain : out.html).push_back(std::move(utf8));
    return;
  }
  if (name.empty())
    name = "part-" + std::to_string(out.files.size() + 1) + extension_of(type.value);
  out.files.push_back(
      {name, type.value.empty() ? "application/octet-stream" : type.value, std::move(bytes)});
}

// "Анна <anna@example.ru>", "anna@example.ru (Анна)", "anna@example.ru".
void split_address(const std::string& from, std::string& name, std::string& address) {
  const std::size_t open = from.rfind('<');
  const std::size_t close = open == std::string::npos ? open : from.find('>', open);
  if (close != std::string::npos) {
    address = trim(from.substr(open + 1, close - open - 1));
    name = trim(from.substr(0, open));
  } else if (const std::size_t paren = from.find('('); paren != std::string::npos) {
    address = trim(from.substr(0, paren));
    name = trim(from.substr(paren + 1, from.rfind(')') - paren - 1));
  } else {
    address = trim(from);
  }
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
      if (name[i] == '\\' && i + 2 < name.size()) ++i;
      unquoted += name[i];
    }
    name = unquoted;
  }
  name = decode_header(name);
  address = lower(address);
  if (address.find('@') == std::string::npos) address.clear();
}

// A header's text on one line: an encoded word may hide a line break or a
// control character, which must not reach a header we write back.
std::string one_line(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 32 || c == 127) c = ' ';
  }
  return trim(out);
}

// The text's lines without trailing spaces, runs of blank lines made one, ends trimmed.
std::string tidy(const std::string& text) {
  std::string out;
  int blank = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t eol = text.find('\n', at);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(at, eol - at);
    at = eol + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    if (line.empty()) {
      ++blank;
      continue;
    }
    if (!out.empty()) out += blank ? "\n\n" : "\n";
    blank = 0;
    out += line;
  }
  return out;
}

// Quoted-printable of UTF-8 text with CRLF line breaks.
std::string qp_encode(const std::string& text) {
  static const char* digits = "0123456789ABCDEF";
  std::string out, line;
  const auto flush_soft = [&] {
    out += line + "=\r\n";
    line.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      // A space before a line break would be lost in transit: encoded.
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        const char last = line.back();
        line.pop_back();
        line += std::string("=") + digits[last >> 4] + digits[last & 15];
      }
      out += line + "\r\n";
      line.clear();
      continue;
    }
    if (c == '\r') continue;
    std::string piece;
    if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      piece = static_cast<char>(c);
    } else {
      piece = std::string("=") + digits[c >> 4] + digits[c & 15];
    }
    // A line starting with "." or "From " is left to SMTP's dot-stuffing and safe as it is.
    if (line.size() + piece.size() > kLineWidth - 1) flush_soft();
    line += piece;
  }
  out += line;
  return out;
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 32 && c < 127; });
}

// A header value as RFC 2047 encoded words when it is not plain ASCII, in
// pieces of whole UTF-8 characters so that no word splits one.
std::string encode_header(const std::string& text) {
  if (ascii(text)) return text;
  std::string out, piece;
  const auto flush = [&] {
    if (piece.empty()) return;
    if (!out.empty()) out += "\r\n ";
    out += "=?utf-8?B?" + base64_encode(piece) + "?=";
    piece.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts && piece.size() >= 39) flush();  // 39 bytes: a 52-character word
    piece += text[i];
  }
  flush();
  return out;
}

std::string date_of(core::TimeMs ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string wrapped_base64(const std::string& bytes) {
  const std::string b = base64_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += kLineWidth) out += b.substr(i, kLineWidth) + "\r\n";
  return out;
}

// A file name as a quoted parameter, with RFC 2231's UTF-8 form beside it when needed.
std::string name_params(const char* key, const std::string& name) {
  std::string safe;
  for (char c : name) safe += (c == '"' || c == '\\' || c == '\r' || c == '\n') ? '_' : c;
  if (ascii(safe)) return std::string(key) + "=\"" + safe + "\"";
  static const char* digits = "0123456789ABCDEF";
  std::string pct;
  for (unsigned char c : safe) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      pct += static_cast<char>(c);
    } else {
      pct += std::string("%") + digits[c >> 4] + digits[c & 15];
    }
  }
  return std::string(key) + "*=utf-8''" + pct;
}

}  // namespace

std::string to_utf8(const std::string& bytes, const std::string& charset_name) {
  std::string charset = lower(trim(charset_name));
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" ||
      charset == "ascii") {
    charset = "utf-8";
  }
  if (charset == "utf-8" && core::is_valid_utf8(bytes)) return bytes;
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) cd = iconv_open("UTF-8", "UTF-8");  // unknown: as UTF-8
  std::string out;
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char buffer[4096];
  while (in_left > 0) {
    char* to = buffer;
    std::size_t to_left = sizeof buffer;
    const std::size_t rc = iconv(cd, &in, &in_left, &to, &to_left);
    out.append(buffer, sizeof buffer - to_left);
    if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) {
      if (in_left == 0) break;
      append_utf8(out, 0xFFFD);  // a byte that is no character of the charset
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  return out;
}

std::string decode_header(const std::string& value) {
  std::string out;
  std::size_t at = 0;
  bool after_word = false;
  while (at < value.size()) {
    const std::size_t start = value.find("=?", at);
    if (start == std::string::npos) {
      out += value.substr(at);
      break;
    }
    const std::size_t q1 = value.find('?', start + 2);
    const std::size_t q2 = q1 == std::string::npos ? q1 : value.find('?', q1 + 1);
    const std::size_t end = q2 == std::string::npos ? q2 : value.find("?=", q2 + 1);
    if (end == std::string::npos || q2 != q1 + 2) {
      out += value.substr(at);
      break;
    }
    // Only whitespace between two encoded words: it is dropped (RFC 2047 6.2).
    const std::string between = value.substr(at, start - at);
    if (!(after_word && trim(between).empty())) out += between;
    std::string charset = value.substr(start + 2, q1 - start - 2);
    charset = charset.substr(0, charset.find('*'));  // a language tag (RFC 2231)
    const char encoding = static_cast<char>(std::toupper(value[q1 + 1]));
    const std::string text = value.substr(q2 + 1, end - q2 - 1);
    const std::string bytes = encoding == 'B' ? base64_decode(text) : qp_decode(text, true);
    out += to_utf8(bytes, charset);
    after_word = true;
    at = end + 2;
  }
  return core::is_valid_utf8(out) ? out : to_utf8(out, "utf-8");
}

std::string html_to_text(const std::string& html) {
  static const std::map<std::string, unsigned long> entities = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
      {"apos", '\''},    {"nbsp", ' '},     {"laquo", 0xAB},    {"raquo", 0xBB},
      {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"copy", 0xA9},
      {"reg", 0xAE},     {"euro", 0x20AC},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
      {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E},  {"bull", 0x2022},
      {"times", 0xD7},   {"deg", 0xB0},     {"trade", 0x2122},  {"middot", 0xB7}};
  static const char* breaks[] = {"br", "p",  "div",   "tr", "li", "h1",         "h2", "h3", "h4",
                                 "h5", "h6", "table", "ul", "ol", "blockquote", "hr", "pre"};
  std::string out;
  std::size_t i = 0;
  bool space = false;  // HTML's whitespace is one space
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        const std::size_t end = html.find("-->", i);
        i = end == std::string::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i);
      if (end == std::string::npos) break;
      std::string tag = lower(html.substr(i + 1, end - i - 1));
      const bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.erase(0, 1);
      tag = tag.substr(0, tag.find_first_of(" \t\n/"));
      i = end + 1;
      if (!closing && (tag == "script" || tag == "style" || tag == "head" || tag == "title")) {
        const std::size_t close = lower(html.substr(i)).find("</" + tag);
        i = close == std::string::npos ? html.size() : html.find('>', i + close) + 1;
        if (i == 0) i = html.size();
        continue;
      }
      for (const char* b : breaks) {
        if (tag == b) {
          out += '\n';
          space = false;
          break;
        }
      }
      continue;
    }
    if (c == '&') {
      const std::size_t semi = html.find(';', i);
      if (semi != std::string::npos && semi - i <= 10) {
        const std::string name = html.substr(i + 1, semi - i - 1);
        unsigned long cp = 0;
        if (!name.empty() && name[0] == '#') {
          const bool hexa = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
          cp = std::strtoul(name.c_str() + (hexa ? 2 : 1), nullptr, hexa ? 16 : 10);
        } else if (auto it = entities.find(name); it != entities.end()) {
          cp = it->second;
        }
        if (cp) {
          if (space) out += ' ';
          space = false;
          append_utf8(out, cp);
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty() && out.back() != '\n';
      ++i;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    ++i;
  }
  return tidy(out);
}

Parsed parse(const std::string& raw) {
  std::string text;  // LF lines throughout
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    text += raw[i];
  }
  Parsed p;
  Headers h;
  std::string body;
  split(text, h, body);
  split_address(header(h, "from"), p.from_name, p.from_address);
  p.from_name = one_line(p.from_name);
  p.subject = one_line(decode_header(header(h, "subject")));
  p.message_id = trim(header(h, "message-id"));
  p.in_reply_to = trim(header(h, "in-reply-to"));
  p.references = trim(header(h, "references"));
  Walk w;
  walk(text, 0, w);
  if (!w.plain.empty()) {
    p.text = tidy(w.plain.front());
  } else if (!w.html.empty()) {
    p.text = html_to_text(w.html.front());
  }
  p.files = std::move(w.files);
  return p;
}

std::string compose(const Outgoing& m) {
  std::string head;
  head += "From: " + m.from + "\r\n";
  head += "To: " + m.to + "\r\n";
  head += "Subject: " + encode_header(m.subject) + "\r\n";
  head += "Date: " + date_of(m.date) + "\r\n";
  head += "Message-ID: " + m.message_id + "\r\n";
  if (!m.in_reply_to.empty()) head += "In-Reply-To: " + m.in_reply_to + "\r\n";
  if (!m.references.empty()) head += "References: " + m.references + "\r\n";
  head += "MIME-Version: 1.0\r\n";
  const std::string text_part_headers =
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
  if (m.files.empty()) return head + text_part_headers + "\r\n" + qp_encode(m.text) + "\r\n";
  unsigned char random[12];
  randombytes_buf(random, sizeof random);
  std::string boundary = "=_chats_";
  for (unsigned char b : random) boundary += "0123456789abcdef"[b & 15];
  std::string out = head + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n" +
                    "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n" + text_part_headers + "\r\n" + qp_encode(m.text) + "\r\n";
  for (const File& f : m.files) {
    out += "--" + boundary + "\r\n";
    out += "Content-Type: " + (f.mime.empty() ? "application/octet-stream" : f.mime) + "; " +
           name_params("name", f.name) + "\r\n";
    out += "Content-Disposition: attachment; " + name_params("filename", f.name) + "\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n" + wrapped_base64(f.bytes);
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace server::channels::mail
