// Fields per channel and the form's own checks (see channel_setup.hpp).
#include "app/channel_setup.hpp"

namespace app {

const std::vector<ConnectField>& connect_fields(core::ChannelKind channel) {
  static const std::vector<ConnectField> none;
  static const std::vector<ConnectField> telegram = {
      {"token", "Токен бота от @BotFather", "Bot token from @BotFather", true, true},
  };
  static const std::vector<ConnectField> vk = {
      {"access_token", "Ключ доступа сообщества", "Community access token", true, true},
      {"secret", "Секретный ключ Callback API", "Callback API secret key", true, true},
      {"confirmation", "Строка подтверждения сервера", "Server confirmation string", true, true},
  };
  static const std::vector<ConnectField> whatsapp = {
      {"phone_number_id", "ID номера телефона", "Phone number ID", false, true},
      {"access_token", "Постоянный токен доступа", "Permanent access token", true, true},
      {"app_secret", "Секрет приложения", "App secret", true, true},
      {"verify_token", "Маркер подтверждения вебхука", "Webhook verify token", true, true},
  };
  static const std::vector<ConnectField> webchat = {
      {"greeting", "Приветствие посетителю", "Greeting for visitors", false, false},
  };
  static const std::vector<ConnectField> webhook = {
      {"secret", "Общий секрет подписи (HMAC)", "Shared signing secret (HMAC)", true, true},
      {"callback_url", "Адрес для ответов (https://…)", "Callback URL (https://…)", false, true},
  };
  static const std::vector<ConnectField> email = {
      {"address", "Адрес ящика", "Mailbox address", false, true},
      {"imap_url", "IMAP (imaps://imap.example.ru:993/INBOX)",
       "IMAP (imaps://imap.example.ru:993/INBOX)", false, true},
      {"smtp_url", "SMTP (smtps://smtp.example.ru:465)", "SMTP (smtps://smtp.example.ru:465)",
       false, true},
      {"username", "Логин (если не адрес)", "Login (if not the address)", false, false},
      {"password", "Пароль (или пароль приложения)", "Password (or app password)", true, true},
  };
  switch (channel) {
    case core::ChannelKind::TelegramBot:
      return telegram;
    case core::ChannelKind::VK:
      return vk;
    case core::ChannelKind::WhatsApp:
      return whatsapp;
    case core::ChannelKind::WebChat:
      return webchat;
    case core::ChannelKind::Webhook:
      return webhook;
    case core::ChannelKind::Email:
      return email;
    default:
      return none;
  }
}

std::string check_connect(const ConnectForm& form, Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (form.name.find_first_not_of(" \t") == std::string::npos) {
    return ru ? "Укажите название источника" : "Name the source";
  }
  for (const ConnectField& f : connect_fields(form.channel)) {
    auto it = form.values.find(f.key);
    const bool blank =
        it == form.values.end() || it->second.find_first_not_of(" \t\r\n") == std::string::npos;
    if (f.required && blank)
      return std::string(ru ? "Заполните поле «" : "Fill in “") + (ru ? f.ru : f.en) +
             (ru ? "»" : "”");
  }
  if (!form.base_url.empty() && form.base_url.rfind("http://", 0) != 0 &&
      form.base_url.rfind("https://", 0) != 0) {
    return ru ? "Адрес API начинается с http:// или https://"
              : "The API address starts with http:// or https://";
  }
  return {};
}

std::string source_health(const SourceStatus& s, Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (!s.connected) return ru ? "Не подключён" : "Not connected";
  if (!s.enabled) return ru ? "Выключен" : "Disabled";
  if (!s.last_error.empty()) return (ru ? "Ошибка: " : "Error: ") + s.last_error;
  return ru ? "Работает" : "Working";
}

std::string webchat_snippet(const std::string& server_url, core::Id source) {
  std::string base = server_url;
  if (!base.empty() && base.back() != '/') base += '/';
  return "<script src=\"" + base + "webchat.js\" data-source=\"" + std::to_string(source) +
         "\" async></script>";
}

}  // namespace app
