// The channel screen's form: which fields each channel asks for, the checks
// before anything is sent, and the API's wire format both ways.
#include <doctest/doctest.h>

#include "app/channel_setup.hpp"
#include "net/api_wire.hpp"

namespace {

app::ConnectForm telegram(const std::string& token) {
  app::ConnectForm f;
  f.channel = core::ChannelKind::TelegramBot;
  f.name = "Бот магазина";
  f.values["token"] = token;
  return f;
}

}  // namespace

TEST_CASE("a connect form needs a name and every required credential") {
  CHECK(app::check_connect(telegram("123:abc"), app::Locale::Ru).empty());
  CHECK(app::check_connect(telegram("  "), app::Locale::Ru) ==
        "Заполните поле «Токен бота от @BotFather»");
  app::ConnectForm unnamed = telegram("123:abc");
  unnamed.name = " ";
  CHECK(app::check_connect(unnamed, app::Locale::En) == "Name the source");
  app::ConnectForm chat;
  chat.channel = core::ChannelKind::WebChat;
  chat.name = "Чат на сайте";
  CHECK(app::check_connect(chat, app::Locale::Ru).empty());  // the greeting is optional
  app::ConnectForm odd = telegram("123:abc");
  odd.base_url = "ftp://example.org";
  CHECK_FALSE(app::check_connect(odd, app::Locale::Ru).empty());
}

TEST_CASE("secrets go as credentials, the rest as settings, with the API address") {
  app::ConnectForm f = telegram("123:abc");
  f.base_url = "http://127.0.0.1:9000/api/tg";
  const core::Json body = core::Json::parse(net::connect_body(f));
  CHECK(body["channel"] == "telegram_bot");
  CHECK(body["name"] == "Бот магазина");
  CHECK(body["credentials"] == core::Json{{"token", "123:abc"}});
  CHECK(body["settings"] == core::Json{{"base_url", "http://127.0.0.1:9000/api/tg"}});
  app::ConnectForm chat;
  chat.channel = core::ChannelKind::WebChat;
  chat.name = "Чат";
  chat.values["greeting"] = "Здравствуйте!";
  const core::Json chat_body = core::Json::parse(net::connect_body(chat));
  CHECK(chat_body["credentials"].empty());
  CHECK(chat_body["settings"]["greeting"] == "Здравствуйте!");
}

TEST_CASE("the sources answer reads health and skips channels the client does not know") {
  const net::SourcesAnswer a = net::parse_sources(R"({"sources": [
      {"id": 5, "channel": "telegram_bot", "name": "Бот", "address": "@shop_bot",
       "connected": true, "enabled": true, "credential_keys": ["token"],
       "settings": {"mode": "polling"},
       "health": {"last_inbound_at": 1700, "last_error": "Unauthorized", "last_error_at": 1800}},
      {"id": 6, "channel": "whatsapp", "name": "Продажи", "address": "+7", "connected": false}],
    "connectable": ["telegram_bot", "webchat", "pigeon_post"]})");
  REQUIRE(a.sources.size() == 2);
  CHECK(a.sources[0].mode == "polling");
  CHECK(a.sources[0].last_error == "Unauthorized");
  CHECK(app::source_health(a.sources[0], app::Locale::Ru) == "Ошибка: Unauthorized");
  CHECK(app::source_health(a.sources[1], app::Locale::En) == "Not connected");
  CHECK(a.connectable ==
        std::vector<core::ChannelKind>{core::ChannelKind::TelegramBot, core::ChannelKind::WebChat});
  CHECK_THROWS(net::parse_sources(R"({"sources": [{"id": 1, "channel": "pigeon"}]})"));
}

TEST_CASE("the website chat's snippet names this server and the source") {
  CHECK(app::webchat_snippet("https://chats.example.ru", 42) ==
        R"(<script src="https://chats.example.ru/webchat.js" data-source="42" async></script>)");
}
