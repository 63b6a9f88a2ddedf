// Admin CRUD of the account's reference data: funnel statuses, tags, quick
// reply templates, operators and the block list. Every change is published
// as directory_changed so open clients refresh their lists.
#include <initializer_list>

#include "core/dialog_change.hpp"
#include "core/visibility.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxTemplate = 4000;
constexpr int kMaxMovedDialogs = 1000000;  // per mode: a status's dialogs moved on its deletion

std::uint32_t color_field(const core::Json& body, std::uint32_t fallback) {
  const std::string text = optional_text(body, "color", 7);
  if (text.empty()) return fallback;
  if (text.size() != 7 || text[0] != '#' ||
      text.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos) {
    throw bad_request("color: expected #rrggbb");
  }
  return static_cast<std::uint32_t>(std::stoul(text.substr(1), nullptr, 16));
}

// A PUT replaces the item whole. The readers default what a POST may leave
// out (grey, active, manager); on a PUT that default would silently reset
// the item, so every field of its body must be there.
void require_replacement(const core::Json& body, std::initializer_list<const char*> fields) {
  for (const char* field : fields) require_field(body, field);
}

// The id from the path must name an item of the caller's account.
template <class Found>
Id existing(Call& call, Found found) {
  const Id id = call.id(0);
  if (!found(id)) throw not_found("not found: " + std::to_string(id));
  return id;
}

HttpResponse deleted(ApiContext& ctx, Call& call, bool ok) {
  if (!ok) throw not_found("not found: " + call.params[0]);
  directory_changed(ctx, call.op.account_id);
  return json_response(200, {{"ok", true}});
}

core::FunnelStatus status_from(Call& call, Id id) {
  core::FunnelStatus s;
  s.id = id;
  s.account_id = call.op.account_id;
  s.name = required_text(call.body(), "name", kMaxName);
  s.color = color_field(call.body(), 0x808080);
  if (auto it = call.body().find("order"); it != call.body().end()) {
    if (!it->is_number_integer()) throw bad_request("order: expected an integer");
    s.order = it->get<int>();
  }
  const std::string group = optional_text(call.body(), "group", 20);
  if (group.empty() || group == "active") {
    s.group = core::StatusGroup::Active;
  } else if (group == "success") {
    s.group = core::StatusGroup::Success;
  } else if (group == "failure") {
    s.group = core::StatusGroup::Failure;
  } else if (group == "not_a_lead") {
    s.group = core::StatusGroup::NotALead;
  } else {
    throw bad_request("group: expected active, success, failure or not_a_lead");
  }
  return s;
}

// The dialogs of the account with the status, in every mode.
std::vector<Id> status_dialog_ids(ApiContext& ctx, const core::Operator& op, Id status_id) {
  std::vector<Id> ids;
  for (core::DialogMode mode :
       {core::DialogMode::New, core::DialogMode::Accepted, core::DialogMode::Archived}) {
    core::ViewQuery q;
    q.mode = mode;
    q.filter.statuses = {status_id};
    std::vector<Id> some = ctx.store().matching_dialog_ids(op, q, kMaxMovedDialogs);
    ids.insert(ids.end(), some.begin(), some.end());
  }
  return ids;
}

int dialogs_with_status(ApiContext& ctx, const core::Operator& op, Id status_id) {
  ListRequest r;
  r.query.filter.statuses = {status_id};
  r.limit = 1;
  const ListResult list = ctx.store().list_dialogs(op, r);
  int total = 0;
  for (const ModeCount& c : list.counts) total += c.total;
  return total;
}

// A route runs as one transaction (Api::mutate), so these moves and the deletion
// after them commit together or not at all.
void move_status_dialogs(ApiContext& ctx, const core::Operator& op, const core::Directory& dir,
                         Id from, Id to) {
  for (Id id : status_dialog_ids(ctx, op, from)) {
    std::optional<core::DialogRow> row = ctx.store().dialog(op.account_id, id);
    if (!row) continue;
    core::Id next_id = 0;
    if (!core::apply(core::DialogChange::status(to), row->dialog, dir, next_id).ok) continue;
    ctx.store().save_dialog(row->dialog);
    core::Event changed;
    changed.kind = core::EventKind::DialogChanged;
    changed.row = std::move(*row);
    ctx.publish(op.account_id, std::move(changed));
  }
}

}  // namespace

