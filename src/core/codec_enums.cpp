// Wire names of the core's enums. Each switch lists every value with no default,
// so adding a value without a name is a -Wswitch warning; an out-of-range value
// yields "", which is also how the decoder knows where a list of names ends.
#include "core/codec.hpp"

namespace core {

std::string_view to_string(Role value) {
  switch (value) {
    case Role::Owner:
      return "owner";
    case Role::Admin:
      return "admin";
    case Role::Manager:
      return "manager";
  }
  return {};
}

std::string_view to_string(DialogMode value) {
  switch (value) {
    case DialogMode::New:
      return "new";
    case DialogMode::Accepted:
      return "accepted";
    case DialogMode::Archived:
      return "archived";
  }
  return {};
}

std::string_view to_string(StatusGroup value) {
  switch (value) {
    case StatusGroup::Active:
      return "active";
    case StatusGroup::Success:
      return "success";
    case StatusGroup::Failure:
      return "failure";
    case StatusGroup::NotALead:
      return "not_a_lead";
  }
  return {};
}

std::string_view to_string(Direction value) {
  switch (value) {
    case Direction::In:
      return "in";
    case Direction::Out:
      return "out";
  }
  return {};
}

std::string_view to_string(MessageKind value) {
  switch (value) {
    case MessageKind::Text:
      return "text";
    case MessageKind::File:
      return "file";
    case MessageKind::Note:
      return "note";
    case MessageKind::System:
      return "system";
  }
  return {};
}

std::string_view to_string(ReplyTarget value) {
  switch (value) {
    case ReplyTarget::Direct:
      return "direct";
    case ReplyTarget::Comment:
      return "comment";
  }
  return {};
}

std::string_view to_string(DeliveryState value) {
  switch (value) {
    case DeliveryState::Pending:
      return "pending";
    case DeliveryState::Sent:
      return "sent";
    case DeliveryState::Delivered:
      return "delivered";
    case DeliveryState::Read:
      return "read";
    case DeliveryState::Failed:
      return "failed";
  }
  return {};
}

std::string_view to_string(ReadType value) {
  switch (value) {
    case ReadType::Unread:
      return "unread";
    case ReadType::Read:
      return "read";
    case ReadType::Unanswered:
      return "unanswered";
    case ReadType::Answered:
      return "answered";
  }
  return {};
}

std::string_view to_string(SortKey value) {
  switch (value) {
    case SortKey::LastMessage:
      return "last_message";
    case SortKey::Created:
      return "created";
    case SortKey::ResponseTime:
      return "response_time";
    case SortKey::Price:
      return "price";
    case SortKey::Unread:
      return "unread";
  }
  return {};
}

std::string_view to_string(BulkAction value) {
  switch (value) {
    case BulkAction::MarkRead:
      return "mark_read";
    case BulkAction::MarkUnread:
      return "mark_unread";
    case BulkAction::SetStatus:
      return "set_status";
    case BulkAction::AddTags:
      return "add_tags";
    case BulkAction::Assign:
      return "assign";
    case BulkAction::Accept:
      return "accept";
  }
  return {};
}

std::string_view to_string(BulkOutcome value) {
  switch (value) {
    case BulkOutcome::Applied:
      return "applied";
    case BulkOutcome::Unchanged:
      return "unchanged";
    case BulkOutcome::NotFound:
      return "not_found";
    case BulkOutcome::Forbidden:
      return "forbidden";
    case BulkOutcome::Refused:
      return "refused";
  }
  return {};
}

std::string_view to_string(EventKind value) {
  switch (value) {
    case EventKind::DialogChanged:
      return "dialog_changed";
    case EventKind::MessageAdded:
      return "message_added";
    case EventKind::BulkApplied:
      return "bulk_applied";
    case EventKind::DirectoryChanged:
      return "directory_changed";
    case EventKind::Presence:
      return "presence";
    case EventKind::Resync:
      return "resync";
    case EventKind::Heartbeat:
      return "heartbeat";
    case EventKind::MessageUpdated:
      return "message_updated";
  }
  return {};
}

std::string_view to_string(PresenceState value) {
  switch (value) {
    case PresenceState::Viewing:
      return "viewing";
    case PresenceState::Typing:
      return "typing";
    case PresenceState::Left:
      return "left";
  }
  return {};
}

}  // namespace core
