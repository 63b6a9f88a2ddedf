// How attachments read in a bubble: kind, size and whether they open.
#include <doctest/doctest.h>

#include <memory>

#include "app/attachments.hpp"
#include "app/inbox_app.hpp"
#include "net/demo_backend.hpp"

using app::FileKind;
using app::Locale;

namespace {
core::Attachment file(std::string name, std::string mime, std::string url = "/api/uploads/x") {
  return {std::move(name), std::move(mime), std::move(url), 1000};
}
}  // namespace

TEST_CASE("the kind comes from the MIME type first, then the extension") {
  CHECK(app::file_kind(file("a.bin", "image/png")) == FileKind::Image);
  CHECK(app::file_kind(file("счёт.pdf", "application/pdf")) == FileKind::Pdf);
  CHECK(app::file_kind(file("ФОТО.JPG", "application/octet-stream")) == FileKind::Image);
  CHECK(app::file_kind(file("договор.docx", "")) == FileKind::Document);
  CHECK(app::file_kind(file("прайс.xlsx", "")) == FileKind::Spreadsheet);
  CHECK(app::file_kind(file("архив.zip", "")) == FileKind::Archive);
  CHECK(app::file_kind(file("голос.ogg", "")) == FileKind::Audio);
  CHECK(app::file_kind(file("clip", "video/mp4")) == FileKind::Video);
  CHECK(app::file_kind(file("README", "")) == FileKind::Other);
  CHECK(app::file_kind(file("name.", "")) == FileKind::Other);
}

TEST_CASE("sizes read in bytes, kilobytes and megabytes with a decimal comma in Russian") {
  CHECK(app::format_size(512, Locale::Ru) == "512 Б");
  CHECK(app::format_size(48'000, Locale::Ru) == "47 КБ");
  CHECK(app::format_size(1536 * 1024, Locale::Ru) == "1,5 МБ");
  CHECK(app::format_size(1536 * 1024, Locale::En) == "1.5 MB");
  CHECK(app::format_size(2 * 1024 * 1024, Locale::En) == "2 MB");
  CHECK(app::format_size(25LL * 1024 * 1024 * 1024, Locale::En) == "25 GB");
  CHECK(app::format_size(0, Locale::Ru).empty());
  CHECK(app::format_size(-5, Locale::Ru).empty());
}

TEST_CASE("only an attachment with a URL can be opened") {
  CHECK(app::can_open(file("a.pdf", "application/pdf")));
  CHECK_FALSE(app::can_open(file("a.pdf", "application/pdf", "")));
}

TEST_CASE("a click on a file asks the page to open it; a file with no copy is told instead") {
  app::InboxApp inbox(std::make_unique<net::DemoBackend>(50, 1700000000000));
  inbox.update(1700000000000);
  REQUIRE_FALSE(inbox.list().page.rows.empty());
  app::Intents click;
  click.click_row = inbox.list().page.rows.front().dialog.id;
  inbox.apply(click);
  inbox.update(1700000000000);
  inbox.take_notices();

  app::Intents open;
  open.open_file = file("Счёт №15.pdf", "application/pdf", "/api/uploads/0123");
  inbox.apply(open);
  const std::vector<app::HostNotice> notices = inbox.take_notices();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].kind == app::HostNoticeKind::OpenFile);
  CHECK(notices[0].title == "Счёт №15.pdf");
  CHECK(notices[0].text == "/api/uploads/0123");
  CHECK(inbox.notice().id == 0);

  open.open_file = file("фото.jpg", "image/jpeg", "");
  inbox.apply(open);
  CHECK(inbox.take_notices().empty());
  CHECK(inbox.notice().what == app::Notice::What::OpenFile);
  const int id = inbox.notice().id;
  CHECK(id > 0);

  inbox.open_failed("file_gone", "no such upload");  // the page's download failed
  CHECK(inbox.notice().id == id + 1);
  CHECK(inbox.notice().code == "file_gone");
  CHECK(inbox.notice().reason == "no such upload");
}
