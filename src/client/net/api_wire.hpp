// The client's side of the HTTP API as plain functions: request URLs from a
// view query, and response bodies into app data. No I/O, tested natively.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/list_view.hpp"
#include "core/bulk.hpp"
#include "core/codec.hpp"
#include "core/entities.hpp"
#include "core/filter.hpp"
#include "net/backend.hpp"

namespace net {

// "api/dialogs?mode=new&sort=last_message&order=desc&...&limit=N": relative, so
// the page works under any base path.
std::string dialogs_url(const core::ViewQuery& query, int limit);
// "api/events" (nothing seen yet: after_seq < 0) or "api/events?after=N" (N >= 0:
// an account with no events yet says 0, and still gets what happens while away).
std::string events_path(std::int64_t after_seq);

// The bodies of GET /api/dialogs and GET /api/directory; throw core::DecodeError
// for malformed JSON or a missing or wrongly typed field.
app::ListPage parse_list_page(std::string_view body);
core::Directory parse_directory(std::string_view body);
// The messages of GET /api/dialogs/{id}/messages (newest first, as sent).
std::vector<core::Message> parse_messages(std::string_view body);
// The same page with its "next_before".
MessagesAnswer parse_message_page(std::string_view body);
// {"message", "row"} of a sent message, or the bare DialogRow of a dialog action.
DialogAnswer parse_dialog_answer(std::string_view body);
// "api/dialogs/42/messages?limit=N" and "api/dialogs/42/<action>".
std::string messages_url(core::Id dialog, int limit);
// "api/dialogs/42/messages?before=7&limit=N" (no `before` when it is kNoId).
std::string messages_url(core::Id dialog, core::Id before, int limit);
std::string dialog_url(core::Id dialog, const char* action);

// The request that makes a dialog change: method, relative URL and JSON body.
struct ApiRequest {
  std::string method;
  std::string url;
  std::string body;
};
ApiRequest change_request(core::Id dialog, const core::DialogChange& change);
// POST .../messages or .../notes with the composer's text, attachments and reply target.
ApiRequest send_request(core::Id dialog, const Outgoing& message);

// The "message" of an {"error": {...}} body, or "" when the body is not one.
std::string error_message(std::string_view body);
// Why a request failed: a code for app/problem_text and the server's text.
// No answer: "offline"; 401: "session_expired"; an error body: its "reason"
// (a rule's refusal) or else its "code"; anything else: "server_error" with "HTTP <status>".
struct Failure {
  std::string code;
  std::string message;
};
Failure failure_of(int status, std::string_view body);

// The window after a cursor: dialogs_url(query, limit) + "&cursor=...".
std::string window_url(const core::ViewQuery& query, int limit, const std::string& cursor);
// The body of POST /api/bulk, and its {"results": [...]}.
std::string bulk_body(const core::BulkRequest& request);
std::vector<core::BulkResult> parse_bulk_results(std::string_view body);
// The body of POST /api/write-first.
// GET /api/sources, one Source of it, and the body of POST /api/sources.
SourcesAnswer parse_sources(std::string_view body);
app::SourceStatus parse_source(const core::Json& json);
std::string connect_body(const app::ConnectForm& form);

std::string write_first_body(core::Id source, const std::string& to, const std::string& text);

// The operator's id in GET /api/me's {"operator": {"id"}}; kNoId when absent.
core::Id me_operator_id(std::string_view body);
// The support link in GET /api/me's {"help_url"}; "" when absent.
std::string me_help_url(std::string_view body);

// Whether an HTTP status (0: no answer) means "the same request may go again
// later" rather than "refused": no answer, a timeout, throttling, a proxy
// without its server.
bool worth_retrying(int status);
// The live stream's frame that reports this operator's presence in a dialog.
std::string presence_report(const core::Presence& presence);

// Reconnect delays: 1 s, 2 s, 4 s, ... at most 15 s (attempt counts from 0).
int reconnect_delay_ms(int attempt);

}  // namespace net
