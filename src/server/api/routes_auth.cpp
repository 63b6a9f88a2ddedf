// Login, sign-up, logout, who am I, and the account's reference data.
#include "core/channels.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/json_args.hpp"
#include "server/storage/accounts.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxName = 200;

std::string session_cookie(const std::string& token, TimeMs max_age_ms, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_ms / 1000) +
         (secure ? "; Secure" : "");
}

}  // namespace

HttpResponse logged_in(ApiContext& ctx, const Call& call, const core::Operator& op, int status,
                       const core::Json& extra) {
  const std::string token = new_token();
  ctx.store().save_session(
      {token_hash(token), op.id, op.account_id, call.now + kSessionLifetimeMs});
  core::Json body = {{"token", token}, {"operator", core::encode(op)}};
  for (const auto& [key, value] : extra.items()) body[key] = value;
  HttpResponse r = json_response(status, body);
  r.headers["set-cookie"] = session_cookie(token, kSessionLifetimeMs, ctx.options().secure_cookies);
  return r;
}

void add_auth_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/login", false, [&ctx](Call& call) {
    const std::string email = required_text(call.body(), "email", kMaxEmailBytes);
    const std::string password = required_text(call.body(), "password", kMaxPasswordBytes);
    const std::string& address = call.request.remote;
    // Refused before the password is looked at, so a guess past the limit
    // learns nothing, not even from a right password.
    if (const int wait = ctx.attempts().login_wait(email, address, call.now)) {
      throw too_many_attempts(wait, "too many failed logins");
    }
    std::optional<Credentials> found = ctx.store().credentials_by_email(email);
    // The same answer for an unknown e-mail and a wrong password.
    if (!found || !verify_password(found->password_hash, password)) {
      ctx.attempts().login_failed(email, address, call.now);
      throw unauthorized("wrong e-mail or password");
    }
    ctx.attempts().login_succeeded(email);
    // Only after the right password: a guess learns nothing of the state.
    if (!found->op.active) {
      throw ApiError(403, "forbidden", "this operator is deactivated", "operator_inactive");
    }
    return logged_in(ctx, call, found->op, 200);
  });
  router.run_unbatched("POST", "/api/login");  // argon2 takes tens of ms: not on the writer

  // Sign-up: a new business's account with its owner, logged in at once.
  router.add("GET", "/api/signup", false, [&ctx](Call&) {
    return json_response(200, {{"enabled", ctx.options().signup_enabled}});
  });
  router.add("POST", "/api/signup", false, [&ctx](Call& call) {
    if (!ctx.options().signup_enabled) throw forbidden("sign-up is turned off on this server");
    if (const int wait = ctx.attempts().signup_attempt(call.request.remote, call.now)) {
      throw too_many_attempts(wait, "too many sign-ups from this address");
    }
    const std::string business = required_text(call.body(), "business", kMaxName);
    core::Operator owner;
    owner.name = required_text(call.body(), "name", kMaxName);
    owner.email = required_text(call.body(), "email", kMaxEmailBytes);
    const std::string password = required_text(call.body(), "password", kMaxPasswordBytes);
    check_email("email", owner.email);
    check_new_password("password", password);
    if (ctx.store().credentials_by_email(owner.email)) throw conflict("email: already in use");
    const OpenedAccount opened =
        open_account(ctx.store(), business, owner, hash_password(password));
    return logged_in(ctx, call, opened.owner, 201, {{"account", core::encode(opened.account)}});
  });
  router.run_unbatched("POST", "/api/signup");  // argon2, as for a login

  router.add("POST", "/api/logout", true, [&ctx](Call& call) {
    ctx.store().delete_session(token_hash(request_token(call.request, false)));
    ctx.sessions().forget_all();
    HttpResponse r = json_response(200, {{"ok", true}});
    r.headers["set-cookie"] = session_cookie("", 0, ctx.options().secure_cookies);
    return r;
  });

  router.add("GET", "/api/me", true, [&ctx](Call& call) {
    std::optional<core::Account> account = ctx.store().account(call.op.account_id);
    return json_response(200, {{"operator", core::encode(call.op)},
                               {"account", account ? core::encode(*account) : core::Json()},
                               {"help_url", ctx.options().help_url}});
  });

  router.add("GET", "/api/directory", true, [&ctx](Call& call) {
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    core::Json j = {{"operators", core::Json::array()}, {"sources", core::Json::array()},
                    {"statuses", core::Json::array()},  {"tags", core::Json::array()},
                    {"templates", core::Json::array()}, {"channels", core::Json::array()}};
    for (const auto& x : dir.operators) j["operators"].push_back(core::encode(x));
    for (const auto& x : dir.sources) j["sources"].push_back(core::encode(x));
    for (const auto& x : dir.statuses) j["statuses"].push_back(core::encode(x));
    for (const auto& x : dir.tags) j["tags"].push_back(core::encode(x));
    for (const auto& x : dir.templates) j["templates"].push_back(core::encode(x));
    for (int k = 0; k < core::kChannelKindCount; ++k) {
      const core::ChannelInfo& info = core::channel_info(static_cast<core::ChannelKind>(k));
      j["channels"].push_back({{"key", info.key},
                               {"name_en", info.name_en},
                               {"name_ru", info.name_ru},
                               {"allows_write_first", info.allows_write_first},
                               {"has_posts", info.has_posts},
                               {"has_service_window", info.has_service_window}});
    }
    return json_response(200, j);
  });
}

}  // namespace server
