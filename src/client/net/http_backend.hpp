// The backend over the server's API: the session (me, directory, login), the
// dialog list over HTTP and live events over the WebSocket.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "net/api_wire.hpp"
#include "net/backend.hpp"
#include "net/http_request.hpp"
#include "net/live_socket.hpp"

namespace net {

class HttpBackend : public Backend {
 public:
  static constexpr int kMaxPage = 200;  // the server's largest window

  HttpBackend();
  HttpBackend(const HttpBackend&) = delete;
  HttpBackend& operator=(const HttpBackend&) = delete;

  const core::Directory& directory() const override { return directory_; }
  int directory_generation() const override { return directory_generation_; }
  void request_list(const core::ViewQuery& query, int limit, ListDone done) override;
  bool pump(core::TimeMs now) override;
  void request_messages(core::Id dialog, core::Id before, int limit, MessagesDone done) override;
  void send_message(core::Id dialog, const Outgoing& message, DialogDone done) override;
  void change(core::Id dialog, const core::DialogChange& change, DialogDone done) override;
  void retry_delivery(core::Id dialog, core::Id message, DialogDone done) override;
  void request_sources(SourcesDone done) override;
  void connect_source(const app::ConnectForm& form, SourceDone done) override;
  void set_source_enabled(core::Id source, bool enabled, SourceDone done) override;
  void change_settings(const app::SettingsChange& change, SettingsDone done) override;
  void request_block_list(SettingsDone done) override;
  void request_status_usage(SettingsDone done) override;
  Status status() const override;
  void login(const std::string& email, const std::string& password) override;
  void signup(const app::SignupForm& form) override;
  void open_invitation(const std::string& token) override;
  void accept_invitation(const app::InvitationForm& form) override;
  void change_profile(const app::ProfileChange& change, SettingsDone done) override;
  void set_event_sink(EventSink sink) override { sink_ = std::move(sink); }
  std::string help_url() const override { return help_url_; }

  void request_window(const core::ViewQuery& query, const std::string& cursor, int limit,
                      WindowDone done) override;
  void bulk(const core::BulkRequest& request, BulkDone done) override;
  void write_first(core::Id source, const std::string& to, const std::string& text,
                   DialogDone done) override;
  core::Id operator_id() const override { return operator_id_; }
  void report_presence(const core::Presence& presence) override;

 private:
  struct ListRequest {
    core::ViewQuery query;
    int limit = 0;
    ListDone done;
  };

  void load_session();
  // The answer to a login, a sign-up or an invitation: the session, or the
  // login screen again with why not.
  enum class SessionForm { Login, Signup, Invitation };
  void take_session(const HttpAnswer& a, SessionForm form);
  void check_signup();  // whether the login screen offers a sign-up
  void load_directory();
  void send_list();
  // A dialog's mutation; a key makes its retries safe (the server answers them once).
  void dialog_request(const ApiRequest& request, DialogDone done,
                      const std::string& idempotency_key = "");
  // A request whose answer is parsed into an Answer (code and error on a
  // failure, session_expired on a 401), handed to `done` from pump().
  template <class Answer, class Parse>
  void answered_request(const char* method, const std::string& url, const std::string& body,
                        const char* what, Parse parse, std::function<void(Answer)> done) {
    http_send(method, url, body, [this, what, parse, done = std::move(done)](HttpAnswer a) {
      Answer answer;
      if (a.status == 401) {
        failed(a, what);
        answer.code = "session_expired";
      } else if (a.status < 200 || a.status >= 300) {
        describe(a, answer);
      } else {
        try {
          parse(a.body, answer);
        } catch (const std::exception& e) {
          answer.code = "bad_answer";
          answer.error = e.what();
        }
      }
      ready_.push_back([done, answer = std::move(answer)]() mutable { done(std::move(answer)); });
    });
  }
  // A source's change (connect, on/off); the answer is the source.
  void source_request(const char* method, const std::string& url, const std::string& body,
                      SourceDone done);
  // A failed answer's code and the server's text, into any of the answers.
  template <class Answer>
  static void describe(const HttpAnswer& a, Answer& answer) {
    Failure f = failure_of(a.status, a.body);
    answer.code = std::move(f.code);
    answer.error = std::move(f.message);
  }
  // Turns a failed answer into the visible state; true when it was one.
  bool failed(const HttpAnswer& answer, const char* what);
  void fail(std::string code, std::string detail);
  void become_ready();  // once api/me and api/directory have both answered
  void start_live();    // the event stream, once; see the definition for when

  core::Directory directory_;
  core::Id operator_id_ = core::kNoId;  // from api/me
  std::string help_url_;
  Status status_;
  std::optional<ListRequest> list_;  // the latest view asked for
  enum class ListState { NotSent, InFlight, Answered, Failed };
  ListState list_state_ = ListState::NotSent;  // of the latest view's request
  std::int64_t list_seq_ = -1;                 // the event log's position of the latest answer
  bool me_loaded_ = false;
  bool signup_checked_ = false;
  int directory_generation_ = 0;
  bool directory_loaded_ = false;
  std::deque<std::function<void()>> ready_;  // answers and events for the next pump()
  EventSink sink_;
  LiveSocket live_;
};

}  // namespace net
