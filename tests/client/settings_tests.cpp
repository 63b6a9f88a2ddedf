// The account settings: the checks before a change is sent, reordering the
// funnel, the wire format, and the demo answering with the same rules.
#include <doctest/doctest.h>

#include "app/inbox_app.hpp"
#include "app/settings_change.hpp"
#include "net/demo_backend.hpp"
#include "net/settings_wire.hpp"

namespace {

constexpr core::TimeMs kNow = 1700000000000;

core::Directory team() {
  core::Directory d;
  d.operators = {{1, 1, "Ольга", "owner@shop.ru", core::Role::Owner, {}, false},
                 {2, 1, "Иван", "ivan@shop.ru", core::Role::Manager, {}, false}};
  d.statuses = {{10, 1, "Новый", 0x808080, 0, core::StatusGroup::Active},
                {11, 1, "Оплачен", 0x10B981, 1, core::StatusGroup::Success}};
  return d;
}

app::SettingsChange new_operator(std::string email, std::string password) {
  app::SettingsChange c;
  c.item = app::SettingsItem::Operator;
  c.op.name = "Пётр";
  c.op.email = std::move(email);
  c.op.role = core::Role::Manager;
  c.password = std::move(password);
  return c;
}

}  // namespace

TEST_CASE("nobody deletes themself or the owner") {
  const core::Directory d = team();
  app::SettingsChange c;
  c.item = app::SettingsItem::Operator;
  c.remove = true;
  c.op.id = 1;
  CHECK(app::check_settings(c, d, 2, app::Locale::En) == "The owner cannot be deleted");
  c.op.id = 2;
  CHECK(app::check_settings(c, d, 2, app::Locale::En) == "You cannot delete yourself");
  CHECK(app::check_settings(c, d, 1, app::Locale::En).empty());
}

TEST_CASE("a new operator needs a name, a free e-mail and a password of 8 characters") {
  const core::Directory d = team();
  CHECK(app::check_settings(new_operator("petr@shop.ru", "secret-12"), d, 1, app::Locale::En)
            .empty());
  CHECK(app::check_settings(new_operator("petr", "secret-12"), d, 1, app::Locale::En) ==
        "Enter an e-mail like name@company.com");
  CHECK(app::check_settings(new_operator("ivan@shop.ru", "secret-12"), d, 1, app::Locale::En) ==
        "This e-mail is already in use");
  CHECK(app::check_settings(new_operator("petr@shop.ru", "short"), d, 1, app::Locale::En) ==
        "The password needs 8 characters or more");
}

