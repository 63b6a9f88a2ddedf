// Writing first: which sources offer it, addresses in the operator's words,
// and a started conversation opening through the app.
#include <doctest/doctest.h>

#include <memory>

#include "app/inbox_app.hpp"
#include "app/write_first.hpp"
#include "core/channels.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

const core::Source* source_on(const core::Directory& dir, core::ChannelKind kind) {
  for (const core::Source& s : dir.sources) {
    if (s.channel == kind) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("only sources whose channel allows it are offered") {
  net::DemoBackend backend(10, kNow);
  const auto sources = app::write_first_sources(backend.directory());
  REQUIRE_FALSE(sources.empty());
  for (const core::Source* s : sources) CHECK(core::channel_info(s->channel).allows_write_first);
  CHECK(sources.size() < backend.directory().sources.size());
}

TEST_CASE("addresses: phones need 10 to 15 digits, usernames no spaces") {
  std::string error;
  CHECK(app::write_first_address(core::ChannelKind::WhatsApp, "+7 (999) 123-45-67", app::Locale::Ru,
                                 error) == "79991234567");
  CHECK_FALSE(
      app::write_first_address(core::ChannelKind::WhatsApp, "12345", app::Locale::Ru, error));
  CHECK(error.find("от 10 до 15 цифр") != std::string::npos);
  CHECK(app::write_first_address(core::ChannelKind::Telegram, "@Anna_K", app::Locale::Ru, error) ==
        "anna_k");
  CHECK_FALSE(
      app::write_first_address(core::ChannelKind::Telegram, "anna k", app::Locale::En, error));
  CHECK(error == "A username has no spaces, e.g. @anna");
  CHECK_FALSE(app::write_first_address(core::ChannelKind::Telegram, "  ", app::Locale::Ru, error));
  CHECK(error == "Укажите телефон или имя пользователя");
}

TEST_CASE("a first message opens the new dialog in Accepted; a bad form is not sent") {
  app::InboxApp app(std::make_unique<net::DemoBackend>(300, kNow));
  app.update(kNow);
  const core::Source* wa = source_on(app.directory(), core::ChannelKind::WhatsApp);
  REQUIRE(wa);

  app::Intents bad;
  bad.list.write_first = app::WriteFirstForm{wa->id, "+7 999", "Здравствуйте!"};
  app.apply(bad);
  app.update(kNow);
  CHECK(app.write_first().error.find("от 10 до 15 цифр") != std::string::npos);
  CHECK(app.write_first().error_field == app::WriteFirstField::To);  // the form marks it
  CHECK(app.write_first().done == 0);
  CHECK_FALSE(app.dialog().open());

  app::Intents empty_text;
  empty_text.list.write_first = app::WriteFirstForm{wa->id, "+7 999 000-11-22", "  "};
  app.apply(empty_text);
  CHECK(app.write_first().error == "Напишите сообщение");
  CHECK(app.write_first().error_field == app::WriteFirstField::Text);
  app::Intents edited;  // typing into the form clears the problem and its mark
  edited.list.dismiss_write_first_error = true;
  app.apply(edited);
  CHECK(app.write_first().error.empty());
  CHECK(app.write_first().error_field == app::WriteFirstField::None);

  app::Intents good;
  good.list.write_first = app::WriteFirstForm{wa->id, "+7 999 000-11-22", "Здравствуйте!"};
  app.apply(good);
  app.update(kNow);
  app.update(kNow);
  CHECK(app.write_first().error.empty());
  CHECK(app.write_first().done == 1);
  REQUIRE(app.dialog().open());
  CHECK(app.dialog().row.dialog.mode == core::DialogMode::Accepted);
  CHECK(app.dialog().row.client.phone == "79990001122");
  CHECK(app.dialog().row.dialog.last_message == "Здравствуйте!");

  // Writing to the same phone again continues that dialog.
  const core::Id first = app.dialog().id;
  app::Intents again;
  again.list.write_first = app::WriteFirstForm{wa->id, "79990001122", "Вы здесь?"};
  app.apply(again);
  app.update(kNow);
  app.update(kNow);
  CHECK(app.write_first().done == 2);
  CHECK(app.dialog().id == first);
}
