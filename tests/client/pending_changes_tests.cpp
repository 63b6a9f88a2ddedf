// Optimistic dialog changes: shown at once, kept over live events, taken back
// alone when refused; and each operation's effect on the list in view matches
// what the backend answers when the view is loaded again.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "app/inbox_app.hpp"
#include "app/pending_changes.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;
constexpr core::Id kAccount = 1;

core::Directory directory() {
  core::Directory dir;
  dir.statuses.push_back({5, kAccount, "В работе", 0x3B82F6, 1, core::StatusGroup::Active});
  dir.statuses.push_back({6, kAccount, "Оплачен", 0x22C55E, 2, core::StatusGroup::Success});
  dir.tags.push_back({7, kAccount, "VIP", 0xF59E0B});
  dir.tags.push_back({8, kAccount, "Опт", 0x8B5CF6});
  return dir;
}

core::DialogRow row(core::DialogMode mode = core::DialogMode::Accepted) {
  core::DialogRow r;
  r.dialog.id = 42;
  r.dialog.account_id = kAccount;
  r.dialog.mode = mode;
  return r;
}

// The demo backend, but answers to changes wait until the test releases them,
// and a refusal can be forced (as a server's 4xx would be).
class HeldBackend : public net::DemoBackend {
 public:
  HeldBackend() : DemoBackend(160, kNow) {}  // every mode fits one window
  void change(core::Id dialog, const core::DialogChange& change, DialogDone done) override {
    held_.push_back({dialog, change, std::move(done)});
  }
  std::size_t held() const { return held_.size(); }
  void release() {  // the oldest held change is applied by the demo backend's rules
    Held h = take();
    DemoBackend::change(h.dialog, h.change, std::move(h.done));
  }
  void refuse(const std::string& why) {
    Held h = take();
    net::DialogAnswer a;
    a.error = why;
    h.done(a);
  }

 private:
  struct Held {
    core::Id dialog;
    core::DialogChange change;
    DialogDone done;
  };
  Held take() {
    Held h = std::move(held_.front());
    held_.erase(held_.begin());
    return h;
  }
  std::vector<Held> held_;
};

std::vector<core::Id> ids(const app::ListView& list) {
  std::vector<core::Id> out;
  for (const core::DialogRow& r : list.page.rows) out.push_back(r.dialog.id);
  return out;
}

bool listed(const app::ListView& list, core::Id id) {
  const auto v = ids(list);
  return std::find(v.begin(), v.end(), id) != v.end();
}

struct Fixture {
  HeldBackend* backend = nullptr;
  std::unique_ptr<app::InboxApp> app;

  Fixture() {
    auto b = std::make_unique<HeldBackend>();
    backend = b.get();
    app = std::make_unique<app::InboxApp>(std::move(b));
    app->update(kNow);
  }
  void apply(const app::Intents& in) {
    app->apply(in);
    app->update(kNow);
  }
  void mode(core::DialogMode m) {
    app::Intents in;
    in.mode = m;
    apply(in);
  }
  void edit(core::Id id, const core::DialogChange& change) {
    app::Intents in;
    in.edits.push_back({id, change});
    apply(in);
  }
  void release() {
    backend->release();
    app->update(kNow);
  }
  // The list as the backend answers it when loaded again from scratch.
  std::vector<core::Id> reloaded() {
    const core::DialogMode m = app->list().query.mode;
    mode(m == core::DialogMode::New ? core::DialogMode::Archived : core::DialogMode::New);
    mode(m);
    return ids(app->list());
  }
  const core::FunnelStatus& status(core::StatusGroup group) {
    const auto& all = app->directory().statuses;
    return *std::find_if(all.begin(), all.end(),
                         [group](const core::FunnelStatus& s) { return s.group == group; });
  }
};

}  // namespace

TEST_CASE("a change is shown at once and a refusal takes back only that change") {
  app::PendingChanges p;
  const core::Directory dir = directory();
  auto status = p.start(row(), core::DialogChange::status(5), dir);
  REQUIRE(status.ticket > 0);
  CHECK(status.row.dialog.status_id == 5);
  auto tag = p.start(status.row, core::DialogChange::add_tag(7), dir);
  CHECK(tag.row.dialog.tag_ids == std::vector<core::Id>{7});
  CHECK(p.size() == 2);

  const auto back = p.refuse(status.ticket, dir);
  REQUIRE(back);
  CHECK(back->dialog.status_id == core::kNoId);             // taken back
  CHECK(back->dialog.tag_ids == std::vector<core::Id>{7});  // still pending, still shown
  CHECK_FALSE(p.refuse(status.ticket, dir));                // answered already

  core::DialogRow answered = row();
  answered.dialog.tag_ids = {7};
  answered.dialog.price = 500;  // someone else's change, seen in the answer
  const core::DialogRow shown = p.confirm(tag.ticket, answered, dir);
  CHECK(shown.dialog.price == 500);
  CHECK_FALSE(p.pending(42));
}

