// The view as a link, and the host's view object: round trips, defaults left
// out, and bad input refused with a reason.
#include <doctest/doctest.h>

#include <stdexcept>

#include "app/deep_link.hpp"
#include "core/codec.hpp"

namespace {

bool same(const core::ViewQuery& a, const core::ViewQuery& b) {
  return core::encode(a) == core::encode(b);
}

}  // namespace

TEST_CASE("the default view is a short link and an empty fragment is the default view") {
  CHECK(app::encode_link({}) == "mode=new");
  const app::DeepLink empty = app::decode_link("");
  CHECK(same(empty.query, core::ViewQuery{}));
  CHECK(empty.dialog == core::kNoId);
  CHECK(same(app::decode_link("#").query, core::ViewQuery{}));
}

TEST_CASE("mode, every filter kind, search, sort and the dialog survive the round trip") {
  app::DeepLink link;
  link.query.mode = core::DialogMode::Accepted;
  link.query.filter.channels = {core::ChannelKind::Telegram, core::ChannelKind::VK};
  link.query.filter.statuses = {3, core::kNoId};
  link.query.filter.responsibles = {7};
  link.query.filter.tags = {11, 12};
  link.query.filter.sources = {2};
  link.query.filter.types = {core::ReadType::Unread};
  link.query.filter.created = {1'700'000'000'000, 1'700'086'400'000};
  link.query.filter.last_message = {0, 1'700'000'000'000};
  link.query.filter.search = "Анна & co=+7";
  link.query.sort = {core::SortKey::Price, false};
  link.dialog = 4242;
  const std::string text = app::encode_link(link);
  CHECK(text.find("mode=accepted") == 0);
  CHECK(text.find("channels=telegram,vk") != std::string::npos);
  CHECK(text.find("dialog=4242") != std::string::npos);
  CHECK(text.find(' ') == std::string::npos);
  const app::DeepLink back = app::decode_link("#" + text);
  CHECK(same(back.query, link.query));
  CHECK(back.dialog == 4242);
  CHECK(app::encode_link(back) == text);
}

TEST_CASE("bad links are refused with the part named") {
  CHECK_THROWS_WITH_AS(app::decode_link("mode=later"), doctest::Contains("mode"), std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("mode=new&dialog=abc"), doctest::Contains("dialog"),
                       std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("colour=red"), doctest::Contains("colour"), std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("search=%zz"), doctest::Contains("escape"), std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("channels=pigeon"), doctest::Contains("channels"),
                       std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("order=up"), doctest::Contains("order"), std::exception);
}

TEST_CASE("an invitation link gives its token, and is never written back into a link") {
  const std::string token(64, 'a');
  const app::DeepLink link = app::decode_link("#invite=" + token);
  CHECK(link.invitation == token);
  CHECK(link.dialog == core::kNoId);
  CHECK(app::encode_link(link) == app::encode_link(app::DeepLink{}));
  CHECK_THROWS_WITH_AS(app::decode_link("invite="), doctest::Contains("invite"), std::exception);
  CHECK_THROWS_WITH_AS(app::decode_link("invite=../x"), doctest::Contains("invite"),
                       std::exception);
}

TEST_CASE("the host's view object sets the mode alone, or replaces the filter whole") {
  core::ViewQuery base;
  base.filter.search = "анна";
  base.sort = {core::SortKey::Price, true};
  const core::ViewQuery mode_only = app::view_from_json(R"({"mode":"archived"})", base);
  CHECK(mode_only.mode == core::DialogMode::Archived);
  CHECK(mode_only.filter.search == "анна");
  CHECK(mode_only.sort.key == core::SortKey::Price);

  const core::ViewQuery filtered =
      app::view_from_json(R"({"mode":"accepted","channels":["whatsapp"],"statuses":[4]})", base);
  CHECK(filtered.mode == core::DialogMode::Accepted);
  CHECK(filtered.filter.channels == std::vector<core::ChannelKind>{core::ChannelKind::WhatsApp});
  CHECK(filtered.filter.statuses == std::vector<core::Id>{4});
  CHECK(filtered.filter.search.empty());  // replaced, not merged

  CHECK_THROWS_AS(app::view_from_json(R"({"mode":"soon"})", base), core::DecodeError);
  CHECK_THROWS_AS(app::view_from_json(R"({"channels":"telegram"})", base), core::DecodeError);
  CHECK_THROWS_AS(app::view_from_json("[1]", base), core::DecodeError);
}

// encode_link writes a NUL as %00, which no link may hold: a view with one
// could be shown but never linked again, so it is refused on the way in.
TEST_CASE("a NUL byte is refused in a link and in the host's view object") {
  using namespace std::string_literals;
  CHECK_THROWS_WITH_AS(app::decode_link("search=a\0b"s), doctest::Contains("NUL"), std::exception);
  CHECK_THROWS_AS(app::decode_link("search=a%00b"), std::exception);
  CHECK_THROWS_AS(app::view_from_json(R"({"search":"a\u0000b"})", {}), core::DecodeError);
  CHECK_THROWS_AS(app::view_from_json(R"({"mode":"new","mode":"accepted"})", {}),
                  core::DecodeError);
}
