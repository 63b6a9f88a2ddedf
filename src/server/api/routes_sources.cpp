// Sources (connected accounts of channels) for the owner and admins: list
// with health, connect with credentials checked by the channel's own call,
// change, enable or disable, delete. Credentials are taken, kept and used on
// the server, and never answered: a source shows which keys it has.
#include "core/channels.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxSecrets = 8 * 1024;  // bytes of a credentials or settings object

core::Json object_field(const core::Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return core::Json::object();
  if (!it->is_object()) throw bad_request(std::string(field) + ": expected an object");
  if (it->dump().size() > kMaxSecrets) throw bad_request(std::string(field) + ": too long");
  for (const auto& [key, value] : it->items()) {
    if (!value.is_string() && !value.is_number() && !value.is_boolean()) {
      throw bad_request(std::string(field) + "." + key + ": expected a string, number or boolean");
    }
  }
  return *it;
}

// What anyone allowed to see a source's connection may see: no secret.
core::Json source_json(const core::Source& s, const std::optional<SourceConnection>& c) {
  core::Json j = {{"id", s.id},
                  {"channel", core::channel_info(s.channel).key},
                  {"name", s.name},
                  {"address", s.address},
                  {"connected", c.has_value()}};
  if (!c) return j;
  core::Json keys = core::Json::array();
  const core::Json credentials = core::Json::parse(c->credentials, nullptr, false);
  if (credentials.is_object()) {
    for (const auto& item : credentials.items()) keys.push_back(item.key());
  }
  j["enabled"] = c->enabled;
  j["credential_keys"] = keys;  // which are set, never their values
  const core::Json settings = core::Json::parse(c->settings, nullptr, false);
  j["settings"] = settings.is_object() ? settings : core::Json::object();
  j["health"] = {{"last_inbound_at", c->last_inbound_at},
                 {"last_error", c->last_error},
                 {"last_error_at", c->last_error_at}};
  return j;
}

ChannelGateway& gateway(ApiContext& ctx) {
  if (!ctx.channels()) throw ApiError(503, "unavailable", "the channels are not running");
  return *ctx.channels();
}

// The checked source and connection, between prepare and the write.
void stash(Call& call, const core::Source& s, const SourceConnection& c) {
  call.prepared = {{"id", s.id},
                   {"channel", static_cast<int>(s.channel)},
                   {"name", s.name},
                   {"address", s.address},
                   {"enabled", c.enabled},
                   {"credentials", c.credentials},
                   {"settings", c.settings}};
}

void unstash(const Call& call, core::Source& s, SourceConnection& c) {
  const core::Json& p = call.prepared;
  s.id = p.at("id").get<Id>();
  s.account_id = call.op.account_id;
  s.channel = static_cast<core::ChannelKind>(p.at("channel").get<int>());
  s.name = p.at("name").get<std::string>();
  s.address = p.at("address").get<std::string>();
  c.source_id = s.id;
  c.account_id = s.account_id;
  c.channel = s.channel;
  c.enabled = p.at("enabled").get<bool>();
  c.credentials = p.at("credentials").get<std::string>();
  c.settings = p.at("settings").get<std::string>();
}

std::optional<core::Source> find_source(ApiContext& ctx, Id account, Id id) {
  const auto dir = ctx.directory(account);
  const core::Source* s = dir->find_source(id);
  return s ? std::optional<core::Source>(*s) : std::nullopt;
}

// The write after a prepare step checked the source with its channel.
HttpResponse save_checked(ApiContext& ctx, Call& call, int status) {
  core::Source s;
  SourceConnection c;
  unstash(call, s, c);
  ctx.store().save_source(s);
  ctx.store().channels().save_connection(c);
  directory_changed(ctx, call.op.account_id);
  if (ctx.channels()) ctx.channels()->wake();
  return json_response(status, source_json(s, ctx.store().channels().connection(s.id)));
}

}  // namespace

