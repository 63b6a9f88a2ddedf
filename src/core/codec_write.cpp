// Encoding straight to text: the bytes encode(x).dump() gives, written into a
// string without building a Json tree first (every ingested message logs an
// event and answers its row, so the tree's allocations were a large part of a
// write). Keys are written in the order nlohmann's sorted objects dump them;
// tests/core/codec_write_tests.cpp pins the equality for every field.
#include <charconv>

#include "core/channels.hpp"
#include "core/codec.hpp"
#include "core/json_text.hpp"

namespace core {
namespace {

void put_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// `"key":` after a separator: `first` opens the object's first member.
void put_key(std::string& out, std::string_view key, bool first = false) {
  if (!first) out += ',';
  out += '"';
  out += key;
  out += "\":";
}

void put_field(std::string& out, std::string_view key, std::int64_t value, bool first = false) {
  put_key(out, key, first);
  put_int(out, value);
}

void put_field(std::string& out, std::string_view key, bool value) {
  put_key(out, key);
  out += value ? "true" : "false";
}

void put_field(std::string& out, std::string_view key, std::string_view value, bool first = false) {
  put_key(out, key, first);
  write_json_string(out, value);
}

template <class T, class Write>
void put_list(std::string& out, const std::vector<T>& items, Write write) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    write(items[i]);
  }
  out += ']';
}

void put_client(std::string& out, const Client& c) {
  put_field(out, "account_id", c.account_id, true);
  put_field(out, "avatar_url", c.avatar_url);
  put_field(out, "display_name", c.display_name);
  put_field(out, "id", c.id);
  put_key(out, "identities");
  put_list(out, c.identities, [&](const ChannelIdentity& identity) {
    out += '{';
    put_field(out, "channel", channel_info(identity.channel).key, true);
    put_field(out, "value", identity.value);
    out += '}';
  });
  put_field(out, "nick", c.nick);
  put_field(out, "phone", c.phone);
}

void put_dialog(std::string& out, const Dialog& d) {
  put_field(out, "account_id", d.account_id, true);
  put_field(out, "answered", d.answered);
  put_field(out, "awaiting_since", d.awaiting_since);
  put_field(out, "channel", channel_info(d.channel).key);
  put_field(out, "client_id", d.client_id);
  put_field(out, "created_at", d.created_at);
  put_key(out, "fields");
  put_list(out, d.fields, [&](const CustomField& field) {
    out += '{';
    put_field(out, "name", field.name, true);
    put_field(out, "value", field.value);
    out += '}';
  });
  put_field(out, "id", d.id);
  put_field(out, "last_inbound_at", d.last_inbound_at);
  put_field(out, "last_message", d.last_message);
  put_field(out, "last_message_at", d.last_message_at);
  put_field(out, "last_outbound_at", d.last_outbound_at);
  put_field(out, "mode", to_string(d.mode));
  if (d.post) {
    put_key(out, "post");
    out += '{';
    put_field(out, "external_id", d.post->external_id, true);
    put_field(out, "title", d.post->title);
    put_field(out, "url", d.post->url);
    out += '}';
  }
  put_field(out, "price", d.price);
  put_field(out, "response_time_ms", d.response_time_ms);
  put_field(out, "responsible_id", d.responsible_id);
  put_field(out, "source_id", d.source_id);
  put_field(out, "status_id", d.status_id);
  put_key(out, "tag_ids");
  put_list(out, d.tag_ids, [&](Id id) { put_int(out, id); });
  put_key(out, "tasks");
  put_list(out, d.tasks, [&](const Task& task) {
    out += '{';
    put_field(out, "assignee_id", task.assignee_id, true);
    put_field(out, "dialog_id", task.dialog_id);
    put_field(out, "done", task.done);
    put_field(out, "due", task.due);
    put_field(out, "id", task.id);
    put_field(out, "text", task.text);
    out += '}';
  });
  put_field(out, "unread", static_cast<std::int64_t>(d.unread));
}

}  // namespace

void write_json(std::string& out, const Message& m) {
  out += '{';
  put_key(out, "attachments", true);
  put_list(out, m.attachments, [&](const Attachment& a) {
    out += '{';
    put_field(out, "mime", a.mime, true);
    put_field(out, "name", a.name);
    put_field(out, "size", a.size);
    put_field(out, "url", a.url);
    out += '}';
  });
  put_field(out, "author_id", m.author_id);
  put_field(out, "created_at", m.created_at);
  put_field(out, "delivery", to_string(m.delivery));
  put_field(out, "delivery_error", m.delivery_error);
  put_field(out, "dialog_id", m.dialog_id);
  put_field(out, "direction", to_string(m.direction));
  put_field(out, "external_id", m.external_id);
  put_field(out, "id", m.id);
  put_field(out, "kind", to_string(m.kind));
  put_field(out, "reply_to", to_string(m.reply_to));
  put_field(out, "text", m.text);
  out += '}';
}

void write_json(std::string& out, const DialogRow& row) {
  out += "{\"client\":{";
  put_client(out, row.client);
  out += "},\"dialog\":{";
  put_dialog(out, row.dialog);
  out += "}}";
}

void write_json(std::string& out, const Event& event) {
  out += '{';
  put_field(out, "at", event.at, true);
  put_field(out, "kind", to_string(event.kind));
  if (event.message) {
    put_key(out, "message");
    write_json(out, *event.message);
  }
  if (event.presence) {
    put_key(out, "presence");
    out += '{';
    put_field(out, "dialog_id", event.presence->dialog_id, true);
    put_field(out, "operator_id", event.presence->operator_id);
    put_field(out, "state", to_string(event.presence->state));
    out += '}';
  }
  put_key(out, "results");
  put_list(out, event.results, [&](const BulkResult& r) {
    out += '{';
    put_field(out, "code", r.code, true);
    put_field(out, "dialog_id", r.dialog_id);
    put_field(out, "error", r.error);
    put_field(out, "outcome", to_string(r.outcome));
    out += '}';
  });
  if (event.row) {
    put_key(out, "row");
    write_json(out, *event.row);
  }
  put_field(out, "seq", event.seq);
  out += '}';
}

}  // namespace core
