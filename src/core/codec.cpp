// Decoding half of the wire format: decode<T> for every core type, built from the
// readers in codec_read.hpp. parse_json is in codec_read.cpp, encode in codec_encode.cpp,
// the enums' wire names in codec_enums.cpp.
//
// Required fields (missing -> DecodeError "<path>: missing required field"). Every other
// field keeps the struct's default when absent, and null counts as absent.
// - The entity's own "id" of account, operator, source, client, dialog, message,
//   funnel_status, tag, task, template (0 is allowed: "not assigned yet", as in a create
//   request). References to other entities (account_id, dialog_id, status_id, ...) are
//   optional: 0 means none, and the server fills or checks them.
// - Enums with no safe default: operator.role (privileges), the channel of source, dialog
//   and channel_identity, dialog.mode (the tab it shows in), message.direction and
//   message.kind (a missing kind must not turn a note into a message sent to the client),
//   funnel_status.group (closing groups archive).
// - What identifies a value: channel_identity.value, post_ref.external_id,
//   custom_field.name, attachment.url.
// - dialog_row: dialog, client. presence: dialog_id, operator_id, state.
//   bulk_request: command, selection. bulk_result: dialog_id, outcome.
// - bulk_command: action, plus what it needs: set_status -> status_id, add_tags -> tag_ids,
//   assign -> operator_id (0 or null unassigns). bulk_selection: query when all_matching.
// - event: kind, plus what it carries: dialog_changed -> row, message_added -> message and
//   row, bulk_applied -> results, presence -> presence.
// - filter, time_range, sort, view_query: nothing (an empty object is the default view).
// Values: ids, times, counts and sizes are non-negative integers (response_time_ms may be
// -1, price any integer); a float is never an integer; strings must be valid UTF-8;
// colours are "#rrggbb".
#include "core/codec.hpp"

#include "core/codec_read.hpp"

