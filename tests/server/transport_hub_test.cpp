// The event hub and presence tracker, without sockets: fan-out per account,
// visibility and filters, overflow handling, heartbeats, presence expiry.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "server/transport/event_hub.hpp"
#include "server/transport/presence.hpp"

namespace {

using server::EventHub;
using server::SubscriberInfo;

// A subscriber recording what it was sent; `capacity` mimics a full queue.
struct FakeSubscriber : server::Subscriber {
  std::vector<std::string> got;
  std::size_t capacity = 1000;
  bool closed = false;
  using server::Subscriber::send;
  bool send(server::SharedText text) override {
    if (got.size() >= capacity) return false;
    got.push_back(*text);
    return true;
  }
  void close() override { closed = true; }
};

SubscriberInfo info(core::Id account, core::Id op) {
  SubscriberInfo i;
  i.account_id = account;
  i.operator_id = op;
  return i;
}

}  // namespace

TEST_CASE("hub publishes only to subscribers of the event's account") {
  EventHub hub;
  auto a1 = std::make_shared<FakeSubscriber>();
  auto a2 = std::make_shared<FakeSubscriber>();
  auto b1 = std::make_shared<FakeSubscriber>();
  hub.subscribe(a1, info(1, 10));
  hub.subscribe(a2, info(1, 11));
  hub.subscribe(b1, info(2, 20));
  CHECK(hub.subscriber_count() == 3);
  CHECK(hub.subscriber_count(1) == 2);

  CHECK(hub.publish(1, "{\"seq\":1}") == 2);
  CHECK(a1->got == std::vector<std::string>{"{\"seq\":1}"});
  CHECK(a2->got.size() == 1);
  CHECK(b1->got.empty());
  CHECK(hub.publish(3, "x") == 0);
}

TEST_CASE("hub applies the publish visibility and each subscriber's filter") {
  EventHub hub;
  auto admin = std::make_shared<FakeSubscriber>();
  auto agent = std::make_shared<FakeSubscriber>();
  auto picky = std::make_shared<FakeSubscriber>();
  hub.subscribe(admin, info(1, 1));
  hub.subscribe(agent, info(1, 2));
  hub.subscribe(picky, info(1, 3),
                [](const std::string& json) { return json.find("presence") == std::string::npos; });

  auto only_op1 = [](const SubscriberInfo& s) { return s.operator_id == 1; };
  CHECK(hub.publish(1, "dialog", only_op1) == 1);
  CHECK(admin->got.size() == 1);
  CHECK(agent->got.empty());

  CHECK(hub.publish(1, "presence") == 2);
  CHECK(picky->got.empty());
  CHECK(agent->got == std::vector<std::string>{"presence"});
}

TEST_CASE("hub drops and closes a subscriber whose queue is full; others keep receiving") {
  EventHub hub;
  auto slow = std::make_shared<FakeSubscriber>();
  slow->capacity = 2;
  auto fast = std::make_shared<FakeSubscriber>();
  hub.subscribe(slow, info(1, 1));
  hub.subscribe(fast, info(1, 2));
  for (int i = 0; i < 5; ++i) hub.publish(1, "e" + std::to_string(i));
  CHECK(slow->closed);
  CHECK(slow->got.size() == 2);
  CHECK(fast->got.size() == 5);
  CHECK(hub.subscriber_count(1) == 1);
}

TEST_CASE("hub calls the overflow handler instead of closing when one is set") {
  std::vector<core::Id> overflowed;
  EventHub::Options options;
  options.on_overflow = [&](const std::shared_ptr<server::Subscriber>&, const SubscriberInfo& i) {
    overflowed.push_back(i.operator_id);
  };
  EventHub hub(options);
  auto slow = std::make_shared<FakeSubscriber>();
  slow->capacity = 0;
  hub.subscribe(slow, info(1, 7));
  CHECK(hub.publish(1, "x") == 0);
  CHECK(overflowed == std::vector<core::Id>{7});
  CHECK_FALSE(slow->closed);
}

TEST_CASE("hub unsubscribe stops delivery and re-subscribe replaces the old entry") {
  EventHub hub;
  auto s = std::make_shared<FakeSubscriber>();
  hub.subscribe(s, info(1, 1));
  hub.subscribe(s, info(2, 1));
  CHECK(hub.subscriber_count() == 1);
  CHECK(hub.publish(1, "old") == 0);
  CHECK(hub.publish(2, "new") == 1);
  hub.unsubscribe(s.get());
  CHECK(hub.subscriber_count() == 0);
  CHECK(hub.publish(2, "gone") == 0);
  hub.unsubscribe(s.get());  // twice is harmless
}

