// The caller's own profile: name and e-mail, and the password. Changing the
// e-mail or the password asks for the current password, and wrong ones count
// as failed logins of that e-mail (login_limit.hpp), so a stolen session
// cannot be used to guess it.
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/json_args.hpp"
#include "server/api/uploads.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxName = 200;

// Checks the body's `current_password` against the caller's: a 429 when that
// e-mail has failed too often, a 403 when it is wrong.
void check_current_password(ApiContext& ctx, Call& call) {
  const std::string current = required_text(call.body(), "current_password", kMaxPasswordBytes);
  const std::string& email = call.op.email;
  if (const int wait = ctx.attempts().login_wait(email, call.request.remote, call.now)) {
    throw too_many_attempts(wait, "too many wrong passwords");
  }
  std::optional<Credentials> stored = ctx.store().credentials_by_email(email);
  if (!stored || stored->op.id != call.op.id || !verify_password(stored->password_hash, current)) {
    ctx.attempts().login_failed(email, call.request.remote, call.now);
    throw ApiError(403, "forbidden", "current_password: wrong password", "wrong_password");
  }
}

}  // namespace

void add_account_routes(Router& router, ApiContext& ctx) {
  router.add("PUT", "/api/me", true, [&ctx](Call& call) {
    const core::Json& body = call.body();
    if (!body.contains("name") && !body.contains("email") && !body.contains("avatar_url")) {
      throw bad_request("name, email or avatar_url: required, at least one");
    }
    core::Operator op = call.op;
    if (body.contains("name")) op.name = required_text(body, "name", kMaxName);
    if (body.contains("avatar_url")) {  // "" for initials, or a picture uploaded to the account
      op.avatar_url = optional_text(body, "avatar_url", kMaxName);
      const std::optional<StoredUpload> picture =
          op.avatar_url.empty()
              ? std::nullopt
              : read_upload(ctx.options().upload_dir, op.account_id, op.avatar_url);
      if (!op.avatar_url.empty() && (!picture || picture->mime.rfind("image/", 0) != 0)) {
        throw bad_request("avatar_url: not a picture uploaded to this account");
      }
    }
    if (body.contains("email")) {
      op.email = required_text(body, "email", kMaxEmailBytes);
      check_email("email", op.email);
    }
    if (op.email != call.op.email) {
      check_current_password(ctx, call);
      std::optional<Credentials> holder = ctx.store().credentials_by_email(op.email);
      if (holder && holder->op.id != op.id) throw conflict("email: already in use");
    }
    ctx.store().save_operator(op, {});  // "" keeps the password
    directory_changed(ctx, op.account_id);
    return json_response(200, {{"operator", core::encode(op)}});
  });
  router.run_unbatched("PUT", "/api/me");  // argon2 when the e-mail changes

  router.add("POST", "/api/me/password", true, [&ctx](Call& call) {
    const std::string fresh = required_text(call.body(), "new_password", kMaxPasswordBytes);
    check_new_password("new_password", fresh);
    check_current_password(ctx, call);
    ctx.store().save_operator(call.op, hash_password(fresh));
    // Whoever else holds a session of this operator is logged out; this one stays.
    const int ended = ctx.store().delete_other_sessions(
        call.op.id, token_hash(request_token(call.request, false)));
    ctx.sessions().forget_all();
    return json_response(200, {{"ok", true}, {"sessions_ended", ended}});
  });
  router.run_unbatched("POST", "/api/me/password");  // argon2 twice
}

}  // namespace server
