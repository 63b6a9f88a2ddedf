// The outbox: one message in flight at a time and in order, a network failure
// retried with backoff under the same key, a refusal kept with its reason to
// retry (under a new key) or discard, and the live echo never drawn twice.
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "app/inbox_app.hpp"
#include "app/outbox.hpp"
#include "net/demo_backend.hpp"

namespace {

using State = app::OutboxItem::State;

net::Outgoing text(const std::string& t) {
  net::Outgoing out;
  out.text = t;
  return out;
}

core::Message echo_of(core::Id id, core::Id dialog, const std::string& t) {
  core::Message m;
  m.id = id;
  m.dialog_id = dialog;
  m.direction = core::Direction::Out;
  m.text = t;
  return m;
}

}  // namespace

TEST_CASE("a message is shown at once and sent; the server's answer takes it out") {
  app::Outbox box("k");
  const int id = box.add(7, text("Здравствуйте"), 1000);
  REQUIRE(box.shown(7).size() == 1);
  CHECK(box.shown(7)[0]->state == State::Queued);
  CHECK(box.shown(8).empty());
  auto item = box.next(1000);
  REQUIRE(item);
  CHECK(item->local_id == id);
  CHECK(item->message.idempotency_key == "k-1");
  CHECK(box.shown(7)[0]->state == State::Sending);
  CHECK_FALSE(box.next(1000));  // one in flight at a time
  box.sent(id);
  CHECK(box.shown(7).empty());
  CHECK(box.wake_at() == 0);
}

TEST_CASE("a network failure queues it again with backoff and the same key") {
  app::Outbox box("k");
  const int id = box.add(7, text("a"), 0);
  const std::string key = box.next(0)->message.idempotency_key;
  box.retry_later(id, "Нет связи с сервером", 0);
  CHECK(box.shown(7)[0]->state == State::Queued);
  CHECK(box.shown(7)[0]->attempts == 1);
  CHECK(box.wake_at() == 1000);
  CHECK_FALSE(box.next(999));
  auto again = box.next(1000);
  REQUIRE(again);
  CHECK(again->message.idempotency_key == key);
  box.retry_later(id, "Нет связи с сервером", 1000);
  CHECK(box.wake_at() == 3000);  // 2 s the second time
  CHECK(app::Outbox::backoff(0) == 1000);
  CHECK(app::Outbox::backoff(3) == 8000);
  CHECK(app::Outbox::backoff(40) == app::Outbox::kMaxRetryMs);
  box.wake(1500);  // the connection is back: no need to wait
  REQUIRE(box.next(1500));
  CHECK(box.items().front().message.idempotency_key == key);
}

TEST_CASE("messages never overtake each other, and a refused one does not hold the rest") {
  app::Outbox box("k");
  const int first = box.add(7, text("first"), 0);
  const int second = box.add(7, text("second"), 0);
  CHECK(box.next(0)->local_id == first);
  box.retry_later(first, "offline", 0);
  CHECK_FALSE(box.next(10));  // the second waits behind the first's backoff
  CHECK(box.next(1000)->local_id == first);
  box.refused(first, "Ответ в комментарии невозможен");
  CHECK(box.shown(7)[0]->state == State::Failed);
  CHECK(box.shown(7)[0]->error == "Ответ в комментарии невозможен");
  auto next = box.next(1000);
  REQUIRE(next);
  CHECK(next->local_id == second);
  box.sent(second);
  CHECK(box.shown(7).size() == 1);  // the refused one stays, to retry or discard
  CHECK(box.wake_at() == 0);        // nothing is waiting by itself
}

TEST_CASE("a refused message is retried under a new key or discarded") {
  app::Outbox box("k");
  const int id = box.add(7, text("a"), 0);
  const std::string key = box.next(0)->message.idempotency_key;
  box.refused(id, "refused");
  box.discard(12345);  // unknown: nothing happens
  box.retry(id, 5000);
  auto again = box.next(5000);
  REQUIRE(again);
  CHECK(again->message.idempotency_key != key);  // the refusal wrote nothing
  CHECK(again->error.empty());
  box.refused(id, "refused");
  box.discard(id);
  CHECK(box.items().empty());
}

TEST_CASE("only a failed message may be discarded or retried by hand") {
  app::Outbox box("k");
  const int id = box.add(7, text("a"), 0);
  box.discard(id);
  box.retry(id, 0);
  CHECK(box.items().size() == 1);
  CHECK(box.items().front().state == State::Queued);
}

TEST_CASE("the live echo of the message in flight hides it until the answer") {
  app::Outbox box("k");
  const int id = box.add(7, text("ok"), 0);
  box.add(7, text("ok"), 0);  // a twin written right after
  box.next(0);
  box.echo(echo_of(500, 8, "ok"));  // another dialog: not ours
  CHECK(box.shown(7).size() == 2);
  box.echo(echo_of(501, 7, "ok"));
  REQUIRE(box.shown(7).size() == 1);  // the twin still queued shows
  CHECK(box.shown(7)[0]->local_id != id);
  box.echo(echo_of(502, 7, "ok"));  // a second echo does not eat the queued twin
  CHECK(box.shown(7).size() == 1);
  box.sent(id);
  CHECK(box.shown(7).size() == 1);
}