void add_source_routes(Router& router, ApiContext& ctx) {
  router.add("GET", "/api/sources", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir = ctx.directory(call.op.account_id);
    core::Json list = core::Json::array();
    for (const core::Source& s : dir->sources) {
      list.push_back(source_json(s, ctx.store().channels().connection(s.id)));
    }
    core::Json channels = core::Json::array();
    for (int i = 0; i < core::kChannelKindCount; ++i) {
      const auto kind = static_cast<core::ChannelKind>(i);
      if (ctx.channels() && ctx.channels()->supports(kind)) {
        channels.push_back(core::channel_info(kind).key);
      }
    }
    return json_response(200, {{"sources", list}, {"connectable", channels}});
  });

  router.add("GET", "/api/sources/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    std::optional<core::Source> s = find_source(ctx, call.op.account_id, call.id(0));
    if (!s) throw not_found("no such source");
    return json_response(200, source_json(*s, ctx.store().channels().connection(s->id)));
  });

  // Connecting checks the credentials with the channel first, on a channels'
  // thread (prepare); the write happens only when the channel took them.
  router.add("POST", "/api/sources", true,
             [&ctx](Call& call) { return save_checked(ctx, call, 201); });
  router.prepare_with("POST", "/api/sources", [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const std::string key = required_text(call.body(), "channel", 40);
    const std::optional<core::ChannelKind> channel = core::channel_from_key(key);
    if (!channel) throw bad_request("channel: unknown channel " + key.substr(0, 40));
    if (!gateway(ctx).supports(*channel)) {
      throw unprocessable(
          "channel_not_connectable",
          std::string(core::channel_info(*channel).name_en) + " cannot be connected yet");
    }
    core::Source s;
    s.account_id = call.op.account_id;
    s.channel = *channel;
    s.name = required_text(call.body(), "name", kMaxName);
    s.id = ctx.store().next_id();
    SourceConnection c;
    c.source_id = s.id;
    c.account_id = s.account_id;
    c.channel = s.channel;
    c.credentials = object_field(call.body(), "credentials").dump();
    c.settings = object_field(call.body(), "settings").dump();
    gateway(ctx).connect(c, s);
    stash(call, s, c);
  });

  router.add("PATCH", "/api/sources/{}", true,
             [&ctx](Call& call) { return save_checked(ctx, call, 200); });
  // New credentials or settings are checked with the channel again; a name
  // or the enabled flag alone is not.
  router.prepare_with("PATCH", "/api/sources/{}", [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const core::Json& given = call.body();
    if (!given.contains("name") && !given.contains("enabled") && !given.contains("credentials") &&
        !given.contains("settings")) {
      throw bad_request("name, enabled, credentials or settings: required, at least one");
    }
    std::optional<core::Source> s = find_source(ctx, call.op.account_id, call.id(0));
    std::optional<SourceConnection> c = ctx.store().channels().connection(call.id(0));
    if (!s || !c) throw not_found("no such connected source");
    const core::Json& body = call.body();
    if (body.contains("name")) s->name = required_text(body, "name", kMaxName);
    if (auto it = body.find("enabled"); it != body.end()) {
      if (!it->is_boolean()) throw bad_request("enabled: expected true or false");
      c->enabled = it->get<bool>();
    }
    const bool recheck = body.contains("credentials") || body.contains("settings");
    if (recheck) {
      core::Json credentials = core::Json::parse(c->credentials, nullptr, false);
      core::Json settings = core::Json::parse(c->settings, nullptr, false);
      // The keys given replace the stored ones; the others stay.
      // Held in names: items() of a temporary would outlive it in the loop.
      const core::Json new_credentials = object_field(body, "credentials");
      const core::Json new_settings = object_field(body, "settings");
      for (const auto& [k, v] : new_credentials.items()) credentials[k] = v;
      for (const auto& [k, v] : new_settings.items()) settings[k] = v;
      c->credentials = credentials.dump();
      c->settings = settings.dump();
      gateway(ctx).connect(*c, *s);
    }
    stash(call, *s, *c);
  });

  router.add("DELETE", "/api/sources/{}", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    if (!ctx.store().channels().delete_source(call.op.account_id, call.id(0))) {
      throw not_found("no such source");
    }
    directory_changed(ctx, call.op.account_id);
    if (ctx.channels()) ctx.channels()->wake();
    return json_response(200, {{"ok", true}});
  });
}

}  // namespace server
