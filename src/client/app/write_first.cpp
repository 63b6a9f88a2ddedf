// The address rules mirror the server's POST /api/write-first, so a wrong
// phone is reported in the form before a request is made.
#include "app/write_first.hpp"

#include <algorithm>

#include "core/channels.hpp"
#include "core/text.hpp"

namespace app {
namespace {

const char* say(Locale l, const char* ru, const char* en) {
  return l == Locale::Ru ? ru : en;
}

bool by_phone(core::ChannelKind channel) {
  return channel == core::ChannelKind::WhatsApp || channel == core::ChannelKind::Viber ||
         channel == core::ChannelKind::Max;
}

}  // namespace

std::vector<const core::Source*> write_first_sources(const core::Directory& directory) {
  std::vector<const core::Source*> out;
  for (const core::Source& s : directory.sources) {
    if (core::channel_info(s.channel).allows_write_first) out.push_back(&s);
  }
  return out;
}

std::optional<std::string> write_first_address(core::ChannelKind channel, const std::string& raw,
                                               Locale l, std::string& error) {
  const std::string to(core::trim(raw));
  if (to.empty()) {
    error = say(l, "Укажите телефон или имя пользователя", "Enter a phone or a username");
    return std::nullopt;
  }
  if (by_phone(channel)) {
    const std::string digits = core::digits_only(to);
    if (digits.size() < 10 || digits.size() > 15) {
      error =
          say(l, "Телефон — от 10 до 15 цифр в международном формате, например +7 999 123-45-67",
              "A phone is 10 to 15 digits in international format, e.g. +7 999 123-45-67");
      return std::nullopt;
    }
    return digits;
  }
  if (channel == core::ChannelKind::Email) {
    if (to.find('@') == std::string::npos || to.find(' ') != std::string::npos) {
      error = say(l, "Укажите адрес электронной почты", "Enter an e-mail address");
      return std::nullopt;
    }
    return core::fold_case(to);
  }
  const std::string name = to[0] == '@' ? to.substr(1) : to;
  if (name.empty() || name.find(' ') != std::string::npos) {
    error = say(l, "Имя пользователя пишется без пробелов, например @anna",
                "A username has no spaces, e.g. @anna");
    return std::nullopt;
  }
  const std::string digits = core::digits_only(name);
  if (!digits.empty() && digits.size() + (to[0] == '+') == to.size()) return digits;
  return core::fold_case(name);
}

WriteFirstProblem check_write_first(const core::Directory& directory, core::Id source_id,
                                    const std::string& to, const std::string& text, Locale l) {
  using Field = WriteFirstField;
  const core::Source* source = directory.find_source(source_id);
  if (!source) return {Field::Source, say(l, "Выберите источник", "Choose a source")};
  if (!core::channel_info(source->channel).allows_write_first) {
    return {Field::Source, say(l, "Этот канал не позволяет написать первым",
                               "This channel does not allow writing first")};
  }
  std::string error;
  if (!write_first_address(source->channel, to, l, error)) return {Field::To, error};
  const std::string_view body = core::trim(text);
  if (body.empty()) return {Field::Text, say(l, "Напишите сообщение", "Write a message")};
  return {};
}

}  // namespace app