void add_settings_routes(Router& router, ApiContext& ctx) {
  // Funnel statuses.
  router.add("POST", "/api/statuses", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    core::FunnelStatus s = status_from(call, core::kNoId);
    s.id = ctx.store().save_status(s);
    directory_changed(ctx, call.op.account_id);
    return json_response(201, core::encode(s));
  });
  router.add("PUT", "/api/statuses/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const Id id = existing(call, [&dir](Id x) { return dir.find_status(x); });
    require_replacement(call.body(), {"name", "color", "order", "group"});
    core::FunnelStatus s = status_from(call, id);
    ctx.store().save_status(s);
    directory_changed(ctx, call.op.account_id);
    return json_response(200, core::encode(s));
  });
  // How many dialogs each status has: a used one asks where they go when deleted.
  router.add("GET", "/api/statuses/usage", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    core::Json usage = core::Json::object();
    for (const core::FunnelStatus& s : dir_ref->statuses) {
      const int count = dialogs_with_status(ctx, call.op, s.id);
      if (count > 0) usage[std::to_string(s.id)] = count;
    }
    return json_response(200, {{"usage", usage}});
  });
  // ?move_to=<status id> moves the status's dialogs there first, under the
  // core's rule (a closing status archives them), each change published.
  router.add("DELETE", "/api/statuses/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const Id id = existing(call, [&dir](Id x) { return dir.find_status(x); });
    const auto param = call.request.query.find("move_to");
    const std::string target = param == call.request.query.end() ? "" : param->second;
    if (!target.empty()) {
      if (target.find_first_not_of("0123456789") != std::string::npos || target.size() > 18) {
        throw bad_request("move_to: expected a status id");
      }
      const Id to = std::stoll(target);
      if (to == id) throw bad_request("move_to: the status being deleted");
      if (!dir.find_status(to)) throw bad_request("move_to: no such status " + target);
      move_status_dialogs(ctx, call.op, dir, id, to);
    }
    return deleted(ctx, call, ctx.store().delete_status(call.op.account_id, id));
  });

  // Tags.
  auto tag_from = [](Call& call, Id id) {
    return core::Tag{id, call.op.account_id, required_text(call.body(), "name", kMaxName),
                     color_field(call.body(), 0x808080)};
  };
  router.add("POST", "/api/tags", true, [&ctx, tag_from](Call& call) {
    ctx.require_admin(call.op);
    core::Tag t = tag_from(call, core::kNoId);
    t.id = ctx.store().save_tag(t);
    directory_changed(ctx, call.op.account_id);
    return json_response(201, core::encode(t));
  });
  router.add("PUT", "/api/tags/{}", true, [&ctx, tag_from](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const Id id = existing(call, [&dir](Id x) { return dir.find_tag(x); });
    require_replacement(call.body(), {"name", "color"});
    core::Tag t = tag_from(call, id);
    ctx.store().save_tag(t);
    directory_changed(ctx, call.op.account_id);
    return json_response(200, core::encode(t));
  });
  router.add("DELETE", "/api/tags/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    return deleted(ctx, call, ctx.store().delete_tag(call.op.account_id, call.id(0)));
  });

  // Quick-reply templates: everyone reads them through /api/directory.
  auto template_from = [](Call& call, Id id) {
    return core::Template{id, call.op.account_id, required_text(call.body(), "title", kMaxName),
                          required_text(call.body(), "text", kMaxTemplate)};
  };
  router.add("POST", "/api/templates", true, [&ctx, template_from](Call& call) {
    ctx.require_admin(call.op);
    core::Template t = template_from(call, core::kNoId);
    t.id = ctx.store().save_template(t);
    directory_changed(ctx, call.op.account_id);
    return json_response(201, core::encode(t));
  });
  router.add("PUT", "/api/templates/{}", true, [&ctx, template_from](Call& call) {
    ctx.require_admin(call.op);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const Id id = existing(call, [&dir](Id x) {
      for (const core::Template& t : dir.templates) {
        if (t.id == x) return true;
      }
      return false;
    });
    core::Template t = template_from(call, id);
    ctx.store().save_template(t);
    directory_changed(ctx, call.op.account_id);
    return json_response(200, core::encode(t));
  });
  router.add("DELETE", "/api/templates/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    return deleted(ctx, call, ctx.store().delete_template(call.op.account_id, call.id(0)));
  });

  // The block list: clients, posts and stop words whose messages are dropped.
  router.add("GET", "/api/block-list", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    core::Json list = core::Json::array();
    for (const BlockEntry& e : ctx.store().block_list(call.op.account_id)) {
      const char* kind = e.kind == BlockKind::Client ? "client"
                         : e.kind == BlockKind::Post ? "post"
                                                     : "stop_word";
      list.push_back({{"id", e.id}, {"kind", kind}, {"value", e.value}});
    }
    return json_response(200, {{"entries", list}});
  });
  router.add("POST", "/api/block-list", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    BlockEntry e;
    e.account_id = call.op.account_id;
    const std::string kind = required_text(call.body(), "kind", 20);
    e.value = required_text(call.body(), "value", kMaxName);
    if (kind == "client") {
      e.kind = BlockKind::Client;
      if (e.value.find_first_not_of("0123456789") != std::string::npos ||
          !ctx.store().client(call.op.account_id, std::stoll(e.value))) {
        throw bad_request("value: no such client id");
      }
    } else if (kind == "post") {
      e.kind = BlockKind::Post;
    } else if (kind == "stop_word") {
      e.kind = BlockKind::StopWord;
    } else {
      throw bad_request("kind: expected client, post or stop_word");
    }
    e.id = ctx.store().add_block(e);
    return json_response(201, {{"id", e.id}, {"kind", kind}, {"value", e.value}});
  });
  router.add("DELETE", "/api/block-list/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    if (!ctx.store().delete_block(call.op.account_id, call.id(0))) throw not_found("no such entry");
    return json_response(200, {{"ok", true}});
  });
}

}  // namespace server
