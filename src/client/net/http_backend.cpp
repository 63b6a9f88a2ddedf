// Session first (GET api/me → 401 means the login screen), then the directory,
// then lists; every failure becomes Status, answers are delivered from pump().
#include "net/http_backend.hpp"

#include <algorithm>

#include "core/codec.hpp"
#include "net/api_wire.hpp"
#include "net/settings_wire.hpp"

namespace net {

HttpBackend::HttpBackend()
    : live_([this](core::Event e) {
        ready_.push_back([this, e = std::move(e)] {
          if (e.kind == core::EventKind::DirectoryChanged) load_directory();
          if (sink_) sink_(e);
        });
      }) {
  status_.session = Session::Loading;
  load_session();
}

void HttpBackend::request_list(const core::ViewQuery& query, int limit, ListDone done) {
  list_ = ListRequest{query, std::clamp(limit, 1, kMaxPage), std::move(done)};
  list_state_ = ListState::NotSent;
  // While the session loads the list is asked for beside it: one round trip less.
  if (status_.session == Session::Ready || status_.session == Session::Loading) send_list();
}

bool HttpBackend::pump(core::TimeMs) {
  const bool changed = !ready_.empty();
  while (!ready_.empty()) {
    auto next = std::move(ready_.front());
    ready_.pop_front();
    next();
  }
  return changed;
}

Status HttpBackend::status() const {
  Status s = status_;
  s.live = live_.state();
  return s;
}

void HttpBackend::login(const std::string& email, const std::string& password) {
  if (status_.session == Session::LoggingIn) return;
  status_.session = Session::LoggingIn;
  status_.error.clear();
  status_.code.clear();
  const core::Json body = {{"email", email}, {"password", password}};
  http_send("POST", "api/login", body.dump(),
            [this](HttpAnswer a) { take_session(a, SessionForm::Login); });
}

void HttpBackend::signup(const app::SignupForm& form) {
  if (status_.session == Session::LoggingIn) return;
  status_.session = Session::LoggingIn;
  status_.error.clear();
  status_.code.clear();
  const core::Json body = {{"business", form.business},
                           {"name", form.name},
                           {"email", form.email},
                           {"password", form.password}};
  http_send("POST", "api/signup", body.dump(),
            [this](HttpAnswer a) { take_session(a, SessionForm::Signup); });
}

void HttpBackend::open_invitation(const std::string& token) {
  status_.invitation = app::InvitationView{};
  status_.invitation.token = token;
  status_.invitation.loading = true;
  http_send("GET", "api/invitations/" + token, "", [this, token](HttpAnswer a) {
    if (status_.invitation.token != token) return;  // another link since
    app::InvitationView& v = status_.invitation;
    v.loading = false;
    const core::Json j = core::Json::parse(a.body, nullptr, false);
    const auto text = [&j](const char* key) {
      return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>()
                                                                    : std::string();
    };
    if (a.status == 200) {
      v.name = text("name");
      v.email = text("email");
      v.business = text("business");
    } else if (a.status == 404) {
      v.invalid = true;
    } else {
      failed(a, "invitation");
    }
    ready_.push_back([] {});
  });
}

void HttpBackend::accept_invitation(const app::InvitationForm& form) {
  if (status_.session == Session::LoggingIn) return;
  status_.session = Session::LoggingIn;
  status_.error.clear();
  status_.code.clear();
  const core::Json body = {{"password", form.password}};
  http_send("POST", "api/invitations/" + form.token, body.dump(),
            [this](HttpAnswer a) { take_session(a, SessionForm::Invitation); });
}

void HttpBackend::take_session(const HttpAnswer& a, SessionForm form) {
  const bool signup = form == SessionForm::Signup;
  if (a.status >= 200 && a.status < 300) {
    status_.invitation = app::InvitationView{};  // used up
    // The token works where a cookie cannot: an API on another origin.
    const core::Json j = core::Json::parse(a.body, nullptr, false);
    if (j.is_object() && j.contains("token") && j["token"].is_string()) {
      set_api_token(j["token"].get<std::string>());
    }
    load_session();
    return;
  }
  if (a.status == 0 || a.status >= 500) {
    failed(a, signup ? "signup" : "login");
    return;
  }
  // A refusal: the form stays, with why.
  status_.session = Session::NeedLogin;
  status_.error.clear();
  const std::string reason = failure_of(a.status, a.body).code;  // the reason when there is one
  if (a.status == 429) {
    status_.code = "too_many_attempts";
  } else if (reason == "operator_inactive") {
    status_.code = reason;
  } else if (form == SessionForm::Invitation) {
    status_.invitation.invalid = a.status == 404;
    status_.code = a.status == 404 ? "invitation_invalid" : "signup_refused";
    if (a.status != 404) status_.error = failure_of(a.status, a.body).message;
  } else if (!signup) {
    status_.code = "login_failed";
  } else if (a.status == 409) {
    status_.code = "email_taken";
  } else if (a.status == 403) {
    status_.code = "signup_off";
    status_.signup_enabled = false;
  } else {
    status_.code = "signup_refused";
    status_.error = failure_of(a.status, a.body).message;
  }
  ready_.push_back([] {});  // redraw to show it
}

void HttpBackend::check_signup() {
  signup_checked_ = true;
  http_send("GET", "api/signup", "", [this](HttpAnswer a) {
    const core::Json j = core::Json::parse(a.body, nullptr, false);
    status_.signup_enabled = a.status == 200 && j.is_object() && j.contains("enabled") &&
                             j["enabled"].is_boolean() && j["enabled"].get<bool>();
    ready_.push_back([] {});
  });
}

void HttpBackend::change_profile(const app::ProfileChange& change, SettingsDone done) {
  const bool password = change.what == app::ProfileChange::What::Password;
  const core::Json body = password ? core::Json{{"current_password", change.current_password},
                                                {"new_password", change.new_password}}
                          : change.what == app::ProfileChange::What::Avatar
                              ? core::Json{{"avatar_url", change.avatar_url}}
                              : core::Json{{"name", change.name}};
  answered_request<SettingsAnswer>(
      password ? "POST" : "PUT", password ? "api/me/password" : "api/me", body.dump(), "profile",
      [](const std::string&, SettingsAnswer&) {}, std::move(done));
}

// Who we are and the directory are asked for together; the session is ready
// when both have answered.
void HttpBackend::load_session() {
  me_loaded_ = false;
  directory_loaded_ = false;
  http_send("GET", "api/me", "", [this](HttpAnswer a) {
    if (failed(a, "me")) return;
    operator_id_ = me_operator_id(a.body);
    help_url_ = me_help_url(a.body);
    me_loaded_ = true;
    become_ready();
  });
  load_directory();
}

void HttpBackend::become_ready() {
  if (!me_loaded_ || !directory_loaded_ || status_.session == Session::Ready) return;
  status_.session = Session::Ready;
  status_.error.clear();
  status_.code.clear();
  if (list_ && (list_state_ == ListState::NotSent || list_state_ == ListState::Failed)) {
    send_list();
  }
  start_live();
}

// The stream opens once the session is ready and the first list has answered,
// right after that list's seq: what happens between the two is replayed, not
// lost. Without a list to wait for (or after it failed) it opens at once.
void HttpBackend::start_live() {
  if (live_.started() || status_.session != Session::Ready) return;
  if (list_state_ == ListState::Answered) {
    live_.start(list_seq_);
  } else if (!list_ || list_state_ == ListState::Failed) {
    live_.start();
  }
}

void HttpBackend::load_directory() {
  http_send("GET", "api/directory", "", [this](HttpAnswer a) {
    if (failed(a, "directory")) return;
    try {
      directory_ = parse_directory(a.body);
      ++directory_generation_;
    } catch (const std::exception& e) {
      fail("bad_answer", e.what());
      return;
    }
    directory_loaded_ = true;
    become_ready();
  });
}

void HttpBackend::send_list() {
  ListDone done = list_->done;
  list_state_ = ListState::InFlight;
  http_send("GET", dialogs_url(list_->query, list_->limit), "",
            [this, done = std::move(done)](HttpAnswer a) {
              list_state_ =
                  a.status >= 200 && a.status < 300 ? ListState::Answered : ListState::Failed;
              if (failed(a, "list")) {
                start_live();
                return;
              }
              try {
                auto page = std::make_shared<app::ListPage>(parse_list_page(a.body));
                list_seq_ = page->seq;
                start_live();
                status_.error.clear();
                status_.code.clear();
                ready_.push_back([done, page] { done(std::move(*page)); });
              } catch (const std::exception& e) {
                fail("bad_answer", e.what());
                start_live();
              }
            });
}

void HttpBackend::request_messages(core::Id dialog, core::Id before, int limit, MessagesDone done) {
  answered_request<MessagesAnswer>(
      "GET", messages_url(dialog, before, limit), "", "messages",
      [](const std::string& body, MessagesAnswer& a) { a = parse_message_page(body); },
      std::move(done));
}

void HttpBackend::send_message(core::Id dialog, const Outgoing& message, DialogDone done) {
  dialog_request(send_request(dialog, message), std::move(done), message.idempotency_key);
}

void HttpBackend::change(core::Id dialog, const core::DialogChange& change, DialogDone done) {
  dialog_request(change_request(dialog, change), std::move(done));
}

void HttpBackend::retry_delivery(core::Id dialog, core::Id message, DialogDone done) {
  const std::string action = "messages/" + std::to_string(message) + "/retry";
  dialog_request({"POST", dialog_url(dialog, action.c_str()), ""}, std::move(done));
}

void HttpBackend::request_sources(SourcesDone done) {
  answered_request<SourcesAnswer>(
      "GET", "api/sources", "", "sources",
      [](const std::string& body, SourcesAnswer& a) { a = parse_sources(body); }, std::move(done));
}

void HttpBackend::source_request(const char* method, const std::string& url,
                                 const std::string& body, SourceDone done) {
  answered_request<SourceAnswer>(
      method, url, body, "sources",
      [](const std::string& text, SourceAnswer& a) {
        a.source = parse_source(core::parse_json(text));
      },
      std::move(done));
}

void HttpBackend::connect_source(const app::ConnectForm& form, SourceDone done) {
  source_request("POST", "api/sources", connect_body(form), std::move(done));
}

void HttpBackend::set_source_enabled(core::Id source, bool enabled, SourceDone done) {
  source_request("PATCH", "api/sources/" + std::to_string(source),
                 core::Json{{"enabled", enabled}}.dump(), std::move(done));
}

void HttpBackend::change_settings(const app::SettingsChange& change, SettingsDone done) {
  const ApiRequest r = settings_request(change);
  answered_request<SettingsAnswer>(
      r.method.c_str(), r.url, r.body, "settings",
      [](const std::string& body, SettingsAnswer& a) {
        a.id = parse_created_id(body);
        a.invitation_url = parse_invitation_url(body);
      },
      std::move(done));
}

void HttpBackend::request_block_list(SettingsDone done) {
  answered_request<SettingsAnswer>(
      "GET", "api/block-list", "", "settings",
      [](const std::string& body, SettingsAnswer& a) { a.block_list = parse_block_list(body); },
      std::move(done));
}

void HttpBackend::request_status_usage(SettingsDone done) {
  answered_request<SettingsAnswer>(
      "GET", "api/statuses/usage", "", "settings",
      [](const std::string& body, SettingsAnswer& a) { a.status_usage = parse_status_usage(body); },
      std::move(done));
}

void HttpBackend::dialog_request(const ApiRequest& r, DialogDone done,
                                 const std::string& idempotency_key) {
  http_send(
      r.method.c_str(), r.url, r.body,
      [this, done = std::move(done)](HttpAnswer a) {
        DialogAnswer answer;
        if (a.status == 401) {
          failed(a, "action");
          answer.code = "session_expired";
          answer.retry = true;  // after signing in again
        } else if (a.status < 200 || a.status >= 300) {
          describe(a, answer);
          answer.retry = worth_retrying(a.status);
        } else {
          try {
            answer = parse_dialog_answer(a.body);
          } catch (const std::exception& e) {
            answer.code = "bad_answer";
            answer.error = e.what();
          }
        }
        ready_.push_back([done, answer = std::move(answer)]() mutable { done(std::move(answer)); });
      },
      idempotency_key);
}

void HttpBackend::report_presence(const core::Presence& p) {
  live_.send(presence_report(p));
}

void HttpBackend::request_window(const core::ViewQuery& query, const std::string& cursor, int limit,
                                 WindowDone done) {
  http_send(
      "GET", window_url(query, std::clamp(limit, 1, kMaxPage), cursor), "",
      [this, done = std::move(done)](HttpAnswer a) {
        WindowAnswer answer;
        if (a.status == 401) {
          failed(a, "list");
          answer.code = "session_expired";
        } else if (a.status < 200 || a.status >= 300) {
          describe(a, answer);
        } else {
          try {
            answer.page = parse_list_page(a.body);
          } catch (const std::exception& e) {
            answer.code = "bad_answer";
            answer.error = e.what();
          }
        }
        ready_.push_back([done, answer = std::move(answer)]() mutable { done(std::move(answer)); });
      });
}

void HttpBackend::bulk(const core::BulkRequest& request, BulkDone done) {
  answered_request<BulkAnswer>(
      "POST", "api/bulk", bulk_body(request), "bulk",
      [](const std::string& body, BulkAnswer& a) { a.results = parse_bulk_results(body); },
      std::move(done));
}

void HttpBackend::write_first(core::Id source, const std::string& to, const std::string& text,
                              DialogDone done) {
  dialog_request({"POST", "api/write-first", write_first_body(source, to, text)}, std::move(done));
}

bool HttpBackend::failed(const HttpAnswer& a, const char* what) {
  if (a.status >= 200 && a.status < 300) return false;
  ready_.push_back([] {});  // redraw to show the new state
  if (a.status == 401) {
    status_.session = Session::NeedLogin;
    status_.error.clear();
    status_.code.clear();
    if (!signup_checked_) check_signup();
    return true;
  }
  const Failure f = failure_of(a.status, a.body);
  fail(f.code,
       f.message.empty() || a.status == 0 ? f.message : std::string(what) + ": " + f.message);
  return true;
}

void HttpBackend::fail(std::string code, std::string detail) {
  if (status_.session != Session::Ready) status_.session = Session::Failed;
  status_.code = std::move(code);
  status_.error = std::move(detail);
  ready_.push_back([] {});  // redraw to show it
}

}  // namespace net
