// Problems in the operator's words: every code a rule or the server gives
// reads in Russian and English, the server's text stays for what is unknown.
#include <doctest/doctest.h>

#include "app/dialog_view.hpp"
#include "app/problem_text.hpp"
#include "core/dialog_change.hpp"
#include "core/lifecycle.hpp"

using app::Locale;
using app::problem_text;

TEST_CASE("a core refusal reads in the operator's language, not the rule's English") {
  core::Dialog d;
  d.mode = core::DialogMode::Archived;
  const core::Outcome o = core::archive(d);
  REQUIRE_FALSE(o.ok);
  CHECK(o.code == "already_archived");
  CHECK(problem_text(o.code, o.error, Locale::Ru) == "Диалог уже в архиве");
  CHECK(problem_text(o.code, o.error, Locale::En) == "The dialog is already archived");
  const core::Outcome accept = core::accept(d);
  CHECK(problem_text(accept.code, accept.error, Locale::Ru) == "Принять можно только новый диалог");
}

TEST_CASE("every refusal of a dialog change has a code with words in both languages") {
  core::Dialog d;
  d.id = 1;
  core::Directory dir;
  const core::DialogChange refused[] = {core::DialogChange::status(99),
                                        core::DialogChange::responsible(99),
                                        core::DialogChange::add_tag(99),
                                        core::DialogChange::set_price(-1),
                                        core::DialogChange::set_fields({{"", "x"}}),
                                        core::DialogChange::add_task(" ", 0, 0),
                                        core::DialogChange::task_done(5, true),
                                        core::DialogChange::edit_task(5, "x", 0, 0),
                                        core::DialogChange::delete_task(5)};
  for (const core::DialogChange& c : refused) {
    const core::Outcome o = core::apply(c, d, dir);
    REQUIRE_FALSE(o.ok);
    CAPTURE(o.error);
    CHECK_FALSE(o.code.empty());
    const std::string ru = problem_text(o.code, "", Locale::Ru);
    const std::string en = problem_text(o.code, "", Locale::En);
    CHECK(ru != "Сервер отказал");
    CHECK(en != "Refused");
    CHECK(ru != en);
  }
}

TEST_CASE("the server's detail follows where it says more; unknown codes show the server's text") {
  CHECK(problem_text("server_error", "HTTP 502", Locale::Ru) == "Ошибка сервера: HTTP 502");
  CHECK(problem_text("bad_request", "tag_ids[2]: expected a positive integer id", Locale::En) ==
        "The server did not accept the request: tag_ids[2]: expected a positive integer id");
  CHECK(problem_text("offline", "", Locale::En) == "No connection to the server");
  CHECK(problem_text("write_first_not_allowed", "Instagram does not allow writing first",
                     Locale::Ru) == "Этот канал не позволяет написать первым");
  CHECK(problem_text("something_new", "A rule from a newer server", Locale::Ru) ==
        "A rule from a newer server");
  CHECK(problem_text("", "", Locale::Ru) == "Сервер отказал");
  CHECK(problem_text("", "", Locale::En) == "Refused");
}

TEST_CASE("the server's storage refusals are worded for the operator, without SQLite's words") {
  CHECK(problem_text("storage_full", "storage full: no space left for the database", Locale::Ru) ==
        "На сервере нет места");
  CHECK(problem_text("storage_unavailable", "storage unavailable: ...", Locale::Ru) ==
        "Сервер сейчас не может сохранить данные: повторите позже");
  CHECK(problem_text("storage_unavailable", "", Locale::En) ==
        "The server cannot store anything now: try again later");
  CHECK(problem_text("storage_busy", "storage busy: a conflicting write ...", Locale::Ru) ==
        "Сервер был занят другой записью: повторите");
}
