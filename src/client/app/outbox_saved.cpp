#include "app/outbox_saved.hpp"

#include "core/codec.hpp"

namespace app {
namespace {

constexpr int kVersion = 1;

core::Json item_json(const OutboxItem& item) {
  core::Json attachments = core::Json::array();
  for (const core::Attachment& a : item.message.attachments) attachments.push_back(core::encode(a));
  return {{"dialog", item.dialog},
          {"text", item.message.text},
          {"attachments", std::move(attachments)},
          {"reply_to", core::to_string(item.message.reply_to)},
          {"note", item.message.note},
          {"key", item.message.idempotency_key},
          {"failed", item.state == OutboxItem::State::Failed},
          {"error", item.error},
          {"created_at", item.created_at}};
}

OutboxItem item_of(const core::Json& j) {
  OutboxItem item;
  item.dialog = j.at("dialog").get<core::Id>();
  item.message.text = j.at("text").get<std::string>();
  for (const core::Json& a : j.at("attachments")) {
    item.message.attachments.push_back(core::decode<core::Attachment>(a));
  }
  item.message.reply_to =
      j.at("reply_to").get<std::string>() == core::to_string(core::ReplyTarget::Comment)
          ? core::ReplyTarget::Comment
          : core::ReplyTarget::Direct;
  item.message.note = j.at("note").get<bool>();
  item.message.idempotency_key = j.at("key").get<std::string>();
  item.state = j.at("failed").get<bool>() ? OutboxItem::State::Failed : OutboxItem::State::Queued;
  item.error = j.at("error").get<std::string>();
  item.created_at = j.at("created_at").get<core::TimeMs>();
  return item;
}

}  // namespace

std::string save_outbox(const Outbox& outbox) {
  if (outbox.items().empty()) return {};
  core::Json items = core::Json::array();
  for (const OutboxItem& item : outbox.items()) items.push_back(item_json(item));
  return core::Json{{"version", kVersion}, {"items", std::move(items)}}.dump();
}

int restore_outbox(Outbox& outbox, std::string_view text, core::TimeMs now) {
  const core::Json j = core::Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return 0;
  std::vector<OutboxItem> adopted;
  try {
    if (j.at("version").get<int>() != kVersion) return 0;
    for (const core::Json& i : j.at("items")) adopted.push_back(item_of(i));
  } catch (const std::exception&) {
    return 0;  // damaged: better nothing than half, out of order
  }
  for (OutboxItem& item : adopted) outbox.adopt(std::move(item), now);
  return static_cast<int>(adopted.size());
}

}  // namespace app