TEST_CASE("the core refuses a change here already: nothing is sent or shown") {
  app::PendingChanges p;
  auto s = p.start(row(core::DialogMode::Archived), core::DialogChange::accept(), directory());
  CHECK(s.ticket == 0);
  CHECK(s.outcome.error == "Only a new dialog can be accepted");
  CHECK(s.row.dialog.mode == core::DialogMode::Archived);
  CHECK(p.size() == 0);
}

TEST_CASE("a live event under a pending change is rebased: the change stays on top") {
  app::PendingChanges p;
  const core::Directory dir = directory();
  auto s = p.start(row(), core::DialogChange::status(6), dir);
  CHECK(s.row.dialog.mode == core::DialogMode::Archived);
  core::DialogRow live = row();
  live.dialog.unread = 3;  // a client's message arrived meanwhile
  const core::DialogRow shown = p.rebase(live, dir);
  CHECK(shown.dialog.unread == 3);
  CHECK(shown.dialog.status_id == 6);
  CHECK(shown.dialog.mode == core::DialogMode::Archived);
  // Refused: back to the live row, not to the row before the change.
  CHECK(p.refuse(s.ticket, dir)->dialog.unread == 3);
}

TEST_CASE("an added task stands in with a negative id and is not doubled when it lands") {
  app::PendingChanges p;
  const core::Directory dir = directory();
  auto s = p.start(row(), core::DialogChange::add_task("Перезвонить", 1000, core::kNoId), dir);
  REQUIRE(s.row.dialog.tasks.size() == 1);
  CHECK(s.row.dialog.tasks[0].id < 0);
  core::DialogRow live = row();  // the event with the real task comes before the answer
  core::Task real = s.row.dialog.tasks[0];
  real.id = 900;
  live.dialog.tasks = {real};
  const core::DialogRow shown = p.rebase(live, dir);
  REQUIRE(shown.dialog.tasks.size() == 1);
  CHECK(shown.dialog.tasks[0].id == 900);
  CHECK(p.confirm(s.ticket, live, dir).dialog.tasks.size() == 1);
}

TEST_CASE("accepting from New: the row leaves at once and stays out when the backend agrees") {
  Fixture f;
  const auto& list = f.app->list();
  REQUIRE(list.page.rows.size() > 3);
  const core::Id id = list.page.rows[1].dialog.id;
  const app::ModeCount before_new = list.page.counts[0];
  const int accepted_before = list.page.counts[1].total;

  f.edit(id, core::DialogChange::accept());
  CHECK(f.backend->held() == 1);  // not answered yet, and already gone
  CHECK_FALSE(listed(list, id));
  CHECK(list.page.counts[0].total == before_new.total - 1);
  CHECK(list.page.counts[1].total == accepted_before + 1);
  CHECK(list.page.total == before_new.total - 1);

  f.release();
  CHECK_FALSE(f.app->pending().pending(id));
  CHECK_FALSE(listed(list, id));
  CHECK(list.page.counts[1].total == accepted_before + 1);
  const auto shown = ids(list);
  CHECK(f.reloaded() == shown);
}

TEST_CASE("a refused change rolls the row back to its place and tells the operator why") {
  Fixture f;
  const auto& list = f.app->list();
  const auto before = ids(list);
  const core::Id id = before[2];
  const int notices = f.app->notice().id;

  f.edit(id, core::DialogChange::archive());
  CHECK_FALSE(listed(list, id));
  f.backend->refuse("Нет связи с сервером");
  f.app->update(kNow);
  CHECK(ids(list) == before);  // back at its sorted place
  CHECK(list.page.total == static_cast<int>(before.size()));
  const app::Notice& n = f.app->notice();
  CHECK(n.id == notices + 1);
  CHECK(n.what == app::Notice::What::Change);
  CHECK(n.change == core::ChangeKind::Archive);
  CHECK(n.reason == "Нет связи с сервером");
}

