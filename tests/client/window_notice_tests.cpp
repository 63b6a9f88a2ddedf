// The composer's warning about WhatsApp's 24-hour customer-service window.
#include <doctest/doctest.h>

#include "app/window_notice.hpp"

namespace {

constexpr core::TimeMs kHour = 60 * 60 * 1000;
constexpr core::TimeMs kNow = 1'760'000'000'000;

core::Dialog dialog(core::ChannelKind channel, core::TimeMs last_inbound) {
  core::Dialog d;
  d.channel = channel;
  d.last_inbound_at = last_inbound;
  return d;
}

}  // namespace

TEST_CASE("the composer warns only when WhatsApp's window is closed") {
  using core::ChannelKind;
  CHECK(app::service_window_notice(dialog(ChannelKind::WhatsApp, kNow - 23 * kHour), kNow,
                                   app::Locale::Ru)
            .empty());
  CHECK(app::service_window_notice(dialog(ChannelKind::WhatsApp, kNow - 25 * kHour), kNow,
                                   app::Locale::Ru) ==
        "С сообщения клиента прошло больше 24 часов: WhatsApp примет только шаблон");
  CHECK(app::service_window_notice(dialog(ChannelKind::WhatsApp, 0), kNow, app::Locale::En) ==
        "The client has not written yet: WhatsApp takes only a template");
  // Channels without such a window never warn, however old the conversation.
  CHECK(app::service_window_notice(dialog(ChannelKind::TelegramBot, kNow - 100 * kHour), kNow,
                                   app::Locale::Ru)
            .empty());
  CHECK(app::service_window_notice(dialog(ChannelKind::WebChat, 0), kNow, app::Locale::Ru).empty());
}
