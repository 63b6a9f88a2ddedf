// argon2id with libsodium's interactive limits: slow enough for a stolen
// database, fast enough for a login. Tokens are stored only as hashes.
#include "server/api/auth.hpp"

#include "server/api/api_error.hpp"

#include <sodium.h>

#include <stdexcept>

namespace server {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const std::size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

}  // namespace

void check_email(const char* field, const std::string& email) {
  if (!core::plausible_email(email)) {
    throw bad_request(std::string(field) + ": expected an address like name@example.ru");
  }
}

void check_new_password(const char* field, const std::string& password) {
  switch (core::password_problem(password)) {
    case core::AccountProblem::None:
      return;
    case core::AccountProblem::LongPassword:
      throw bad_request(std::string(field) + ": longer than " +
                        std::to_string(core::kMaxPasswordBytes) + " bytes");
    default:
      throw bad_request(std::string(field) + ": at least " +
                        std::to_string(core::kMinPasswordChars) + " characters");
  }
}

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return to_hex(bytes, sizeof bytes);
}

std::string token_hash(const std::string& token) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(digest, sizeof digest);
}

std::string request_token(const HttpRequest& request, bool allow_query) {
  const std::string auth = request.header("authorization");
  if (auth.compare(0, 7, "Bearer ") == 0) return auth.substr(7);
  std::string cookie = cookie_value(request.header("cookie"), kSessionCookie);
  if (!cookie.empty()) return cookie;
  if (allow_query) {
    auto it = request.query.find("token");
    if (it != request.query.end()) return it->second;
  }
  return {};
}

std::optional<core::Operator> authenticate(Store& store, const std::string& token, TimeMs now,
                                           const DirectoryLookup& directory,
                                           const SessionLookup& session_lookup) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = token_hash(token);
  const std::optional<Session> session =
      session_lookup ? session_lookup(hash) : store.session(hash);
  if (!session || session->expires_at <= now) return std::nullopt;
  const std::shared_ptr<const core::Directory> dir =
      directory ? directory(session->account_id)
                : std::make_shared<const core::Directory>(store.directory(session->account_id));
  const core::Operator* op = dir->find_operator(session->operator_id);
  if (!op || !op->active) return std::nullopt;
  return *op;
}

}  // namespace server