namespace core {
namespace {

using namespace wire;

ChannelIdentity read_identity(const Json& v, const Path& path) {
  Fields f(v, path);
  ChannelIdentity identity;
  f.required("channel", identity.channel, read_channel);
  f.required("value", identity.value, read_string);
  return identity;
}

PostRef read_post(const Json& v, const Path& path) {
  Fields f(v, path);
  PostRef post;
  f.required("external_id", post.external_id, read_string);
  f.optional("url", post.url, read_string);
  f.optional("title", post.title, read_string);
  return post;
}

CustomField read_custom_field(const Json& v, const Path& path) {
  Fields f(v, path);
  CustomField field;
  f.required("name", field.name, read_string);
  f.optional("value", field.value, read_string);
  return field;
}

Attachment read_attachment(const Json& v, const Path& path) {
  Fields f(v, path);
  Attachment attachment;
  f.optional("name", attachment.name, read_string);
  f.optional("mime", attachment.mime, read_string);
  f.required("url", attachment.url, read_string);
  f.optional("size", attachment.size, read_size);
  return attachment;
}

TimeRange read_time_range(const Json& v, const Path& path) {
  Fields f(v, path);
  TimeRange range;
  f.optional("from", range.from, read_time);
  f.optional("to", range.to, read_time);
  return range;
}

Account read_account(const Json& v, const Path& path) {
  Fields f(v, path);
  Account account;
  f.required("id", account.id, read_id);
  f.optional("name", account.name, read_string);
  return account;
}

Operator read_operator(const Json& v, const Path& path) {
  Fields f(v, path);
  Operator op;
  f.required("id", op.id, read_id);
  f.optional("account_id", op.account_id, read_id);
  f.optional("name", op.name, read_string);
  f.optional("email", op.email, read_string);
  f.required("role", op.role, read_enum<Role>);
  f.optional("source_ids", op.source_ids, list_of(read_id));
  f.optional("supervisor", op.supervisor, read_bool);
  f.optional("active", op.active, read_bool);
  f.optional("avatar_url", op.avatar_url, read_string);
  return op;
}

Source read_source(const Json& v, const Path& path) {
  Fields f(v, path);
  Source source;
  f.required("id", source.id, read_id);
  f.optional("account_id", source.account_id, read_id);
  f.required("channel", source.channel, read_channel);
  f.optional("name", source.name, read_string);
  f.optional("address", source.address, read_string);
  return source;
}

Client read_client(const Json& v, const Path& path) {
  Fields f(v, path);
  Client client;
  f.required("id", client.id, read_id);
  f.optional("account_id", client.account_id, read_id);
  f.optional("display_name", client.display_name, read_string);
  f.optional("nick", client.nick, read_string);
  f.optional("phone", client.phone, read_string);
  f.optional("avatar_url", client.avatar_url, read_string);
  f.optional("identities", client.identities, list_of(read_identity));
  return client;
}

Task read_task(const Json& v, const Path& path) {
  Fields f(v, path);
  Task task;
  f.required("id", task.id, read_id);
  f.optional("dialog_id", task.dialog_id, read_id);
  f.optional("text", task.text, read_string);
  f.optional("due", task.due, read_time);
  f.optional("done", task.done, read_bool);
  f.optional("assignee_id", task.assignee_id, read_id);
  return task;
}

Dialog read_dialog(const Json& v, const Path& path) {
  Fields f(v, path);
  Dialog d;
  f.required("id", d.id, read_id);
  f.optional("account_id", d.account_id, read_id);
  f.optional("client_id", d.client_id, read_id);
  f.optional("source_id", d.source_id, read_id);
  f.required("channel", d.channel, read_channel);
  f.optional("post", d.post, read_post);
  f.required("mode", d.mode, read_enum<DialogMode>);
  f.optional("status_id", d.status_id, read_id);
  f.optional("responsible_id", d.responsible_id, read_id);
  f.optional("tag_ids", d.tag_ids, list_of(read_id));
  f.optional("price", d.price, read_integer);
  f.optional("fields", d.fields, list_of(read_custom_field));
  f.optional("tasks", d.tasks, list_of(read_task));
  f.optional("created_at", d.created_at, read_time);
  f.optional("last_message_at", d.last_message_at, read_time);
  f.optional("last_inbound_at", d.last_inbound_at, read_time);
  f.optional("last_outbound_at", d.last_outbound_at, read_time);
  f.optional("awaiting_since", d.awaiting_since, read_time);
  f.optional("unread", d.unread, read_count);
  f.optional("answered", d.answered, read_bool);
  f.optional("response_time_ms", d.response_time_ms, read_response_time);
  f.optional("last_message", d.last_message, read_string);
  return d;
}

Message read_message(const Json& v, const Path& path) {
  Fields f(v, path);
  Message m;
  f.required("id", m.id, read_id);
  f.optional("dialog_id", m.dialog_id, read_id);
  f.required("direction", m.direction, read_enum<Direction>);
  f.required("kind", m.kind, read_enum<MessageKind>);
  f.optional("text", m.text, read_string);
  f.optional("attachments", m.attachments, list_of(read_attachment));
  f.optional("reply_to", m.reply_to, read_enum<ReplyTarget>);
  f.optional("delivery", m.delivery, read_enum<DeliveryState>);
  f.optional("delivery_error", m.delivery_error, read_string);
  f.optional("author_id", m.author_id, read_id);
  f.optional("external_id", m.external_id, read_string);
  f.optional("created_at", m.created_at, read_time);
  return m;
}

FunnelStatus read_status(const Json& v, const Path& path) {
  Fields f(v, path);
  FunnelStatus status;
  f.required("id", status.id, read_id);
  f.optional("account_id", status.account_id, read_id);
  f.optional("name", status.name, read_string);
  f.optional("color", status.color, read_color);
  f.optional("order", status.order, read_int);
  f.required("group", status.group, read_enum<StatusGroup>);
  return status;
}

Tag read_tag(const Json& v, const Path& path) {
  Fields f(v, path);
  Tag tag;
  f.required("id", tag.id, read_id);
  f.optional("account_id", tag.account_id, read_id);
  f.optional("name", tag.name, read_string);
  f.optional("color", tag.color, read_color);
  return tag;
}

Template read_template(const Json& v, const Path& path) {
  Fields f(v, path);
  Template tmpl;
  f.required("id", tmpl.id, read_id);
  f.optional("account_id", tmpl.account_id, read_id);
  f.optional("title", tmpl.title, read_string);
  f.optional("text", tmpl.text, read_string);
  return tmpl;
}

DialogRow read_row(const Json& v, const Path& path) {
  Fields f(v, path);
  DialogRow row;
  f.required("dialog", row.dialog, read_dialog);
  f.required("client", row.client, read_client);
  return row;
}

Filter read_filter(const Json& v, const Path& path) {
  Fields f(v, path);
  Filter filter;
  f.optional("channels", filter.channels, list_of(read_channel));
  f.optional("sources", filter.sources, list_of(read_id));
  f.optional("statuses", filter.statuses, list_of(read_id));
  f.optional("responsibles", filter.responsibles, list_of(read_id));
  f.optional("tags", filter.tags, list_of(read_id));
  f.optional("created", filter.created, read_time_range);
  f.optional("last_message", filter.last_message, read_time_range);
  f.optional("types", filter.types, list_of(read_enum<ReadType>));
  f.optional("search", filter.search, read_string);
  return filter;
}

Sort read_sort(const Json& v, const Path& path) {
  Fields f(v, path);
  Sort sort;
  f.optional("key", sort.key, read_enum<SortKey>);
  f.optional("descending", sort.descending, read_bool);
  return sort;
}

ViewQuery read_view_query(const Json& v, const Path& path) {
  Fields f(v, path);
  ViewQuery query;
  f.optional("mode", query.mode, read_enum<DialogMode>);
  f.optional("filter", query.filter, read_filter);
  f.optional("sort", query.sort, read_sort);
  return query;
}

BulkCommand read_command(const Json& v, const Path& path) {
  Fields f(v, path);
  BulkCommand command;
  f.required("action", command.action, read_enum<BulkAction>);
  // Each action requires what it needs; the other arguments are still read and checked.
  const BulkAction action = command.action;
  f.required_if(action == BulkAction::SetStatus, "status_id", command.status_id, read_id);
  f.required_if(action == BulkAction::AddTags, "tag_ids", command.tag_ids, list_of(read_id));
  if (action == BulkAction::Assign && !f.present("operator_id")) {
    fail(f.at("operator_id"), "missing required field");  // null is fine: it unassigns, like 0
  }
  f.optional("operator_id", command.operator_id, read_id);
  return command;
}

BulkSelection read_selection(const Json& v, const Path& path) {
  Fields f(v, path);
  BulkSelection selection;
  f.optional("dialog_ids", selection.dialog_ids, list_of(read_id));
  f.optional("all_matching", selection.all_matching, read_bool);
  f.required_if(selection.all_matching, "query", selection.query, read_view_query);
  return selection;
}

BulkRequest read_request(const Json& v, const Path& path) {
  Fields f(v, path);
  BulkRequest request;
  f.required("command", request.command, read_command);
  f.required("selection", request.selection, read_selection);
  return request;
}

BulkResult read_result(const Json& v, const Path& path) {
  Fields f(v, path);
  BulkResult result;
  f.required("dialog_id", result.dialog_id, read_id);
  f.required("outcome", result.outcome, read_enum<BulkOutcome>);
  f.optional("error", result.error, read_string);
  f.optional("code", result.code, read_string);
  return result;
}

Presence read_presence(const Json& v, const Path& path) {
  Fields f(v, path);
  Presence presence;
  f.required("dialog_id", presence.dialog_id, read_id);
  f.required("operator_id", presence.operator_id, read_id);
  f.required("state", presence.state, read_enum<PresenceState>);
  return presence;
}

Event read_event(const Json& v, const Path& path) {
  Fields f(v, path);
  Event event;
  f.required("kind", event.kind, read_enum<EventKind>);
  f.optional("seq", event.seq, read_seq);
  f.optional("at", event.at, read_time);
  // What the kind carries is required; anything else present is still read and checked.
  const EventKind kind = event.kind;
  const bool has_message = kind == EventKind::MessageAdded || kind == EventKind::MessageUpdated;
  const bool has_row = kind == EventKind::DialogChanged || has_message;
  f.required_if(has_row, "row", event.row, read_row);
  f.required_if(has_message, "message", event.message, read_message);
  f.required_if(kind == EventKind::BulkApplied, "results", event.results, list_of(read_result));
  f.required_if(kind == EventKind::Presence, "presence", event.presence, read_presence);
  return event;
}

// The public entry: no exception but DecodeError (or bad_alloc) leaves decode.
template <class Read>
auto decode_as(const char* name, const Json& json, Read read) {
  try {
    return read(json, Path(name));
  } catch (const Json::exception& e) {
    throw DecodeError(name, std::string("unreadable value: ") + e.what());
  }
}

}  // namespace

template <>
Account decode<Account>(const Json& j) {
  return decode_as("account", j, read_account);
}
template <>
Operator decode<Operator>(const Json& j) {
  return decode_as("operator", j, read_operator);
}
template <>
Source decode<Source>(const Json& j) {
  return decode_as("source", j, read_source);
}
template <>
Client decode<Client>(const Json& j) {
  return decode_as("client", j, read_client);
}
template <>
Dialog decode<Dialog>(const Json& j) {
  return decode_as("dialog", j, read_dialog);
}
template <>
Message decode<Message>(const Json& j) {
  return decode_as("message", j, read_message);
}
template <>
FunnelStatus decode<FunnelStatus>(const Json& j) {
  return decode_as("funnel_status", j, read_status);
}
template <>
Tag decode<Tag>(const Json& j) {
  return decode_as("tag", j, read_tag);
}
template <>
Task decode<Task>(const Json& j) {
  return decode_as("task", j, read_task);
}
template <>
Template decode<Template>(const Json& j) {
  return decode_as("template", j, read_template);
}
template <>
DialogRow decode<DialogRow>(const Json& j) {
  return decode_as("dialog_row", j, read_row);
}
template <>
Filter decode<Filter>(const Json& j) {
  return decode_as("filter", j, read_filter);
}
template <>
Sort decode<Sort>(const Json& j) {
  return decode_as("sort", j, read_sort);
}
template <>
ViewQuery decode<ViewQuery>(const Json& j) {
  return decode_as("view_query", j, read_view_query);
}
template <>
BulkCommand decode<BulkCommand>(const Json& j) {
  return decode_as("bulk_command", j, read_command);
}
template <>
BulkRequest decode<BulkRequest>(const Json& j) {
  return decode_as("bulk_request", j, read_request);
}
template <>
BulkResult decode<BulkResult>(const Json& j) {
  return decode_as("bulk_result", j, read_result);
}
template <>
Event decode<Event>(const Json& j) {
  return decode_as("event", j, read_event);
}
template <>
ChannelIdentity decode<ChannelIdentity>(const Json& j) {
  return decode_as("channel_identity", j, read_identity);
}
template <>
PostRef decode<PostRef>(const Json& j) {
  return decode_as("post_ref", j, read_post);
}
template <>
CustomField decode<CustomField>(const Json& j) {
  return decode_as("custom_field", j, read_custom_field);
}
template <>
Attachment decode<Attachment>(const Json& j) {
  return decode_as("attachment", j, read_attachment);
}
template <>
TimeRange decode<TimeRange>(const Json& j) {
  return decode_as("time_range", j, read_time_range);
}
template <>
BulkSelection decode<BulkSelection>(const Json& j) {
  return decode_as("bulk_selection", j, read_selection);
}
template <>
Presence decode<Presence>(const Json& j) {
  return decode_as("presence", j, read_presence);
}

}  // namespace core
