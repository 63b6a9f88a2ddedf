// The team: operators created with a password or an invitation link, edited,
// deactivated (they keep their name on the history but cannot sign in, and
// their dialogs are left with nobody responsible) or deleted; and the public side of an
// invitation, where the invited operator sets a password and is signed in.
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr TimeMs kInvitationLifetimeMs = 7LL * 24 * 3600 * 1000;

core::Operator operator_from(Call& call, Id id, const core::Directory& dir) {
  core::Operator op;
  op.id = id;
  op.account_id = call.op.account_id;
  op.name = required_text(call.body(), "name", kMaxName);
  op.email = required_text(call.body(), "email", kMaxEmailBytes);
  check_email("email", op.email);
  const std::string role = optional_text(call.body(), "role", 10);
  if (role == "admin") {
    op.role = core::Role::Admin;
  } else if (role.empty() || role == "manager") {
    op.role = core::Role::Manager;
  } else {
    throw bad_request("role: expected admin or manager");
  }
  op.source_ids = id_list(call.body(), "source_ids", 1000);
  for (Id s : op.source_ids) {
    if (!dir.find_source(s)) throw bad_request("source_ids: no such source " + std::to_string(s));
  }
  if (auto it = call.body().find("supervisor"); it != call.body().end()) {
    if (!it->is_boolean()) throw bad_request("supervisor: expected true or false");
    op.supervisor = it->get<bool>();
  }
  return op;
}

bool optional_flag(const core::Json& body, const char* field, bool fallback) {
  auto it = body.find(field);
  if (it == body.end()) return fallback;
  if (!it->is_boolean()) throw bad_request(std::string(field) + ": expected true or false");
  return it->get<bool>();
}

// An operator of the caller's account that an admin may change: not the owner.
const core::Operator& editable_operator(Call& call, const core::Directory& dir) {
  const core::Operator* op = dir.find_operator(call.id(0));
  if (!op) throw not_found("not found: " + call.params[0]);
  if (op->role == core::Role::Owner) throw forbidden("the owner is not editable");
  return *op;
}

// Where the invited operator opens the app: the configured public address,
// else the host the admin reached this server by.
std::string app_address(const ApiContext& ctx, const Call& call) {
  if (!ctx.options().public_url.empty()) return ctx.options().public_url;
  return std::string(ctx.options().secure_cookies ? "https://" : "http://") +
         call.request.header("host");
}

// A new link for the operator (their earlier one stops working).
core::Json new_invitation(ApiContext& ctx, const Call& call, const core::Operator& op) {
  const std::string token = new_token();
  const TimeMs expires_at = call.now + kInvitationLifetimeMs;
  ctx.store().save_invitation({token_hash(token), op.id, op.account_id, expires_at});
  return {{"token", token},
          {"url", app_address(ctx, call) + "/#invite=" + token},
          {"expires_at", expires_at}};
}

// The operator an invitation token names, while it is valid; else a 404.
core::Operator invited_operator(ApiContext& ctx, const Call& call) {
  const std::string& token = call.params[0];
  const ApiError invalid(404, "not_found", "no such invitation, or it has expired",
                         "invitation_invalid");
  if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw invalid;
  }
  const std::optional<Invitation> found = ctx.store().invitation(token_hash(token));
  if (!found || found->expires_at <= call.now) throw invalid;
  const auto dir = ctx.directory(found->account_id);
  const core::Operator* op = dir->find_operator(found->operator_id);
  if (!op || !op->active) throw invalid;
  return *op;
}

}  // namespace

void add_operator_routes(Router& router, ApiContext& ctx) {
  // Created with a password, or with "invite": true for a link that lets them set it.
  router.add("POST", "/api/operators", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    core::Operator op = operator_from(call, core::kNoId, *dir_ref);
    const bool invite = optional_flag(call.body(), "invite", false);
    std::string hash;  // none: nobody can sign in as them until the link is used
    if (!invite) {
      const std::string password = required_text(call.body(), "password", 1024);
      check_new_password("password", password);
      hash = hash_password(password);
    }
    if (ctx.store().credentials_by_email(op.email)) throw conflict("email: already in use");
    op.id = ctx.store().save_operator(op, hash);
    core::Json body = core::encode(op);
    if (invite) body["invitation"] = new_invitation(ctx, call, op);
    directory_changed(ctx, call.op.account_id);
    return json_response(201, body);
  });
  router.add("PUT", "/api/operators/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Operator& current = editable_operator(call, *dir_ref);
    // The password alone may be left out: it keeps the current one; so may
    // "active", which keeps the operator's state.
    for (const char* field : {"name", "email", "role", "source_ids", "supervisor"}) {
      require_field(call.body(), field);
    }
    core::Operator op = operator_from(call, current.id, *dir_ref);
    op.avatar_url = current.avatar_url;
    op.active = optional_flag(call.body(), "active", current.active);
    if (!op.active && op.id == call.op.id) throw forbidden("you cannot deactivate yourself");
    if (op.email != current.email) {
      std::optional<Credentials> holder = ctx.store().credentials_by_email(op.email);
      if (holder && holder->op.id != op.id) throw conflict("email: already in use");
    }
    const std::string password = optional_text(call.body(), "password", 1024);
    std::string hash;  // "" keeps the stored one
    if (!password.empty()) {
      check_new_password("password", password);
      hash = hash_password(password);
    }
    ctx.store().save_operator(op, hash);
    if (current.active && !op.active) {
      ctx.store().release_operator(op.account_id, op.id);
      ctx.sessions().forget_all();  // their sessions ended
    }
    directory_changed(ctx, call.op.account_id);
    return json_response(200, core::encode(op));
  });
  router.add("DELETE", "/api/operators/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Operator& op = editable_operator(call, *dir_ref);
    if (op.id == call.op.id) throw forbidden("the owner and yourself cannot be deleted");
    ctx.store().delete_operator(call.op.account_id, op.id);
    ctx.sessions().forget_all();  // their sessions ended with them
    directory_changed(ctx, call.op.account_id);
    return json_response(200, {{"ok", true}});
  });
  // A fresh link for an operator who lost theirs or forgot their password.
  router.add("POST", "/api/operators/{}/invitation", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Operator& op = editable_operator(call, *dir_ref);
    if (!op.active) throw unprocessable("operator_inactive", "the operator is deactivated");
    return json_response(200, {{"invitation", new_invitation(ctx, call, op)}});
  });

  // The invitation as its link's page shows it, before a password is chosen.
  router.add("GET", "/api/invitations/{}", false, [&ctx](Call& call) {
    const core::Operator op = invited_operator(ctx, call);
    const std::optional<core::Account> account = ctx.store().account(op.account_id);
    return json_response(200, {{"name", op.name},
                               {"email", op.email},
                               {"business", account ? account->name : std::string()}});
  });
  router.allow_text_params("GET", "/api/invitations/{}");
  // Sets the password, ends the link and any earlier sessions, and signs in.
  router.add("POST", "/api/invitations/{}", false, [&ctx](Call& call) {
    const core::Operator op = invited_operator(ctx, call);
    const std::string password = required_text(call.body(), "password", kMaxPasswordBytes);
    check_new_password("password", password);
    ctx.store().save_operator(op, hash_password(password));
    ctx.store().delete_invitations(op.id);
    ctx.store().delete_other_sessions(op.id, "");
    ctx.sessions().forget_all();
    return logged_in(ctx, call, op, 200);
  });
  router.allow_text_params("POST", "/api/invitations/{}");
  router.run_unbatched("POST", "/api/invitations/{}");  // argon2, as for a login
}

}  // namespace server
