// The owner's channel screen: the account's sources with their health, and
// the form that connects a new one. Which fields each channel asks for lives
// here, beside the check that every required one is filled; the server
// checks the credentials themselves with the channel.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

// A source as GET /api/sources tells it: no secret, only which keys are set.
struct SourceStatus {
  core::Id id = core::kNoId;
  core::ChannelKind channel = core::ChannelKind::WhatsApp;
  std::string name;
  std::string address;
  bool connected = false;  // has a connection to its channel (demo sources have none)
  bool enabled = false;
  std::string mode;  // "webhook" | "polling" for Telegram, else ""
  core::TimeMs last_inbound_at = 0;
  std::string last_error;
  core::TimeMs last_error_at = 0;
};

// One field of the connect form.
struct ConnectField {
  const char* key;  // the credential's or setting's name in the API
  const char* ru;
  const char* en;
  bool secret;    // a credential: typed hidden, never shown again
  bool required;  // the form is not sent without it
};

// The fields a channel's connection asks for, in the order shown; empty for
// a channel that cannot be connected by this form.
const std::vector<ConnectField>& connect_fields(core::ChannelKind channel);

struct ConnectForm {
  core::ChannelKind channel = core::ChannelKind::TelegramBot;
  std::string name;
  std::map<std::string, std::string> values;  // by ConnectField::key
  std::string base_url;                       // the channel's API address; "" for its own
};

// What is missing, in the operator's words; "" when the form can be sent.
std::string check_connect(const ConnectForm& form, Locale locale);

// What the screen shows.
struct ChannelsView {
  bool loading = false;
  bool loaded = false;
  std::vector<SourceStatus> sources;
  std::vector<core::ChannelKind> connectable;  // what this server can connect
  std::string error;                           // the list did not load
  bool connecting = false;
  std::string connect_error;  // the last refusal, in the channel's or operator's words
  int connected = 0;          // counts successes, so the form knows to clear
  core::Id last_connected = core::kNoId;
};

// A source's health in a few words: «Работает», «Ошибка: …», «Выключен», «Не подключён».
std::string source_health(const SourceStatus& s, Locale locale);

// The line a business puts on its site for a website chat source.
std::string webchat_snippet(const std::string& server_url, core::Id source);

}  // namespace app
