// Session first (GET api/me → 401 means the login screen), then the directory,
// then lists; every failure becomes Status, answers are delivered from pump().
#include "net/http_backend.hpp"

#include <algorithm>

#include "core/codec.hpp"
#include "net/api_wire.hpp"

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
  if (status_.session == Session::Ready) send_list();
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
  const core::Json body = {{"email", email}, {"password", password}};
  http_send("POST", "api/login", body.dump(), [this](HttpAnswer a) {
    if (a.status == 401 || a.status == 400) {
      status_.session = Session::NeedLogin;
      status_.error = "Неверный e-mail или пароль";
      return;
    }
    if (failed(a, "вход")) return;
    // The token works where a cookie cannot: an API on another origin.
    const core::Json j = core::Json::parse(a.body, nullptr, false);
    if (j.is_object() && j.contains("token") && j["token"].is_string()) {
      set_api_token(j["token"].get<std::string>());
    }
    load_session();
  });
}

void HttpBackend::load_session() {
  http_send("GET", "api/me", "", [this](HttpAnswer a) {
    if (failed(a, "профиль")) return;
    const core::Json j = core::Json::parse(a.body, nullptr, false);
    if (j.is_object()) {
      const core::Json op = j.value("operator", core::Json::object());
      if (op.is_object() && op.value("id", core::Json()).is_number_integer()) {
        me_ = op["id"].get<core::Id>();
      }
      if (j.value("help_url", core::Json()).is_string()) help_url_ = j["help_url"];
    }
    load_directory();
  });
}

void HttpBackend::load_directory() {
  http_send("GET", "api/directory", "", [this](HttpAnswer a) {
    if (failed(a, "справочники")) return;
    try {
      directory_ = parse_directory(a.body);
    } catch (const std::exception& e) {
      fail(std::string("Сервер ответил непонятно: ") + e.what());
      return;
    }
    if (status_.session != Session::Ready) {
      status_.session = Session::Ready;
      status_.error.clear();
      live_.start();
      if (list_) send_list();
    }
  });
}

void HttpBackend::send_list() {
  ListDone done = list_->done;
  http_send("GET", dialogs_url(list_->query, list_->limit), "",
            [this, done = std::move(done)](HttpAnswer a) {
              if (failed(a, "список")) return;
              try {
                auto page = std::make_shared<app::ListPage>(parse_list_page(a.body));
                status_.error.clear();
                ready_.push_back([done, page] { done(std::move(*page)); });
              } catch (const std::exception& e) {
                fail(std::string("Сервер ответил непонятно: ") + e.what());
              }
            });
}

void HttpBackend::request_messages(core::Id dialog, int limit, MessagesDone done) {
  http_send("GET", messages_url(dialog, limit), "", [this, done = std::move(done)](HttpAnswer a) {
    MessagesAnswer answer;
    if (a.status == 401) {
      failed(a, "сообщения");
      answer.error = "Нужно войти заново";
    } else if (a.status < 200 || a.status >= 300) {
      answer.error = describe(a);
    } else {
      try {
        answer.messages = parse_messages(a.body);
      } catch (const std::exception& e) {
        answer.error = std::string("Сервер ответил непонятно: ") + e.what();
      }
    }
    ready_.push_back([done, answer = std::move(answer)]() mutable { done(std::move(answer)); });
  });
}

void HttpBackend::send_message(core::Id dialog, const std::string& text, DialogDone done) {
  dialog_request(dialog_url(dialog, "messages"), core::Json{{"text", text}}.dump(),
                 std::move(done));
}

void HttpBackend::accept(core::Id dialog, DialogDone done) {
  dialog_request(dialog_url(dialog, "accept"), "{}", std::move(done));
}

void HttpBackend::archive(core::Id dialog, DialogDone done) {
  dialog_request(dialog_url(dialog, "archive"), "{}", std::move(done));
}

void HttpBackend::dialog_request(const std::string& url, std::string body, DialogDone done) {
  http_send("POST", url, std::move(body), [this, done = std::move(done)](HttpAnswer a) {
    DialogAnswer answer;
    if (a.status == 401) {
      failed(a, "действие");
      answer.error = "Нужно войти заново";
    } else if (a.status < 200 || a.status >= 300) {
      answer.error = describe(a);
    } else {
      try {
        answer = parse_dialog_answer(a.body);
      } catch (const std::exception& e) {
        answer.error = std::string("Сервер ответил непонятно: ") + e.what();
      }
    }
    ready_.push_back([done, answer = std::move(answer)]() mutable { done(std::move(answer)); });
  });
}

std::string HttpBackend::describe(const HttpAnswer& a) {
  if (a.status == 0) return "Нет связи с сервером";
  const std::string detail = error_message(a.body);
  return detail.empty() ? "Ошибка сервера (" + std::to_string(a.status) + ")" : detail;
}

bool HttpBackend::failed(const HttpAnswer& a, const char* what) {
  if (a.status >= 200 && a.status < 300) return false;
  ready_.push_back([] {});  // redraw to show the new state
  if (a.status == 401) {
    status_.session = Session::NeedLogin;
    status_.error.clear();
    return true;
  }
  if (a.status == 0) {
    fail("Нет связи с сервером");
  } else {
    const std::string detail = error_message(a.body);
    fail(std::string("Ошибка сервера (") + what + ", " + std::to_string(a.status) + ")" +
         (detail.empty() ? "" : ": " + detail));
  }
  return true;
}

void HttpBackend::fail(std::string message) {
  if (status_.session != Session::Ready) status_.session = Session::Failed;
  status_.error = std::move(message);
  ready_.push_back([] {});  // redraw to show it
}

}  // namespace net
