// Specs of the dialog lifecycle and of the bookkeeping every message does.
#include <doctest/doctest.h>

#include <string>

#include "core/lifecycle.hpp"

using namespace core;

namespace {

constexpr Id kAccount = 1;

Dialog make_dialog(DialogMode mode = DialogMode::New) {
  Dialog d;
  d.id = 10;
  d.account_id = kAccount;
  d.mode = mode;
  return d;
}

Message message(Direction direction, TimeMs at, std::string text = "hi",
                MessageKind kind = MessageKind::Text) {
  Message m;
  m.dialog_id = 10;
  m.direction = direction;
  m.kind = kind;
  m.text = std::move(text);
  m.created_at = at;
  return m;
}

FunnelStatus status(Id id, StatusGroup group, Id account = kAccount) {
  FunnelStatus s;
  s.id = id;
  s.account_id = account;
  s.group = group;
  return s;
}

}  // namespace

TEST_CASE("a first message opens a dialog in New on the source's channel") {
  Client client;
  client.id = 5;
  client.account_id = kAccount;
  Source source;
  source.id = 7;
  source.account_id = kAccount;
  source.channel = ChannelKind::TelegramBot;

  const Dialog d = open_dialog(42, client, source, 1000);
  CHECK(d.id == 42);
  CHECK(d.account_id == kAccount);
  CHECK(d.client_id == 5);
  CHECK(d.source_id == 7);
  CHECK(d.channel == ChannelKind::TelegramBot);
  CHECK(d.mode == DialogMode::New);
  CHECK(d.created_at == 1000);
  CHECK(d.unread == 0);
  CHECK(d.response_time_ms == -1);
}

TEST_CASE("an inbound message counts as unread and starts waiting for an answer") {
  Dialog d = make_dialog();
  apply_message(d, message(Direction::In, 1000, "Здравствуйте"));
  CHECK(d.unread == 1);
  CHECK_FALSE(d.answered);
  CHECK(d.awaiting_since == 1000);
  CHECK(d.response_time_ms == -1);
  CHECK(d.last_inbound_at == 1000);
  CHECK(d.last_message_at == 1000);
  CHECK(d.last_message == "Здравствуйте");
}

TEST_CASE("a second unanswered inbound message keeps waiting since the first") {
  Dialog d = make_dialog();
  apply_message(d, message(Direction::In, 1000));
  apply_message(d, message(Direction::In, 5000));
  CHECK(d.unread == 2);
  CHECK(d.awaiting_since == 1000);
  CHECK(d.last_inbound_at == 5000);
}

TEST_CASE("an answer measures the response time from the first unanswered message") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 1000));
  apply_message(d, message(Direction::In, 2000));
  apply_message(d, message(Direction::Out, 61000, "Добрый день"));
  CHECK(d.answered);
  CHECK(d.response_time_ms == 60000);
  CHECK(d.awaiting_since == 0);
  CHECK(d.unread == 0);
  CHECK(d.last_outbound_at == 61000);
  CHECK(d.last_message_at == 61000);
  CHECK(d.last_message == "Добрый день");
}

TEST_CASE("a follow-up answer keeps the response time of the first answer") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 1000));
  apply_message(d, message(Direction::Out, 3000));
  apply_message(d, message(Direction::Out, 90000));
  CHECK(d.response_time_ms == 2000);
  CHECK(d.last_outbound_at == 90000);
}

TEST_CASE("a new client message after an answer clears the response time until answered again") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 1000));
  apply_message(d, message(Direction::Out, 3000));
  apply_message(d, message(Direction::In, 10000));
  CHECK(d.response_time_ms == -1);
  CHECK_FALSE(d.answered);
  CHECK(d.awaiting_since == 10000);
  apply_message(d, message(Direction::Out, 10500));
  CHECK(d.response_time_ms == 500);
}

TEST_CASE("an answer stamped before the client's message counts as an instant response") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 5000));
  apply_message(d, message(Direction::Out, 4000));
  CHECK(d.response_time_ms == 0);
}

TEST_CASE("writing first marks the dialog answered without a response time") {
  Dialog d = make_dialog();
  apply_message(d, message(Direction::Out, 1000));
  CHECK(d.answered);
  CHECK(d.response_time_ms == -1);
  CHECK(d.last_inbound_at == 0);
}

TEST_CASE("an inbound message in an archived dialog brings it back to New") {
  Dialog d = make_dialog(DialogMode::Archived);
  apply_message(d, message(Direction::In, 1000));
  CHECK(d.mode == DialogMode::New);
}

TEST_CASE("an inbound message leaves an accepted dialog accepted") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 1000));
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("an outbound message leaves an archived dialog in the archive") {
  Dialog d = make_dialog(DialogMode::Archived);
  apply_message(d, message(Direction::Out, 1000));
  CHECK(d.mode == DialogMode::Archived);
}

TEST_CASE("a note changes neither the counters nor the preview") {
  Dialog d = make_dialog(DialogMode::Accepted);
  apply_message(d, message(Direction::In, 1000, "Client text"));
  const Dialog before = d;
  apply_message(d, message(Direction::Out, 2000, "internal remark", MessageKind::Note));
  CHECK(d.unread == before.unread);
  CHECK(d.answered == before.answered);
  CHECK(d.awaiting_since == before.awaiting_since);
  CHECK(d.response_time_ms == -1);
  CHECK(d.last_message_at == 1000);
  CHECK(d.last_outbound_at == 0);
  CHECK(d.last_message == "Client text");
}

