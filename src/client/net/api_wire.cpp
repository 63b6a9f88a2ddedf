// URL building and JSON parsing for the HTTP backend (see api_wire.hpp).
#include "net/api_wire.hpp"

#include <algorithm>

#include "core/channels.hpp"
#include "core/codec.hpp"
#include "core/text.hpp"

namespace net {
namespace {

constexpr int kMaxReconnectMs = 15000;

template <class T, class F>
std::string join(const std::vector<T>& values, F to_text) {
  std::string out;
  for (const T& v : values) {
    if (!out.empty()) out += ',';
    out += to_text(v);
  }
  return out;
}

std::string id_text(core::Id id) {
  return std::to_string(id);
}

class Params {
 public:
  void add(const char* name, std::string_view value) {
    out_ += out_.empty() ? '?' : '&';
    out_ += name;
    out_ += '=';
    out_ += core::percent_encode(value);
  }
  void add_if(const char* name, const std::string& value) {
    if (!value.empty()) add(name, value);
  }
  void add_time(const char* name, core::TimeMs t) {
    if (t != 0) add(name, std::to_string(t));
  }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

template <class T>
std::vector<T> decode_array(const core::Json& body, const char* field) {
  std::vector<T> out;
  auto it = body.find(field);
  if (it == body.end()) return out;
  if (!it->is_array()) throw core::DecodeError(field, "expected an array");
  for (const core::Json& item : *it) out.push_back(core::decode<T>(item));
  return out;
}

int int_field(const core::Json& j, const char* field, const std::string& path) {
  auto it = j.find(field);
  if (it == j.end() || !it->is_number_integer()) {
    throw core::DecodeError(path + field, "expected an integer");
  }
  return it->get<int>();
}

}  // namespace

std::string dialogs_url(const core::ViewQuery& q, int limit) {
  Params p;
  p.add("mode", core::to_string(q.mode));
  p.add("sort", core::to_string(q.sort.key));
  p.add("order", q.sort.descending ? "desc" : "asc");
  const core::Filter& f = q.filter;
  p.add_if("channels", join(f.channels, [](core::ChannelKind k) {
             return std::string(core::channel_info(k).key);
           }));
  p.add_if("sources", join(f.sources, id_text));
  p.add_if("statuses", join(f.statuses, id_text));
  p.add_if("responsibles", join(f.responsibles, id_text));
  p.add_if("tags", join(f.tags, id_text));
  p.add_time("created_from", f.created.from);
  p.add_time("created_to", f.created.to);
  p.add_time("last_from", f.last_message.from);
  p.add_time("last_to", f.last_message.to);
  p.add_if("types",
           join(f.types, [](core::ReadType t) { return std::string(core::to_string(t)); }));
  p.add_if("search", f.search);
  p.add("limit", std::to_string(limit));
  return "api/dialogs" + p.str();
}

std::string events_path(std::int64_t after_seq) {
  return after_seq >= 0 ? "api/events?after=" + std::to_string(after_seq) : "api/events";
}

app::ListPage parse_list_page(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("list", "expected an object");
  app::ListPage page;
  page.rows = decode_array<core::DialogRow>(j, "rows");
  page.total = int_field(j, "total", "");
  auto counts = j.find("counts");
  if (counts != j.end() && counts->is_object()) {
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      const std::string name(core::to_string(static_cast<core::DialogMode>(m)));
      auto c = counts->find(name);
      if (c == counts->end()) continue;
      page.counts[m].total = int_field(*c, "total", "counts." + name + ".");
      page.counts[m].unread = int_field(*c, "unread", "counts." + name + ".");
    }
  }
  if (auto cursor = j.find("next_cursor"); cursor != j.end() && !cursor->is_null()) {
    if (!cursor->is_string()) throw core::DecodeError("next_cursor", "expected a string");
    page.next_cursor = cursor->get<std::string>();
  }
  if (auto seq = j.find("seq"); seq != j.end()) {
    if (!seq->is_number_integer()) throw core::DecodeError("seq", "expected an integer");
    page.seq = seq->get<std::int64_t>();
  }
  return page;
}

core::Directory parse_directory(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("directory", "expected an object");
  core::Directory d;
  d.operators = decode_array<core::Operator>(j, "operators");
  d.sources = decode_array<core::Source>(j, "sources");
  d.statuses = decode_array<core::FunnelStatus>(j, "statuses");
  d.tags = decode_array<core::Tag>(j, "tags");
  d.templates = decode_array<core::Template>(j, "templates");
  return d;
}

std::vector<core::Message> parse_messages(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("messages", "expected an object");
  return decode_array<core::Message>(j, "messages");
}

MessagesAnswer parse_message_page(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("messages", "expected an object");
  MessagesAnswer a;
  a.messages = decode_array<core::Message>(j, "messages");
  if (auto next = j.find("next_before"); next != j.end() && next->is_number_integer()) {
    a.next_before = next->get<core::Id>();
  }
  return a;
}

DialogAnswer parse_dialog_answer(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("answer", "expected an object");
  DialogAnswer a;
  auto row = j.find("row");
  if (row != j.end()) {
    a.row = core::decode<core::DialogRow>(*row);
    if (auto m = j.find("message"); m != j.end()) a.message = core::decode<core::Message>(*m);
  } else {
    a.row = core::decode<core::DialogRow>(j);
  }
  return a;
}

std::string messages_url(core::Id dialog, int limit) {
  return "api/dialogs/" + std::to_string(dialog) + "/messages?limit=" + std::to_string(limit);
}

std::string messages_url(core::Id dialog, core::Id before, int limit) {
  if (before == core::kNoId) return messages_url(dialog, limit);
  return "api/dialogs/" + std::to_string(dialog) + "/messages?before=" + std::to_string(before) +
         "&limit=" + std::to_string(limit);
}

std::string dialog_url(core::Id dialog, const char* action) {
  return "api/dialogs/" + std::to_string(dialog) + "/" + action;
}

ApiRequest change_request(core::Id dialog, const core::DialogChange& c) {
  using core::ChangeKind;
  const std::string base = "api/dialogs/" + std::to_string(dialog);
  const std::string task = base + "/tasks/" + std::to_string(c.id);
  auto id_or_null = [](core::Id id) { return id == core::kNoId ? core::Json() : core::Json(id); };
  switch (c.kind) {
    case ChangeKind::Accept:
      return {"POST", base + "/accept", "{}"};
    case ChangeKind::Archive:
      return {"POST", base + "/archive", "{}"};
    case ChangeKind::SetStatus:
      return {"PUT", base + "/status", core::Json{{"status_id", c.id}}.dump()};
    case ChangeKind::SetResponsible:
      return {"PUT", base + "/responsible", core::Json{{"operator_id", id_or_null(c.id)}}.dump()};
    case ChangeKind::AddTag:
      return {"POST", base + "/tags", core::Json{{"tag_ids", {c.id}}}.dump()};
    case ChangeKind::RemoveTag:
      return {"DELETE", base + "/tags/" + std::to_string(c.id), ""};
    case ChangeKind::SetPrice:
      return {"PUT", base + "/price", core::Json{{"price", c.price}}.dump()};
    case ChangeKind::SetFields: {
      core::Json fields = core::Json::array();
      for (const core::CustomField& f : c.fields) {
        fields.push_back({{"name", f.name}, {"value", f.value}});
      }
      return {"PUT", base + "/fields", core::Json{{"fields", fields}}.dump()};
    }
    case ChangeKind::AddTask: {
      core::Json body = {{"text", c.task.text}, {"assignee_id", id_or_null(c.task.assignee_id)}};
      body["due"] = c.task.due > 0 ? core::Json(c.task.due) : core::Json();
      return {"POST", base + "/tasks", body.dump()};
    }
    case ChangeKind::SetTaskDone:
      return {"PATCH", task, core::Json{{"done", c.done}}.dump()};
    case ChangeKind::EditTask: {
      core::Json body = {{"text", c.task.text}, {"assignee_id", id_or_null(c.task.assignee_id)}};
      body["due"] = c.task.due > 0 ? core::Json(c.task.due) : core::Json();
      return {"PATCH", task, body.dump()};
    }
    case ChangeKind::DeleteTask:
      return {"DELETE", task, ""};
    case ChangeKind::MarkRead:
      return {"POST", base + "/read", "{}"};
    case ChangeKind::MarkUnread:
      return {"POST", base + "/unread", "{}"};
  }
  return {"POST", base, "{}"};
}

ApiRequest send_request(core::Id dialog, const Outgoing& m) {
  const std::string base = "api/dialogs/" + std::to_string(dialog);
  if (m.note) return {"POST", base + "/notes", core::Json{{"text", m.text}}.dump()};
  core::Json body = {{"text", m.text}};
  if (!m.attachments.empty()) {
    core::Json list = core::Json::array();
    for (const core::Attachment& a : m.attachments) list.push_back(core::encode(a));
    body["attachments"] = list;
  }
  if (m.reply_to == core::ReplyTarget::Comment) body["reply_to"] = "comment";
  return {"POST", base + "/messages", body.dump()};
}

std::string error_message(std::string_view body) {
  try {
    const core::Json j = core::parse_json(body);
    const core::Json& m = j.at("error").at("message");
    return m.is_string() ? m.get<std::string>() : std::string();
  } catch (const std::exception&) {
    return std::string();
  }
}

Failure failure_of(int status, std::string_view body) {
  if (status == 0) return {"offline", ""};
  if (status == 401) return {"session_expired", ""};
  try {
    const core::Json j = core::parse_json(body);
    const core::Json& e = j.at("error");
    auto text = [&e](const char* field) {
      auto it = e.find(field);
      return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string code = text("reason");
    if (code.empty()) code = text("code");
    if (!code.empty()) return {code, text("message")};
  } catch (const std::exception&) {
    // not an error body: a proxy's page, say
  }
  return {"server_error", "HTTP " + std::to_string(status)};
}

std::string window_url(const core::ViewQuery& query, int limit, const std::string& cursor) {
  return dialogs_url(query, limit) + "&cursor=" + core::percent_encode(cursor);
}

std::string bulk_body(const core::BulkRequest& request) {
  return core::encode(request).dump();
}

std::vector<core::BulkResult> parse_bulk_results(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("bulk", "expected an object");
  return decode_array<core::BulkResult>(j, "results");
}

std::string write_first_body(core::Id source, const std::string& to, const std::string& text) {
  return core::Json{{"source_id", source}, {"to", to}, {"text", text}}.dump();
}

core::Id me_operator_id(std::string_view body) {
  try {
    const core::Json j = core::parse_json(body);
    const core::Json& id = j.at("operator").at("id");
    return id.is_number_integer() ? id.get<core::Id>() : core::kNoId;
  } catch (const std::exception&) {
    return core::kNoId;
  }
}

std::string me_help_url(std::string_view body) {
  try {
    const core::Json j = core::parse_json(body);
    const auto it = j.find("help_url");
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  } catch (const std::exception&) {
    return std::string();
  }
}

bool worth_retrying(int status) {
  return status == 0 || status == 408 || status == 429 || status == 502 || status == 503 ||
         status == 504;
}

std::string presence_report(const core::Presence& p) {
  return core::Json{
      {"type", "presence"}, {"dialog_id", p.dialog_id}, {"state", core::to_string(p.state)}}
      .dump();
}

int reconnect_delay_ms(int attempt) {
  if (attempt < 0) attempt = 0;
  if (attempt >= 4) return kMaxReconnectMs;
  return std::min(kMaxReconnectMs, 1000 << attempt);
}

}  // namespace net

namespace net {

app::SourceStatus parse_source(const core::Json& j) {
  if (!j.is_object()) throw core::DecodeError("source", "expected an object");
  app::SourceStatus s;
  s.id = j.at("id").get<core::Id>();
  const std::optional<core::ChannelKind> channel =
      core::channel_from_key(j.value("channel", std::string()));
  if (!channel) throw core::DecodeError("source.channel", "unknown channel");
  s.channel = *channel;
  s.name = j.value("name", std::string());
  s.address = j.value("address", std::string());
  s.connected = j.value("connected", false);
  s.enabled = j.value("enabled", false);
  if (auto settings = j.find("settings"); settings != j.end() && settings->is_object()) {
    s.mode = settings->value("mode", std::string());
  }
  if (auto h = j.find("health"); h != j.end() && h->is_object()) {
    s.last_inbound_at = h->value("last_inbound_at", core::TimeMs{0});
    s.last_error = h->value("last_error", std::string());
    s.last_error_at = h->value("last_error_at", core::TimeMs{0});
  }
  return s;
}

SourcesAnswer parse_sources(std::string_view body) {
  const core::Json j = core::parse_json(body);
  if (!j.is_object()) throw core::DecodeError("answer", "expected an object");
  SourcesAnswer a;
  for (const core::Json& s : j.value("sources", core::Json::array())) {
    a.sources.push_back(parse_source(s));
  }
  for (const core::Json& key : j.value("connectable", core::Json::array())) {
    if (!key.is_string()) continue;
    if (auto kind = core::channel_from_key(key.get<std::string>())) a.connectable.push_back(*kind);
  }
  return a;
}

std::string connect_body(const app::ConnectForm& form) {
  core::Json credentials = core::Json::object();
  core::Json settings = core::Json::object();
  for (const app::ConnectField& f : app::connect_fields(form.channel)) {
    auto it = form.values.find(f.key);
    if (it == form.values.end() || it->second.empty()) continue;
    (f.secret ? credentials : settings)[f.key] = it->second;
  }
  if (!form.base_url.empty()) settings["base_url"] = form.base_url;
  return core::Json{{"channel", core::channel_info(form.channel).key},
                    {"name", form.name},
                    {"credentials", credentials},
                    {"settings", settings}}
      .dump(-1, ' ', false, core::Json::error_handler_t::replace);
}

}  // namespace net
