// Specs of an outgoing message's delivery states and of the retry schedule.
#include <doctest/doctest.h>

#include "core/delivery.hpp"

using namespace core;

namespace {

Message outgoing(DeliveryState state) {
  Message m;
  m.direction = Direction::Out;
  m.kind = MessageKind::Text;
  m.delivery = state;
  return m;
}

}  // namespace

TEST_SUITE("delivery") {
  TEST_CASE("a message moves forward along pending, sent, delivered, read") {
    Message m = outgoing(DeliveryState::Pending);
    CHECK(advance_delivery(m, DeliveryState::Sent));
    CHECK(advance_delivery(m, DeliveryState::Delivered));
    CHECK(advance_delivery(m, DeliveryState::Read));
    CHECK(m.delivery == DeliveryState::Read);
  }

  TEST_CASE("a late receipt does not take a message back") {
    Message m = outgoing(DeliveryState::Read);
    CHECK_FALSE(advance_delivery(m, DeliveryState::Delivered));
    CHECK_FALSE(advance_delivery(m, DeliveryState::Sent));
    CHECK(m.delivery == DeliveryState::Read);
  }

  TEST_CASE("a read receipt before its delivered one skips ahead") {
    Message m = outgoing(DeliveryState::Sent);
    CHECK(advance_delivery(m, DeliveryState::Read));
    CHECK_FALSE(advance_delivery(m, DeliveryState::Delivered));
  }

  TEST_CASE("only a message not yet received can fail, and it keeps the reason") {
    Message m = outgoing(DeliveryState::Sent);
    CHECK(advance_delivery(m, DeliveryState::Failed, "bot was blocked by the user"));
    CHECK(m.delivery_error == "bot was blocked by the user");
    Message delivered = outgoing(DeliveryState::Delivered);
    CHECK_FALSE(advance_delivery(delivered, DeliveryState::Failed, "late"));
    CHECK(delivered.delivery_error.empty());
  }

  TEST_CASE("a failed message goes back to pending on a retry, and forgets its reason") {
    Message m = outgoing(DeliveryState::Failed);
    m.delivery_error = "timeout";
    CHECK_FALSE(advance_delivery(m, DeliveryState::Sent));
    CHECK(advance_delivery(m, DeliveryState::Pending));
    CHECK(m.delivery_error.empty());
    Message sent = outgoing(DeliveryState::Sent);
    CHECK_FALSE(advance_delivery(sent, DeliveryState::Pending));
  }

  TEST_CASE("notes, system messages and incoming ones are not delivered") {
    CHECK(is_deliverable(outgoing(DeliveryState::Pending)));
    Message note = outgoing(DeliveryState::Pending);
    note.kind = MessageKind::Note;
    CHECK_FALSE(is_deliverable(note));
    Message in = outgoing(DeliveryState::Pending);
    in.direction = Direction::In;
    CHECK_FALSE(is_deliverable(in));
  }

  TEST_CASE("the retry wait doubles from a second and stops at ten minutes") {
    CHECK(delivery_retry_delay(1) == 1000);
    CHECK(delivery_retry_delay(2) == 2000);
    CHECK(delivery_retry_delay(5) == 16000);
    CHECK(delivery_retry_delay(10) == 512000);
    CHECK(delivery_retry_delay(11) == 600000);
    CHECK(delivery_retry_delay(kMaxDeliveryAttempts) == 600000);
    CHECK(delivery_retry_delay(0) == 1000);
  }
}