TEST_CASE("hub tick sends a heartbeat to everyone once per interval") {
  EventHub::Options options;
  options.heartbeat_interval_ms = 1000;
  EventHub hub(options);
  auto a = std::make_shared<FakeSubscriber>();
  auto b = std::make_shared<FakeSubscriber>();
  hub.subscribe(a, info(1, 1));
  hub.subscribe(b, info(2, 1));
  CHECK_FALSE(hub.tick(10000));  // starts the clock
  CHECK_FALSE(hub.tick(10500));
  CHECK(hub.tick(11000));
  CHECK(a->got == std::vector<std::string>{"{\"kind\":\"heartbeat\"}"});
  CHECK(b->got.size() == 1);
  CHECK_FALSE(hub.tick(11999));
  CHECK(hub.tick(12000));
  CHECK(a->got.size() == 2);
}

TEST_CASE("presence reports changes only, and typing falls back to viewing then leaves") {
  using core::PresenceState;
  server::PresenceTracker presence(/*viewing_ttl_ms=*/10000, /*typing_ttl_ms=*/3000);
  const core::Presence viewing{/*dialog*/ 5, /*operator*/ 7, PresenceState::Viewing};
  const core::Presence typing{5, 7, PresenceState::Typing};

  CHECK(presence.update(1, viewing, 0));
  CHECK_FALSE(presence.update(1, viewing, 1000));  // a refresh is not news
  CHECK(presence.update(1, typing, 2000));
  CHECK_FALSE(presence.update(1, typing, 3000));

  auto now = presence.in_dialog(1, 5, 3000);
  REQUIRE(now.size() == 1);
  CHECK(now[0].operator_id == 7);
  CHECK(now[0].state == PresenceState::Typing);
  CHECK(presence.in_dialog(2, 5, 3000).empty());  // another account sees nothing

  auto changes = presence.expire(6500);  // typing refreshed at 3000 lasts to 6000
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].account_id == 1);
  CHECK(changes[0].presence.state == PresenceState::Viewing);

  CHECK(presence.expire(12000).empty());  // viewing refreshed at 3000 lasts to 13000
  changes = presence.expire(13000);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].presence.state == PresenceState::Left);
  CHECK(presence.in_dialog(1, 5, 13000).empty());
}

TEST_CASE("presence Left and disconnect remove an operator everywhere") {
  using core::PresenceState;
  server::PresenceTracker presence;
  presence.update(1, {5, 7, PresenceState::Viewing}, 0);
  presence.update(1, {6, 7, PresenceState::Viewing}, 0);
  presence.update(1, {6, 8, PresenceState::Viewing}, 0);
  CHECK(presence.update(1, {5, 7, PresenceState::Left}, 10));
  CHECK_FALSE(presence.update(1, {5, 7, PresenceState::Left}, 10));

  auto left = presence.remove_operator(1, 7);
  REQUIRE(left.size() == 1);
  CHECK(left[0].presence.dialog_id == 6);
  CHECK(presence.in_dialog(1, 6, 10).size() == 1);
}

// A WebSocket session unsubscribes in its destructor; when the hub held its
// last reference, that destructor ran under the hub's lock and hung the
// thread (the writer's, stopping every write).
struct SelfRemovingSubscriber : FakeSubscriber {
  EventHub* hub = nullptr;
  bool* destroyed = nullptr;
  ~SelfRemovingSubscriber() override {
    hub->unsubscribe(this);
    *destroyed = true;
  }
};

TEST_CASE("a subscriber whose last owner is the hub may unsubscribe from its destructor") {
  EventHub hub;
  bool destroyed = false;
  const server::Subscriber* first = nullptr;
  {
    auto s = std::make_shared<SelfRemovingSubscriber>();
    s->hub = &hub;
    s->destroyed = &destroyed;
    first = s.get();
    hub.subscribe(s, info(1, 10));
  }
  hub.unsubscribe(nullptr);  // nothing: an unknown subscriber
  CHECK_FALSE(destroyed);
  // A full queue removes it at publish: the hub drops the last reference.
  hub.publish(1, "{\"seq\":1}");
  CHECK_FALSE(destroyed);
  auto full = std::make_shared<SelfRemovingSubscriber>();
  bool full_destroyed = false;
  full->hub = &hub;
  full->destroyed = &full_destroyed;
  full->capacity = 0;
  hub.subscribe(full, info(1, 11));
  full.reset();
  hub.publish(1, "{\"seq\":2}");  // overflow: removed and destroyed, without a deadlock
  CHECK(full_destroyed);
  CHECK(hub.subscriber_count(1) == 1);
  // Unsubscribing one the hub alone holds destroys it, outside the lock.
  hub.unsubscribe(first);
  CHECK(destroyed);
  CHECK(hub.subscriber_count() == 0);
}
