// Encoding half of the wire format: every entity, command and event to JSON.
// Field names are the struct members; enums are their wire names; colours are
// "#rrggbb"; optional members (post, row, message, presence) are omitted when empty.
#include <cstdio>

#include "core/channels.hpp"
#include "core/codec.hpp"

namespace core {
namespace {

std::string color_string(std::uint32_t color) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(color & 0xFFFFFFu));
  return text;
}

Json encode(Id id) {
  return id;
}
Json encode(ChannelKind kind) {
  return channel_info(kind).key;
}
Json encode(ReadType type) {
  return to_string(type);
}

// Defined after the private overloads above, which ordinary lookup finds; the public
// ones for element types (Task, BulkResult, ...) are found through their namespace.
template <class T>
Json encode_list(const std::vector<T>& items) {
  Json list = Json::array();
  for (const T& item : items) list.push_back(encode(item));
  return list;
}

}  // namespace

Json encode(const ChannelIdentity& identity) {
  return {{"channel", channel_info(identity.channel).key}, {"value", identity.value}};
}

Json encode(const PostRef& post) {
  return {{"external_id", post.external_id}, {"url", post.url}, {"title", post.title}};
}

Json encode(const CustomField& field) {
  return {{"name", field.name}, {"value", field.value}};
}

Json encode(const Attachment& attachment) {
  return {{"name", attachment.name},
          {"mime", attachment.mime},
          {"url", attachment.url},
          {"size", attachment.size}};
}

Json encode(const TimeRange& range) {
  return {{"from", range.from}, {"to", range.to}};
}

Json encode(const BulkSelection& selection) {
  return {{"dialog_ids", encode_list(selection.dialog_ids)},
          {"all_matching", selection.all_matching},
          {"query", encode(selection.query)}};
}

Json encode(const Presence& presence) {
  return {{"dialog_id", presence.dialog_id},
          {"operator_id", presence.operator_id},
          {"state", to_string(presence.state)}};
}

Json encode(const Account& account) {
  return {{"id", account.id}, {"name", account.name}};
}

Json encode(const Operator& op) {
  return {{"id", op.id},
          {"account_id", op.account_id},
          {"name", op.name},
          {"email", op.email},
          {"role", to_string(op.role)},
          {"source_ids", encode_list(op.source_ids)},
          {"supervisor", op.supervisor},
          {"active", op.active},
          {"avatar_url", op.avatar_url}};
}

Json encode(const Source& source) {
  return {{"id", source.id},
          {"account_id", source.account_id},
          {"channel", channel_info(source.channel).key},
          {"name", source.name},
          {"address", source.address}};
}

Json encode(const Client& client) {
  return {{"id", client.id},
          {"account_id", client.account_id},
          {"display_name", client.display_name},
          {"nick", client.nick},
          {"phone", client.phone},
          {"avatar_url", client.avatar_url},
          {"identities", encode_list(client.identities)}};
}

Json encode(const Dialog& dialog) {
  Json json = {{"id", dialog.id},
               {"account_id", dialog.account_id},
               {"client_id", dialog.client_id},
               {"source_id", dialog.source_id},
               {"channel", channel_info(dialog.channel).key},
               {"mode", to_string(dialog.mode)},
               {"status_id", dialog.status_id},
               {"responsible_id", dialog.responsible_id},
               {"tag_ids", encode_list(dialog.tag_ids)},
               {"price", dialog.price},
               {"fields", encode_list(dialog.fields)},
               {"tasks", encode_list(dialog.tasks)},
               {"created_at", dialog.created_at},
               {"last_message_at", dialog.last_message_at},
               {"last_inbound_at", dialog.last_inbound_at},
               {"last_outbound_at", dialog.last_outbound_at},
               {"awaiting_since", dialog.awaiting_since},
               {"unread", dialog.unread},
               {"answered", dialog.answered},
               {"response_time_ms", dialog.response_time_ms},
               {"last_message", dialog.last_message}};
  if (dialog.post) json["post"] = encode(*dialog.post);
  return json;
}

Json encode(const Message& message) {
  return {{"id", message.id},
          {"dialog_id", message.dialog_id},
          {"direction", to_string(message.direction)},
          {"kind", to_string(message.kind)},
          {"text", message.text},
          {"attachments", encode_list(message.attachments)},
          {"reply_to", to_string(message.reply_to)},
          {"delivery", to_string(message.delivery)},
          {"delivery_error", message.delivery_error},
          {"author_id", message.author_id},
          {"external_id", message.external_id},
          {"created_at", message.created_at}};
}

Json encode(const FunnelStatus& status) {
  return {{"id", status.id},       {"account_id", status.account_id},
          {"name", status.name},   {"color", color_string(status.color)},
          {"order", status.order}, {"group", to_string(status.group)}};
}

Json encode(const Tag& tag) {
  return {{"id", tag.id},
          {"account_id", tag.account_id},
          {"name", tag.name},
          {"color", color_string(tag.color)}};
}

Json encode(const Task& task) {
  return {{"id", task.id},   {"dialog_id", task.dialog_id}, {"text", task.text},
          {"due", task.due}, {"done", task.done},           {"assignee_id", task.assignee_id}};
}

Json encode(const Template& tmpl) {
  return {
      {"id", tmpl.id}, {"account_id", tmpl.account_id}, {"title", tmpl.title}, {"text", tmpl.text}};
}

Json encode(const DialogRow& row) {
  return {{"dialog", encode(row.dialog)}, {"client", encode(row.client)}};
}

Json encode(const Filter& filter) {
  return {{"channels", encode_list(filter.channels)},
          {"sources", encode_list(filter.sources)},
          {"statuses", encode_list(filter.statuses)},
          {"responsibles", encode_list(filter.responsibles)},
          {"tags", encode_list(filter.tags)},
          {"created", encode(filter.created)},
          {"last_message", encode(filter.last_message)},
          {"types", encode_list(filter.types)},
          {"search", filter.search}};
}

Json encode(const Sort& sort) {
  return {{"key", to_string(sort.key)}, {"descending", sort.descending}};
}

Json encode(const ViewQuery& query) {
  return {{"mode", to_string(query.mode)},
          {"filter", encode(query.filter)},
          {"sort", encode(query.sort)}};
}

Json encode(const BulkCommand& command) {
  return {{"action", to_string(command.action)},
          {"status_id", command.status_id},
          {"tag_ids", encode_list(command.tag_ids)},
          {"operator_id", command.operator_id}};
}

Json encode(const BulkRequest& request) {
  return {{"command", encode(request.command)}, {"selection", encode(request.selection)}};
}

Json encode(const BulkResult& result) {
  return {{"dialog_id", result.dialog_id},
          {"outcome", to_string(result.outcome)},
          {"error", result.error},
          {"code", result.code}};
}

Json encode(const Event& event) {
  Json json = {{"seq", event.seq},
               {"kind", to_string(event.kind)},
               {"at", event.at},
               {"results", encode_list(event.results)}};
  if (event.row) json["row"] = encode(*event.row);
  if (event.message) json["message"] = encode(*event.message);
  if (event.presence) json["presence"] = encode(*event.presence);
  return json;
}

}  // namespace core
