// The public routes channels and website visitors call, with no operator's
// session: a channel's webhook (/api/hooks/{source}), verified by the
// channel's own secret or signature before anything is kept, and the website
// chat (/api/webchat/{source}/...), where a visitor's session is a token the
// server gave it.
#include <sodium.h>

#include "core/delivery.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/conversation.hpp"
#include "server/api/ingest.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kVisitorTokenHex = 64;
constexpr std::size_t kMaxVisitorName = 100;

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

// The visitor a token names: a hash of it, so the token itself is stored nowhere.
std::string visitor_of(const std::string& token) {
  unsigned char hash[10];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return "v" + hex(hash, sizeof hash);
}

std::string visitor_from(const HttpRequest& request) {
  const std::string header = request.header("authorization");
  const std::string prefix = "Bearer ";
  const std::string token = header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
  if (token.size() != kVisitorTokenHex ||
      token.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw unauthorized("a visitor's token is required (POST /api/webchat/{source}/visitors)");
  }
  return visitor_of(token);
}

// The enabled website chat source of the path, else a 404.
SourceConnection webchat_source(ApiContext& ctx, Id source_id) {
  std::optional<SourceConnection> c = ctx.store().channels().connection(source_id);
  if (!c || !c->enabled || c->channel != core::ChannelKind::WebChat) {
    throw not_found("no such website chat");
  }
  return *c;
}

// The visitor's dialog on the source, 0 when the visitor has not written yet.
Id visitor_dialog(ApiContext& ctx, const SourceConnection& c, const std::string& visitor) {
  std::optional<core::Client> client =
      ctx.store().find_client(c.account_id, core::ChannelKind::WebChat, visitor);
  if (!client) return 0;
  std::optional<core::Dialog> d =
      ctx.store().dialog_by_client(c.account_id, c.source_id, client->id);
  return d ? d->id : 0;
}

// Outgoing messages of the dialog up to `up_to` move to `state`.
void receipt(ApiContext& ctx, const SourceConnection& c, Id dialog_id, Id up_to,
             core::DeliveryState state) {
  if (up_to <= 0) return;
  for (core::Message& m :
       ctx.store().channels().conversation_after(c.account_id, dialog_id, 0, 500)) {
    if (m.id > up_to) break;
    if (m.direction == core::Direction::Out) change_delivery(ctx, c.account_id, m, state);
  }
}

}  // namespace

void add_hook_routes(Router& router, ApiContext& ctx) {
  // A channel's webhook: verified, its updates kept, then read by the
  // channels' inbound worker. The channel hears 200 only after the commit.
  auto hook = [&ctx](Call& call) {
    std::optional<SourceConnection> c = ctx.store().channels().connection(call.id(0));
    if (!c || !c->enabled) throw not_found("no such source");
    if (!ctx.channels()) throw ApiError(503, "unavailable", "the channels are not running");
    const HookVerdict verdict = ctx.channels()->hook(*c, call.request);
    for (const std::string& update : verdict.updates) {
      ctx.store().channels().add_inbound({0, c->source_id, update, call.now});
    }
    if (!verdict.updates.empty()) ctx.channels()->wake();
    HttpResponse r;
    r.status = verdict.status;
    r.content_type = verdict.content_type;
    r.body = verdict.body;
    return r;
  };
  router.add("POST", "/api/hooks/{}", false, hook);
  router.add("GET", "/api/hooks/{}", false, hook);  // a channel's handshake (WhatsApp's challenge)

  router.add("GET", "/api/webchat/{}/config", false, [&ctx](Call& call) {
    const SourceConnection c = webchat_source(ctx, call.id(0));
    const auto dir = ctx.directory(c.account_id);
    const core::Source* s = dir->find_source(c.source_id);
    const core::Json settings = core::Json::parse(c.settings, nullptr, false);
    return json_response(
        200, {{"name", s ? s->name : ""},
              {"greeting",
               settings.is_object() ? settings.value("greeting", std::string()) : std::string()}});
  });

  // A new visitor's session: the token stays in the visitor's browser.
  router.add("POST", "/api/webchat/{}/visitors", false, [&ctx](Call& call) {
    webchat_source(ctx, call.id(0));
    unsigned char bytes[kVisitorTokenHex / 2];
    randombytes_buf(bytes, sizeof bytes);
    const std::string token = hex(bytes, sizeof bytes);
    return json_response(201, {{"token", token}, {"visitor", visitor_of(token)}});
  });

  // A visitor's message; `id` is the page's own id for it, so a retry after
  // a lost answer is taken once.
  router.add("POST", "/api/webchat/{}/messages", false, [&ctx](Call& call) {
    const SourceConnection c = webchat_source(ctx, call.id(0));
    const std::string visitor = visitor_from(call.request);
    const std::string client_id = required_text(call.body(), "id", 64);
    const std::string name = optional_text(call.body(), "name", kMaxVisitorName);
    core::Json in = {{"source_id", c.source_id},
                     {"external_id", "web-in:" + visitor + ":" + client_id},
                     {"client", {{"identity", visitor}, {"name", name.empty() ? "" : name}}},
                     {"text", required_text(call.body(), "text", kMaxMessageText)}};
    if (name.empty()) in["client"]["name"] = "Посетитель сайта";
    const auto dir = ctx.directory(c.account_id);
    bool writing = false;
    const Ingested done = ingest_one(ctx, c.account_id, call.now, *dir,
                                     ctx.store().block_list(c.account_id), in, writing);
    ctx.store().channels().note_inbound(c.source_id, call.now);
    const Id dialog =
        done.kind == Ingested::Kind::Added ? done.row.dialog.id : done.message.dialog_id;
    if (dialog) ctx.webchat().opened(visitor, dialog);
    // A blocked visitor is not told so.
    return json_response(done.kind == Ingested::Kind::Added ? 201 : 200,
                         {{"id", done.message.id}, {"created_at", done.message.created_at}});
  });

  // The visitor's conversation after `after`, waiting up to `wait` seconds for it.
  router.add_waiter("/api/webchat/{}/messages", [&ctx](Call& call, Respond respond) {
    const SourceConnection c = webchat_source(ctx, call.id(0));
    const std::string visitor = visitor_from(call.request);
    const Id after = int_param(call.request.query, "after", 0, 0, INT32_MAX);
    const int wait = int_param(call.request.query, "wait", 0, 0, kWebchatMaxWaitSeconds);
    const Id dialog = visitor_dialog(ctx, c, visitor);
    ctx.webchat().wait(c.account_id, dialog, visitor, after, wait ? call.now + wait * 1000 : 0,
                       std::move(respond));
  });

  // What the visitor's page has received and shown.
  router.add("POST", "/api/webchat/{}/receipts", false, [&ctx](Call& call) {
    const SourceConnection c = webchat_source(ctx, call.id(0));
    const Id dialog = visitor_dialog(ctx, c, visitor_from(call.request));
    if (!dialog) throw not_found("the visitor has no conversation yet");
    const Id delivered = optional_id(call.body(), "delivered");
    const Id read = optional_id(call.body(), "read");
    if (!delivered && !read) throw bad_request("delivered or read: required, a message id");
    receipt(ctx, c, dialog, std::max(delivered, read), core::DeliveryState::Delivered);
    receipt(ctx, c, dialog, read, core::DeliveryState::Read);
    return json_response(200, {{"ok", true}});
  });
}

}  // namespace server
