// Passwords (argon2id via libsodium), session tokens and who is calling: a
// request is authenticated by the session cookie (the app) or a bearer token
// (the widget and integrations).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/account_rules.hpp"
#include "core/entities.hpp"
#include "server/storage/store.hpp"
#include "server/transport/http_types.hpp"

namespace server {

constexpr const char* kSessionCookie = "chats_session";
constexpr TimeMs kSessionLifetimeMs = 30LL * 24 * 3600 * 1000;
using core::kMaxEmailBytes;
using core::kMaxPasswordBytes;

// core/account_rules as a 400 naming the field: "email: expected an address like
// name@example.ru", "password: at least 8 characters".
void check_email(const char* field, const std::string& email);
void check_new_password(const char* field, const std::string& password);

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

std::string new_token();                           // 256 random bits, hex
std::string token_hash(const std::string& token);  // what the store keeps

// The token a request carries: bearer header, cookie, or (for WebSocket
// upgrades, where browsers cannot set headers) the `token` query parameter.
std::string request_token(const HttpRequest& request, bool allow_query);

using DirectoryLookup = std::function<std::shared_ptr<const core::Directory>(Id account_id)>;
using SessionLookup = std::function<std::optional<Session>(const std::string& token_hash)>;

// The operator behind a token, or nullopt when missing, unknown or expired.
// The session comes from `session` (a cache) and the operator from `directory`
// (a cache) or, without them, from the store.
std::optional<core::Operator> authenticate(Store& store, const std::string& token, TimeMs now,
                                           const DirectoryLookup& directory = {},
                                           const SessionLookup& session = {});

}  // namespace server