TEST_CASE("a system message changes nothing") {
  Dialog d = make_dialog(DialogMode::Archived);
  apply_message(d, message(Direction::In, 1000, "Dialog assigned", MessageKind::System));
  CHECK(d.mode == DialogMode::Archived);
  CHECK(d.unread == 0);
  CHECK(d.last_message_at == 0);
  CHECK(d.last_message.empty());
}

TEST_CASE("a message that arrives late does not replace the newer preview") {
  Dialog d = make_dialog();
  apply_message(d, message(Direction::In, 5000, "newer"));
  apply_message(d, message(Direction::In, 3000, "older"));
  CHECK(d.last_message == "newer");
  CHECK(d.last_message_at == 5000);
  CHECK(d.last_inbound_at == 5000);
  CHECK(d.unread == 2);
}

TEST_CASE("a file shows its attachment's name as the preview") {
  Message m = message(Direction::In, 1000, "", MessageKind::File);
  m.attachments.push_back({"invoice.pdf", "application/pdf", "https://x/invoice.pdf", 1234});
  Dialog d = make_dialog();
  apply_message(d, m);
  CHECK(d.last_message == "invoice.pdf");
  CHECK(d.unread == 1);
}

TEST_CASE("a file without attachments falls back to its text") {
  CHECK(message_preview(message(Direction::In, 1, "caption", MessageKind::File)) == "caption");
}

TEST_CASE("the preview is one line") {
  CHECK(message_preview(message(Direction::In, 1, "line one\nline two\r\n\tend")) ==
        "line one line two   end");
}

TEST_CASE("a long preview is cut at a character boundary and ends with an ellipsis") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "я";  // two bytes each
  const std::string preview = message_preview(message(Direction::In, 1, text));
  CHECK(preview.size() <= kPreviewMaxBytes);
  CHECK(preview.size() > kPreviewMaxBytes - 4);
  CHECK(preview.substr(preview.size() - 3) == "…");
  CHECK(preview.substr(0, preview.size() - 3) == text.substr(0, preview.size() - 3));
  CHECK((preview.size() - 3) % 2 == 0);  // no half of a "я"

  const std::string exact(kPreviewMaxBytes, 'a');
  CHECK(message_preview(message(Direction::In, 1, exact)) == exact);
}

TEST_CASE("accepting moves a new dialog to Accepted and is refused from other modes") {
  Dialog d = make_dialog();
  CHECK(accept(d).ok);
  CHECK(d.mode == DialogMode::Accepted);

  const Outcome again = accept(d);
  CHECK_FALSE(again.ok);
  CHECK_FALSE(again.error.empty());
  CHECK(d.mode == DialogMode::Accepted);

  Dialog archived = make_dialog(DialogMode::Archived);
  CHECK_FALSE(accept(archived).ok);
  CHECK(archived.mode == DialogMode::Archived);
}

TEST_CASE("archiving works from New and Accepted and is refused when already archived") {
  Dialog fresh = make_dialog();
  CHECK(archive(fresh).ok);
  CHECK(fresh.mode == DialogMode::Archived);

  Dialog accepted = make_dialog(DialogMode::Accepted);
  CHECK(archive(accepted).ok);
  CHECK(accepted.mode == DialogMode::Archived);

  const Outcome again = archive(accepted);
  CHECK_FALSE(again.ok);
  CHECK_FALSE(again.error.empty());
}

TEST_CASE("a closing funnel status archives the dialog") {
  for (StatusGroup group : {StatusGroup::Success, StatusGroup::Failure, StatusGroup::NotALead}) {
    Dialog d = make_dialog(DialogMode::Accepted);
    CHECK(set_status(d, status(3, group)).ok);
    CHECK(d.status_id == 3);
    CHECK(d.mode == DialogMode::Archived);
  }
}

TEST_CASE("an active funnel status brings an archived dialog back to Accepted") {
  Dialog d = make_dialog(DialogMode::Archived);
  CHECK(set_status(d, status(2, StatusGroup::Active)).ok);
  CHECK(d.status_id == 2);
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("an active funnel status leaves New and Accepted dialogs where they are") {
  Dialog fresh = make_dialog();
  CHECK(set_status(fresh, status(2, StatusGroup::Active)).ok);
  CHECK(fresh.mode == DialogMode::New);

  Dialog accepted = make_dialog(DialogMode::Accepted);
  CHECK(set_status(accepted, status(2, StatusGroup::Active)).ok);
  CHECK(accepted.mode == DialogMode::Accepted);
}

TEST_CASE("a funnel status of another account is refused and changes nothing") {
  Dialog d = make_dialog(DialogMode::Accepted);
  const Outcome outcome = set_status(d, status(9, StatusGroup::Success, kAccount + 1));
  CHECK_FALSE(outcome.ok);
  CHECK_FALSE(outcome.error.empty());
  CHECK(d.status_id == kNoId);
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("marking read clears unread and marking unread leaves at least one") {
  Dialog d = make_dialog();
  d.unread = 4;
  mark_read(d);
  CHECK(d.unread == 0);
  mark_unread(d);
  CHECK(d.unread == 1);
  d.unread = 3;
  mark_unread(d);
  CHECK(d.unread == 3);
}

TEST_CASE("every status group but Active is closing") {
  CHECK_FALSE(is_closing(StatusGroup::Active));
  CHECK(is_closing(StatusGroup::Success));
  CHECK(is_closing(StatusGroup::Failure));
  CHECK(is_closing(StatusGroup::NotALead));
}