TEST_CASE("a closing status archives the open dialog; an active one brings it back") {
  Fixture f;
  f.mode(core::DialogMode::Accepted);
  const auto& list = f.app->list();
  REQUIRE_FALSE(list.page.rows.empty());
  const core::Id id = list.page.rows[0].dialog.id;
  app::Intents open;
  open.click_row = id;
  f.apply(open);
  REQUIRE(f.app->dialog().open());

  f.edit(id, core::DialogChange::status(f.status(core::StatusGroup::Success).id));
  CHECK(f.app->dialog().row.dialog.mode == core::DialogMode::Archived);
  CHECK_FALSE(listed(list, id));
  f.release();
  CHECK(f.app->dialog().row.dialog.mode == core::DialogMode::Archived);
  auto shown = ids(list);
  CHECK(f.reloaded() == shown);

  f.mode(core::DialogMode::Archived);
  CHECK(listed(list, id));
  f.edit(id, core::DialogChange::status(f.status(core::StatusGroup::Active).id));
  CHECK_FALSE(listed(list, id));
  f.release();
  CHECK(f.app->dialog().row.dialog.mode == core::DialogMode::Accepted);
  shown = ids(list);
  CHECK(f.reloaded() == shown);
}

TEST_CASE("price, unread and tags move the row where the sort puts it") {
  Fixture f;
  f.mode(core::DialogMode::Accepted);
  app::Intents by_price;
  by_price.sort = core::Sort{core::SortKey::Price, true};
  f.apply(by_price);
  const auto& list = f.app->list();
  const core::Id id = list.page.rows.back().dialog.id;
  f.edit(id, core::DialogChange::set_price(999'999'999));
  CHECK(list.page.rows.front().dialog.id == id);  // the dearest now, before the answer
  f.release();
  auto shown = ids(list);
  CHECK(f.reloaded() == shown);

  app::Intents by_unread;
  by_unread.sort = core::Sort{core::SortKey::Unread, true};
  f.apply(by_unread);
  const auto read_one = std::find_if(list.page.rows.begin(), list.page.rows.end(),
                                     [](const core::DialogRow& r) { return r.dialog.unread == 0; });
  REQUIRE(read_one != list.page.rows.end());
  const core::Id read_id = read_one->dialog.id;
  f.edit(read_id, core::DialogChange::mark_unread());
  CHECK(list.page.rows.front().dialog.unread > 0);
  f.release();
  shown = ids(list);
  CHECK(f.reloaded() == shown);

  const core::Id tag = f.app->directory().tags.front().id;
  f.edit(id, core::DialogChange::add_tag(tag));
  f.release();
  const auto& rows = list.page.rows;
  auto it = std::find_if(rows.begin(), rows.end(),
                         [id](const core::DialogRow& r) { return r.dialog.id == id; });
  REQUIRE(it != rows.end());
  CHECK(std::binary_search(it->dialog.tag_ids.begin(), it->dialog.tag_ids.end(), tag));
}

TEST_CASE("tasks: added with the backend's id, marked done and deleted") {
  Fixture f;
  const core::Id id = f.app->list().page.rows[0].dialog.id;
  app::Intents open;
  open.click_row = id;
  f.apply(open);
  const app::DialogView& d = f.app->dialog();
  const std::size_t tasks = d.row.dialog.tasks.size();
  f.edit(id, core::DialogChange::add_task("Выставить счёт", kNow + 86'400'000, core::kNoId));
  REQUIRE(d.row.dialog.tasks.size() == tasks + 1);
  CHECK(d.row.dialog.tasks.back().id < 0);
  f.release();
  REQUIRE(d.row.dialog.tasks.size() == tasks + 1);
  const core::Id task = d.row.dialog.tasks.back().id;
  CHECK(task > 0);
  f.edit(id, core::DialogChange::task_done(task, true));
  f.release();
  CHECK(d.row.dialog.tasks.back().done);
  f.edit(id, core::DialogChange::delete_task(task));
  CHECK(d.row.dialog.tasks.size() == tasks);
  f.backend->refuse("task 1 not found");
  f.app->update(kNow);
  CHECK(d.row.dialog.tasks.size() == tasks + 1);  // back
}