TEST_CASE(
    "an invited operator needs no password; a fresh link changes nothing but asks the server") {
  core::Directory d = team();
  app::SettingsChange invited = new_operator("petr@shop.ru", "");
  CHECK(app::check_settings(invited, d, 1, app::Locale::En) ==
        "The password needs 8 characters or more");
  invited.invite = true;
  CHECK(app::check_settings(invited, d, 1, app::Locale::En).empty());
  const net::ApiRequest create = net::settings_request(invited);
  CHECK(create.method == "POST");
  CHECK(create.url == "api/operators");
  CHECK(core::parse_json(create.body)["invite"] == true);
  CHECK_FALSE(core::parse_json(create.body).contains("password"));

  app::SettingsChange link;
  link.item = app::SettingsItem::Operator;
  link.invite = true;
  link.op = d.operators[1];
  REQUIRE(link.link_only());
  CHECK(app::check_settings(link, d, 1, app::Locale::En).empty());
  const net::ApiRequest fresh = net::settings_request(link);
  CHECK(fresh.method == "POST");
  CHECK(fresh.url == "api/operators/2/invitation");
  const core::Directory before = d;
  app::apply_settings(d, link, 0);
  CHECK(core::encode(d.operators[1]) == core::encode(before.operators[1]));
  CHECK(net::parse_invitation_url(R"({"invitation": {"url": "https://x.ru/#invite=ab"}})") ==
        "https://x.ru/#invite=ab");
  CHECK(net::parse_invitation_url(R"({"id": 5})").empty());

  // A deactivated operator gets their access back before any link.
  d.operators[1].active = false;
  link.op.active = false;
  CHECK(app::check_settings(link, d, 1, app::Locale::En) ==
        "Give the operator their access back first");
}

TEST_CASE("deactivating sends the whole operator with active false; nobody turns themself off") {
  const core::Directory d = team();
  app::SettingsChange off;
  off.item = app::SettingsItem::Operator;
  off.op = d.operators[1];
  off.op.active = false;
  CHECK(app::check_settings(off, d, 1, app::Locale::En).empty());
  const net::ApiRequest put = net::settings_request(off);
  CHECK(put.method == "PUT");
  CHECK(put.url == "api/operators/2");
  CHECK(core::parse_json(put.body)["active"] == false);
  CHECK(core::parse_json(put.body)["email"] == "ivan@shop.ru");
  CHECK(app::check_settings(off, d, 2, app::Locale::En) == "You cannot deactivate yourself");
  // The demo, with the same rules, keeps the operator and marks them.
  core::Directory shown = d;
  app::apply_settings(shown, off, 0);
  REQUIRE(shown.find_operator(2));
  CHECK_FALSE(shown.find_operator(2)->active);
  CHECK_FALSE(shown.assignable_operator(2));
  CHECK(shown.assignable_operator(1));
}

TEST_CASE("a status needs a name, and its dialogs move only to another existing status") {
  const core::Directory d = team();
  app::SettingsChange c;
  c.item = app::SettingsItem::Status;
  c.status.name = "  ";
  CHECK_FALSE(app::check_settings(c, d, 1, app::Locale::Ru).empty());
  c.remove = true;
  c.status.id = 10;
  c.move_to = 10;
  CHECK_FALSE(app::check_settings(c, d, 1, app::Locale::Ru).empty());
  c.move_to = 99;
  CHECK_FALSE(app::check_settings(c, d, 1, app::Locale::Ru).empty());
  c.move_to = 11;
  CHECK(app::check_settings(c, d, 1, app::Locale::Ru).empty());
}

TEST_CASE("moving a status renumbers the funnel from zero") {
  const core::Directory d = team();
  const auto moved = app::reorder_statuses(d.statuses, 1, 0);
  REQUIRE(moved.size() == 2);
  CHECK(moved[0].id == 11);
  CHECK(moved[0].order == 0);
  CHECK(moved[1].id == 10);
  CHECK(moved[1].order == 1);
}

TEST_CASE("a status deleted with its dialogs moving names the target; a save sends every field") {
  app::SettingsChange c;
  c.item = app::SettingsItem::Status;
  c.remove = true;
  c.status.id = 10;
  c.move_to = 11;
  const net::ApiRequest del = net::settings_request(c);
  CHECK(del.method == "DELETE");
  CHECK(del.url == "api/statuses/10?move_to=11");
  CHECK(del.body.empty());
  c.remove = false;
  c.status = {10, 1, "Лид", 0x2563EB, 3, core::StatusGroup::NotALead};
  const net::ApiRequest put = net::settings_request(c);
  CHECK(put.method == "PUT");
  const core::Json body = core::Json::parse(put.body);
  CHECK(body["color"] == "#2563eb");
  CHECK(body["order"] == 3);
  CHECK(body["group"] == "not_a_lead");
  CHECK(net::parse_status_usage(R"({"usage":{"10":4}})").at(10) == 4);
}

TEST_CASE("the demo moves a deleted status's dialogs and announces every change") {
  net::DemoBackend demo(120, kNow);
  std::vector<core::Event> events;
  demo.set_event_sink([&events](const core::Event& e) { events.push_back(e); });
  std::map<core::Id, int> usage;
  demo.request_status_usage([&](net::SettingsAnswer a) { usage = a.status_usage; });
  demo.pump(kNow);
  REQUIRE_FALSE(usage.empty());
  const core::Id used = usage.begin()->first;
  const int count = usage.begin()->second;
  core::Id target = core::kNoId;
  for (const core::FunnelStatus& s : demo.directory().statuses) {
    if (s.id != used && s.group == core::StatusGroup::Active) target = s.id;
  }
  REQUIRE(target != core::kNoId);
  app::SettingsChange c;
  c.item = app::SettingsItem::Status;
  c.remove = true;
  c.status.id = used;
  c.move_to = target;
  bool answered = false;
  demo.change_settings(c, [&](net::SettingsAnswer a) {
    answered = true;
    CHECK(a.error.empty());
  });
  events.clear();
  demo.pump(kNow + 1);
  CHECK(answered);
  CHECK_FALSE(demo.directory().find_status(used));
  int moved = 0;
  for (const core::Event& e : events) {
    if (e.kind == core::EventKind::DialogChanged && e.row && e.row->dialog.status_id == target) {
      ++moved;
    }
  }
  CHECK(moved == count);
  CHECK(events.back().kind == core::EventKind::DirectoryChanged);
}

TEST_CASE("the demo keeps a block list and refuses a stop word left blank") {
  net::DemoBackend demo(10, kNow);
  app::SettingsChange c;
  c.item = app::SettingsItem::Block;
  c.block.kind = app::BlockKind::StopWord;
  c.block.value = " ";
  std::string error;
  demo.change_settings(c, [&](net::SettingsAnswer a) { error = a.error; });
  c.block.value = "казино";
  demo.change_settings(c, [](net::SettingsAnswer) {});
  std::vector<app::BlockEntry> list;
  demo.request_block_list([&](net::SettingsAnswer a) { list = a.block_list; });
  demo.pump(kNow);
  CHECK(error == "Enter a value");
  REQUIRE(list.size() == 1);
  CHECK(list[0].value == "казино");
}

TEST_CASE("the operator renames themself; a short new password is refused before sending") {
  app::InboxApp app(std::make_unique<net::DemoBackend>(50, kNow));
  app.update(kNow);
  app::Intents rename;
  rename.profile = app::ProfileChange{};
  rename.profile->name = "  Ольга Петрова ";
  app.apply(rename);
  CHECK(app.profile().sending);
  app.update(kNow + 1);
  CHECK_FALSE(app.profile().sending);
  CHECK(app.profile().error.empty());
  CHECK(app.profile().saved == 1);
  CHECK(app.directory().find_operator(app.operator_id())->name == "Ольга Петрова");

  app::Intents blank;
  blank.profile = app::ProfileChange{};
  blank.profile->name = " ";
  app.apply(blank);
  CHECK_FALSE(app.profile().sending);
  CHECK(app.profile().error == "У сотрудника должно быть имя");

  app::Intents password;
  password.profile = app::ProfileChange{};
  password.profile->what = app::ProfileChange::What::Password;
  password.profile->current_password = "demo1234";
  password.profile->new_password = "пароль1";  // 7 characters in 13 bytes
  app.apply(password);
  CHECK_FALSE(app.profile().sending);
  CHECK(app.profile().error == "Пароль — не короче 8 символов");
  password.profile->new_password = "пароль12";
  app.apply(password);
  app.update(kNow + 2);
  CHECK(app.profile().error == "В демо пароли не меняются");  // and the demo says why not
  CHECK(app.profile().saved == 1);
}

namespace {

// Holds every settings change's answer until the test gives it.
class HeldSettings : public net::DemoBackend {
 public:
  using DemoBackend::DemoBackend;
  void change_settings(const app::SettingsChange& change, SettingsDone done) override {
    held.push_back({change, std::move(done)});
  }
  std::vector<std::pair<app::SettingsChange, SettingsDone>> held;
};

app::Intents new_tag(const char* name) {
  app::Intents in;
  app::SettingsChange c;
  c.item = app::SettingsItem::Tag;
  c.tag.name = name;
  c.tag.color = 0x2563EB;
  in.settings.push_back(c);
  return in;
}

std::size_t tags_named(const core::Directory& d, const std::string& name) {
  std::size_t n = 0;
  for (const core::Tag& t : d.tags) n += t.name == name;
  return n;
}

}  // namespace

TEST_CASE("a settings change shows at once, and a refusal takes it back") {
  auto owned = std::make_unique<HeldSettings>(50, kNow);
  HeldSettings& backend = *owned;
  app::InboxApp app(std::move(owned));
  app.update(kNow);
  const std::size_t tags = app.directory().tags.size();
  app.apply(new_tag("Самовывоз"));
  REQUIRE(backend.held.size() == 1);
  CHECK(app.directory().tags.size() == tags + 1);
  CHECK(tags_named(app.directory(), "Самовывоз") == 1);
  CHECK(app.directory().tags.back().id < 0);  // provisional until answered

  // Not editable before it has its id.
  app::Intents rename;
  app::SettingsChange c;
  c.item = app::SettingsItem::Tag;
  c.tag = app.directory().tags.back();
  c.tag.name = "Самовывоз+";
  rename.settings.push_back(c);
  app.apply(rename);
  CHECK(backend.held.size() == 1);
  CHECK(app.settings().error == "Подождите: это ещё сохраняется");

  net::SettingsAnswer refused;
  refused.code = "conflict";
  backend.held[0].second(refused);
  CHECK(app.directory().tags.size() == tags);
  CHECK(tags_named(app.directory(), "Самовывоз") == 0);
  CHECK(app.settings().error.rfind("Конфликт с сохранёнными данными", 0) == 0);
  CHECK(app.settings().in_flight == 0);
}

TEST_CASE(
    "an accepted settings change stays shown once, with its id, as the directory catches up") {
  app::InboxApp app(std::make_unique<net::DemoBackend>(50, kNow));
  app.update(kNow);
  const std::size_t tags = app.directory().tags.size();
  app.apply(new_tag("Опт от 10 штук"));
  CHECK(tags_named(app.directory(), "Опт от 10 штук") == 1);  // before any answer
  for (int i = 1; i <= 3; ++i) {
    app.update(kNow + i);
    CHECK(app.directory().tags.size() == tags + 1);
    CHECK(tags_named(app.directory(), "Опт от 10 штук") == 1);
  }
  CHECK(app.directory().tags.back().id > 0);
  CHECK(app.settings().saved == 1);
}
