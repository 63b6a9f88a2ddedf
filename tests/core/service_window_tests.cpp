// Specs of the 24-hour customer-service window (WhatsApp's free-form replies).
#include <doctest/doctest.h>

#include "core/channels.hpp"
#include "core/lifecycle.hpp"
#include "core/service_window.hpp"

using namespace core;

namespace {

constexpr TimeMs kNow = 1'700'000'000'000;
constexpr TimeMs kHour = 60 * 60 * 1000;

Dialog dialog_on(ChannelKind channel, TimeMs last_inbound_at) {
  Dialog d;
  d.channel = channel;
  d.last_inbound_at = last_inbound_at;
  return d;
}

}  // namespace

TEST_SUITE("service window") {
  TEST_CASE("WhatsApp has a window; Telegram bots and the website chat do not") {
    CHECK(has_service_window(ChannelKind::WhatsApp));
    CHECK(channel_info(ChannelKind::WhatsApp).has_service_window);
    CHECK_FALSE(has_service_window(ChannelKind::TelegramBot));
    CHECK_FALSE(has_service_window(ChannelKind::WebChat));
  }

  TEST_CASE("the window is open for 24 hours after the client's last message") {
    const Dialog d = dialog_on(ChannelKind::WhatsApp, kNow - 23 * kHour);
    CHECK(service_window_open(d, kNow));
    CHECK(service_window_closes_at(d) == kNow + kHour);
    CHECK(service_window_open(d, kNow + kHour - 1));
    CHECK_FALSE(service_window_open(d, kNow + kHour));  // exactly 24 h: closed
  }

  TEST_CASE("a client's message older than 24 hours leaves the window closed") {
    CHECK_FALSE(service_window_open(dialog_on(ChannelKind::WhatsApp, kNow - 25 * kHour), kNow));
  }

  TEST_CASE("a client who never wrote has no open window") {
    const Dialog d = dialog_on(ChannelKind::WhatsApp, 0);
    CHECK(service_window_closes_at(d) == 0);
    CHECK_FALSE(service_window_open(d, kNow));
  }

  TEST_CASE("a channel without a window is always open, however old the conversation") {
    CHECK(service_window_open(dialog_on(ChannelKind::TelegramBot, kNow - 30 * 24 * kHour), kNow));
    CHECK(service_window_open(dialog_on(ChannelKind::WebChat, 0), kNow));
  }

  TEST_CASE("a new message from the client opens the window again; the operator's does not") {
    Dialog d = dialog_on(ChannelKind::WhatsApp, kNow - 48 * kHour);
    Message out;
    out.direction = Direction::Out;
    out.kind = MessageKind::Text;
    out.created_at = kNow - kHour;
    apply_message(d, out);
    CHECK_FALSE(service_window_open(d, kNow));
    Message in = out;
    in.direction = Direction::In;
    apply_message(d, in);
    CHECK(service_window_open(d, kNow));
  }
}
