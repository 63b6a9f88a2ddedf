// E-mail as text, both ways, for the e-mail connector: reading an RFC 5322
// message (headers with RFC 2047 encoded words, MIME multiparts, base64 and
// quoted-printable, charsets through iconv, HTML made plain text,
// attachments) and writing a reply (a text/plain part in quoted-printable,
// files as multipart/mixed). No I/O: unit-testable on strings.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"

namespace server::channels::mail {

struct File {
  std::string name;
  std::string mime;
  std::string bytes;  // decoded
};

struct Parsed {
  std::string from_name;     // decoded, UTF-8; may be empty
  std::string from_address;  // lower case; empty when From: names none
  std::string subject;       // decoded, UTF-8
  std::string message_id;    // "<...>" as given; empty when missing
  std::string in_reply_to;
  std::string references;
  std::string text;  // the text/plain part, or the HTML one made plain
  std::vector<File> files;
};

Parsed parse(const std::string& raw);

// Header text with its encoded words (=?utf-8?B?...?=, =?koi8-r?Q?...?=) decoded to UTF-8.
std::string decode_header(const std::string& value);
// Bytes in a charset as UTF-8; invalid sequences become U+FFFD.
std::string to_utf8(const std::string& bytes, const std::string& charset);
// HTML as plain text: tags dropped, entities decoded, block ends kept as line breaks.
std::string html_to_text(const std::string& html);

struct Outgoing {
  std::string from;  // addresses
  std::string to;
  std::string subject;  // UTF-8
  std::string message_id;
  std::string in_reply_to;  // "" for none
  std::string references;
  core::TimeMs date = 0;
  std::string text;
  std::vector<File> files;
};

// The RFC 5322 message, CRLF lines, ready for SMTP's DATA.
std::string compose(const Outgoing& mail);

}  // namespace server::channels::mail
