// Login, logout, who am I, and the account's reference data.
#include "core/channels.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

core::Json operator_json(const core::Operator& op) {
  core::Json j = core::encode(op);
  return j;
}

std::string session_cookie(const std::string& token, TimeMs max_age_ms, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_ms / 1000) +
         (secure ? "; Secure" : "");
}

}  // namespace

void add_auth_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/login", false, [&ctx](Call& call) {
    const std::string email = required_text(call.body(), "email", 320);
    const std::string password = required_text(call.body(), "password", 1024);
    std::optional<Credentials> found = ctx.store().credentials_by_email(email);
    // The same answer for an unknown e-mail and a wrong password.
    if (!found || !verify_password(found->password_hash, password)) {
      throw unauthorized("wrong e-mail or password");
    }
    const std::string token = new_token();
    ctx.store().save_session(
        {token_hash(token), found->op.id, found->op.account_id, call.now + kSessionLifetimeMs});
    HttpResponse r = json_response(200, {{"token", token}, {"operator", operator_json(found->op)}});
    r.headers["set-cookie"] =
        session_cookie(token, kSessionLifetimeMs, ctx.options().secure_cookies);
    return r;
  });

  router.run_unbatched("POST", "/api/login");  // argon2 takes tens of ms: not on the writer

  router.add("POST", "/api/logout", true, [&ctx](Call& call) {
    ctx.store().delete_session(token_hash(request_token(call.request, false)));
    ctx.sessions().forget_all();
    HttpResponse r = json_response(200, {{"ok", true}});
    r.headers["set-cookie"] = session_cookie("", 0, ctx.options().secure_cookies);
    return r;
  });

  router.add("GET", "/api/me", true, [&ctx](Call& call) {
    std::optional<core::Account> account = ctx.store().account(call.op.account_id);
    return json_response(200, {{"operator", operator_json(call.op)},
                               {"account", account ? core::encode(*account) : core::Json()},
                               {"help_url", ctx.options().help_url}});
  });

  router.add("GET", "/api/directory", true, [&ctx](Call& call) {
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    core::Json j = {{"operators", core::Json::array()}, {"sources", core::Json::array()},
                    {"statuses", core::Json::array()},  {"tags", core::Json::array()},
                    {"templates", core::Json::array()}, {"channels", core::Json::array()}};
    for (const auto& x : dir.operators) j["operators"].push_back(operator_json(x));
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