TEST_CASE("keys are unique within a page and carry the page's prefix") {
  app::Outbox box("out-ab12");
  std::set<std::string> keys;
  for (int i = 0; i < 20; ++i) {
    box.add(7, text("m"), 0);
    keys.insert(box.items().back().message.idempotency_key);
  }
  CHECK(keys.size() == 20);
  CHECK(keys.begin()->rfind("out-ab12-", 0) == 0);
}

namespace {

// The demo backend with sending that can be made to fail like the network.
class FlakyBackend : public net::DemoBackend {
 public:
  FlakyBackend() : net::DemoBackend(50, 1700000000000) {}
  void send_message(core::Id dialog, const net::Outgoing& m, DialogDone done) override {
    keys.push_back(m.idempotency_key);
    if (offline) {
      failures.push_back(std::move(done));
      return;
    }
    if (refuse) {
      failures.push_back([done = std::move(done)](net::DialogAnswer) {
        net::DialogAnswer a;
        a.error = "Канал не принимает сообщения";
        done(a);
      });
      return;
    }
    net::DemoBackend::send_message(dialog, m, std::move(done));
  }
  bool pump(core::TimeMs now) override {
    for (auto& f : failures) {
      net::DialogAnswer a;
      a.error = "Нет связи с сервером";
      a.retry = true;
      f(a);
    }
    const bool any = !failures.empty();
    failures.clear();
    return net::DemoBackend::pump(now) || any;
  }
  bool offline = false;
  bool refuse = false;
  std::vector<std::string> keys;
  std::vector<DialogDone> failures;
};

}  // namespace

TEST_CASE("the app shows a reply at once, keeps it through an outage and sends it once") {
  auto flaky = std::make_unique<FlakyBackend>();
  FlakyBackend& backend = *flaky;
  app::InboxApp inbox(std::move(flaky), "page");
  core::TimeMs now = 1700000000000;
  inbox.update(now);
  const core::Id id = inbox.list().page.rows.front().dialog.id;
  app::Intents click;
  click.click_row = id;
  inbox.apply(click);
  inbox.update(now);
  const std::size_t before = inbox.dialog().messages.size();

  backend.offline = true;
  app::Intents reply;
  reply.draft = "Уже едем";
  reply.send = true;
  inbox.apply(reply);
  CHECK(inbox.dialog().draft.empty());
  REQUIRE(inbox.outbox().shown(id).size() == 1);  // shown at once
  inbox.update(now += 10);                        // the network failed
  REQUIRE(inbox.outbox().shown(id).size() == 1);
  CHECK(inbox.outbox().shown(id)[0]->state == State::Queued);
  CHECK(inbox.wake_at() == now + 1000);  // a frame for the retry
  inbox.update(now += 1000);             // retried, failed again
  CHECK(backend.keys.size() == 2);

  backend.offline = false;
  inbox.update(now += 10);  // the second failure arrives: the next try in 2 s
  CHECK(inbox.outbox().shown(id)[0]->attempts == 2);
  inbox.update(now += 2000);  // the third try goes out
  inbox.update(now += 10);    // and is answered
  CHECK(inbox.outbox().shown(id).empty());
  REQUIRE(inbox.dialog().messages.size() == before + 1);
  CHECK(inbox.dialog().messages.back().text == "Уже едем");
  REQUIRE(backend.keys.size() == 3);
  CHECK(backend.keys[0] == backend.keys[1]);
  CHECK(backend.keys[1] == backend.keys[2]);
  CHECK(backend.keys[0].rfind("page-", 0) == 0);
}

TEST_CASE("the app keeps a refused reply with the reason, then retries or discards it") {
  auto flaky = std::make_unique<FlakyBackend>();
  FlakyBackend& backend = *flaky;
  app::InboxApp inbox(std::move(flaky), "page");
  core::TimeMs now = 1700000000000;
  inbox.update(now);
  const core::Id id = inbox.list().page.rows.front().dialog.id;
  app::Intents click;
  click.click_row = id;
  inbox.apply(click);
  inbox.update(now);

  backend.refuse = true;
  app::Intents reply;
  reply.draft = "Ответ";
  reply.send = true;
  inbox.apply(reply);
  inbox.update(now += 10);
  REQUIRE(inbox.outbox().shown(id).size() == 1);
  const app::OutboxItem& failed = *inbox.outbox().shown(id)[0];
  CHECK(failed.state == State::Failed);
  CHECK(failed.error == "Канал не принимает сообщения");
  CHECK(inbox.wake_at() == 0);  // a refusal is not retried by itself

  backend.refuse = false;
  app::Intents retry;
  retry.outbox_retry = failed.local_id;
  inbox.apply(retry);
  inbox.update(now += 10);
  CHECK(inbox.outbox().shown(id).empty());
  CHECK(inbox.dialog().messages.back().text == "Ответ");
  REQUIRE(backend.keys.size() == 2);
  CHECK(backend.keys[0] != backend.keys[1]);

  backend.refuse = true;
  inbox.apply(reply);
  inbox.update(now += 10);
  REQUIRE(inbox.outbox().shown(id).size() == 1);
  app::Intents discard;
  discard.outbox_discard = inbox.outbox().shown(id)[0]->local_id;
  inbox.apply(discard);
  CHECK(inbox.outbox().shown(id).empty());
}
