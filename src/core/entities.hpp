// The domain of the inbox: accounts, operators, channels and sources, clients,
// dialogs and their messages, funnel statuses, tags, tasks and templates.
// Plain data shared by the server, the client and the wire format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

using Id = std::int64_t;      // 0 means "none"
using TimeMs = std::int64_t;  // Unix time in milliseconds; 0 means "never"
constexpr Id kNoId = 0;

enum class Role { Owner, Admin, Manager };

enum class ChannelKind {
  WhatsApp,
  Telegram,
  TelegramBot,
  VK,
  Instagram,
  Facebook,
  OK,
  Avito,
  Viber,
  Max,
  Email,
  WebChat,
  Webhook,  // a documented JSON in, a signed JSON callback out: anything else
};
constexpr int kChannelKindCount = 13;

enum class DialogMode { New, Accepted, Archived };
constexpr int kDialogModeCount = 3;

// The group of a funnel status; every group but Active closes (archives) the dialog.
enum class StatusGroup { Active, Success, Failure, NotALead };

enum class Direction { In, Out };
enum class MessageKind { Text, File, Note, System };
enum class ReplyTarget { Direct, Comment };  // Comment: under the post the dialog came from
// Pending: committed and queued for the channel (core/delivery.hpp).
enum class DeliveryState { Pending, Sent, Delivered, Read, Failed };

struct Account {
  Id id = kNoId;
  std::string name;
};

struct Operator {
  Id id = kNoId;
  Id account_id = kNoId;
  std::string name;
  std::string email;
  Role role = Role::Manager;
  std::vector<Id> source_ids;  // sources granted to a manager
  bool supervisor = false;     // a manager who sees every dialog of the account
  bool active = true;          // false: deactivated, cannot sign in, kept for the history
  std::string avatar_url;      // their picture (an upload), "" for initials
};

// One connected account of a channel: a phone number, a bot, a VK group.
struct Source {
  Id id = kNoId;
  Id account_id = kNoId;
  ChannelKind channel = ChannelKind::WhatsApp;
  std::string name;     // shown in the list, e.g. "Отдел продаж"
  std::string address;  // the number, bot name, group or mailbox
};

struct ChannelIdentity {
  ChannelKind channel = ChannelKind::WhatsApp;
  std::string value;  // phone, username, e-mail or the channel's user id
};

struct Client {
  Id id = kNoId;
  Id account_id = kNoId;
  std::string display_name;
  std::string nick;
  std::string phone;  // international digits, no '+'
  std::string avatar_url;
  std::vector<ChannelIdentity> identities;
};

// The post whose comments a dialog came from (Instagram, Facebook, VK).
struct PostRef {
  std::string external_id;
  std::string url;
  std::string title;
};

struct CustomField {
  std::string name;
  std::string value;
};

struct Task {
  Id id = kNoId;
  Id dialog_id = kNoId;
  std::string text;
  TimeMs due = 0;
  bool done = false;
  Id assignee_id = kNoId;
};

struct Dialog {
  Id id = kNoId;
  Id account_id = kNoId;
  Id client_id = kNoId;
  Id source_id = kNoId;
  ChannelKind channel = ChannelKind::WhatsApp;  // the source's channel, fixed for life
  std::optional<PostRef> post;
  DialogMode mode = DialogMode::New;
  Id status_id = kNoId;
  Id responsible_id = kNoId;
  std::vector<Id> tag_ids;  // sorted, unique
  std::int64_t price = 0;   // deal amount in minor units (kopecks)
  std::vector<CustomField> fields;
  std::vector<Task> tasks;
  TimeMs created_at = 0;
  TimeMs last_message_at = 0;
  TimeMs last_inbound_at = 0;
  TimeMs last_outbound_at = 0;
  TimeMs awaiting_since = 0;  // first client message not yet answered; 0 when answered
  int unread = 0;
  bool answered = false;
  std::int64_t response_time_ms = -1;  // -1 while the client's message is unanswered
  std::string last_message;            // preview of the newest message
};

struct Attachment {
  std::string name;
  std::string mime;
  std::string url;
  std::int64_t size = 0;
};

struct Message {
  Id id = kNoId;
  Id dialog_id = kNoId;
  Direction direction = Direction::In;
  MessageKind kind = MessageKind::Text;
  std::string text;
  std::vector<Attachment> attachments;
  ReplyTarget reply_to = ReplyTarget::Direct;
  DeliveryState delivery = DeliveryState::Sent;
  std::string delivery_error;  // why it failed, in the channel's words (Failed only)
  Id author_id = kNoId;        // the operator of an outgoing message or note
  std::string external_id;     // the channel's id: idempotent ingest, receipts
  TimeMs created_at = 0;
};

struct FunnelStatus {
  Id id = kNoId;
  Id account_id = kNoId;
  std::string name;
  std::uint32_t color = 0x808080;  // 0xRRGGBB
  int order = 0;
  StatusGroup group = StatusGroup::Active;
};

struct Tag {
  Id id = kNoId;
  Id account_id = kNoId;
  std::string name;
  std::uint32_t color = 0x808080;  // 0xRRGGBB
};

struct Template {
  Id id = kNoId;
  Id account_id = kNoId;
  std::string title;
  std::string text;
};

// A row of the dialog list: the dialog with the client it is with.
struct DialogRow {
  Dialog dialog;
  Client client;
};

// The reference data of one account that rules and views look things up in.
struct Directory {
  std::vector<Operator> operators;
  std::vector<Source> sources;
  std::vector<FunnelStatus> statuses;
  std::vector<Tag> tags;
  std::vector<Template> templates;

  const Operator* find_operator(Id id) const;
  // An operator who may be given dialogs and tasks: one of the account, active.
  const Operator* assignable_operator(Id id) const;
  const Source* find_source(Id id) const;
  const FunnelStatus* find_status(Id id) const;
  const Tag* find_tag(Id id) const;
};

}  // namespace core