TEST_CASE("notes and replies in comments go through the composer's modes") {
  Fixture f;
  const auto& rows = f.app->list().page.rows;
  auto from_post = std::find_if(rows.begin(), rows.end(),
                                [](const core::DialogRow& r) { return r.dialog.post.has_value(); });
  auto plain = std::find_if(rows.begin(), rows.end(),
                            [](const core::DialogRow& r) { return !r.dialog.post.has_value(); });
  REQUIRE(plain != rows.end());
  const core::Id plain_id = plain->dialog.id;
  const core::Id post_id = from_post != rows.end() ? from_post->dialog.id : core::kNoId;

  app::Intents open;
  open.click_row = plain_id;
  f.apply(open);
  const app::DialogView& d = f.app->dialog();
  const bool answered = d.row.dialog.answered;
  app::Intents note;
  note.note = true;
  note.draft = "Клиент просил не звонить до обеда";
  note.send = true;
  f.apply(note);
  REQUIRE_FALSE(d.messages.empty());
  CHECK(d.messages.back().kind == core::MessageKind::Note);
  CHECK(d.row.dialog.answered == answered);  // a note is not an answer

  REQUIRE(post_id != core::kNoId);  // the demo data has dialogs from posts
  {
    open.click_row = post_id;
    f.apply(open);
    app::Intents comment;
    comment.note = false;
    comment.reply_to = core::ReplyTarget::Comment;
    comment.draft = "Ответили в личные сообщения";
    comment.send = true;
    f.apply(comment);
    CHECK(d.messages.back().reply_to == core::ReplyTarget::Comment);
    CHECK(d.row.dialog.answered);
  }
}

TEST_CASE("older history comes page by page, oldest first, each message once") {
  net::DemoBackend backend(50, kNow);
  std::vector<core::Message> all;
  core::Id dialog = core::kNoId;
  for (core::Id id = 1; id < 200 && dialog == core::kNoId; ++id) {
    backend.request_messages(id, core::kNoId, 1000, [&](net::MessagesAnswer a) {
      if (a.messages.size() >= 3) {
        dialog = id;
        all = a.messages;
      }
    });
    backend.pump(kNow);
  }
  REQUIRE(dialog != core::kNoId);
  std::vector<core::Message> paged;
  core::Id before = core::kNoId;
  do {
    backend.request_messages(dialog, before, 2, [&](net::MessagesAnswer a) {
      CHECK(a.messages.size() <= 2);
      paged.insert(paged.end(), a.messages.begin(), a.messages.end());
      before = a.next_before;
    });
    backend.pump(kNow);
  } while (before != core::kNoId);
  REQUIRE(paged.size() == all.size());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(paged[i].id == all[i].id);
}

namespace {

// The demo backend paging history two messages at a time.
class SmallPages : public net::DemoBackend {
 public:
  SmallPages() : DemoBackend(100, kNow) {}
  void request_messages(core::Id dialog, core::Id before, int, MessagesDone done) override {
    DemoBackend::request_messages(dialog, before, 2, std::move(done));
  }
};

}  // namespace

TEST_CASE("scrolling to the top of the history loads the older pages until none are left") {
  app::InboxApp inbox(std::make_unique<SmallPages>());
  inbox.update(kNow);
  const app::DialogView& d = inbox.dialog();
  for (const core::DialogRow& r : inbox.list().page.rows) {
    app::Intents open;
    open.click_row = r.dialog.id;
    inbox.apply(open);
    inbox.update(kNow);
    if (d.older_before != core::kNoId) break;
  }
  REQUIRE(d.older_before != core::kNoId);
  REQUIRE(d.messages.size() == 2);
  const core::Id newest = d.messages.back().id;
  app::Intents older;
  older.load_older = true;
  for (int i = 0; i < 50 && d.older_before != core::kNoId; ++i) {
    const std::size_t before = d.messages.size();
    inbox.apply(older);
    CHECK(d.loading_older);
    inbox.update(kNow);
    CHECK_FALSE(d.loading_older);
    CHECK(d.messages.size() > before);
  }
  CHECK(d.older_before == core::kNoId);
  CHECK(d.messages.back().id == newest);  // older pages go on top
  for (std::size_t i = 1; i < d.messages.size(); ++i) {
    CHECK(d.messages[i - 1].created_at <= d.messages[i].created_at);
    CHECK(d.messages[i - 1].id != d.messages[i].id);
  }
  inbox.apply(older);  // nothing left: no request
  CHECK_FALSE(d.loading_older);
}
