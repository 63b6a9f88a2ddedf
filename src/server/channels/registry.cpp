// Which connector serves which channel.
#include "server/channels/email.hpp"
#include "server/channels/telegram.hpp"
#include "server/channels/vk.hpp"
#include "server/channels/webchat.hpp"
#include "server/channels/webhook.hpp"
#include "server/channels/whatsapp.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_connector(core::ChannelKind channel, ConnectorEnv& env) {
  switch (channel) {
    case core::ChannelKind::TelegramBot:
      return make_telegram_connector(env);
    case core::ChannelKind::WebChat:
      return make_webchat_connector(env);
    case core::ChannelKind::VK:
      return make_vk_connector(env);
    case core::ChannelKind::WhatsApp:
      return make_whatsapp_connector(env);
    case core::ChannelKind::Email:
      return make_email_connector(env);
    case core::ChannelKind::Webhook:
      return make_webhook_connector(env);
    default:
      return nullptr;
  }
}

core::Json parse_object(const std::string& text) {
  core::Json v = core::Json::parse(text, nullptr, false);
  return v.is_object() ? v : core::Json::object();
}

}  // namespace server::channels
