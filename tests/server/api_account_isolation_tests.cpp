// Two accounts on one server: B's owner, given A's real ids, gets a 404 from
// every route that takes an id in its path, and no answer, event, replayed
// idempotent reply, search or download ever carries A's data. The routes are
// walked from the router, so a new route cannot slip past.
#include <set>

#include "server/api/live.hpp"
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::Reply;

namespace {

// Texts only account A has; no answer to B may contain one.
const std::vector<std::string> kMarkers = {"Секретов", "A-secret", "a-secret"};

std::string id_text(const core::Json& j) {
  return std::to_string(j.get<long long>());
}

bool leaks(const std::string& text) {
  for (const std::string& m : kMarkers) {
    if (text.find(m) != std::string::npos) return true;
  }
  return false;
}

// Account A with one of everything that has an id, each carrying a marker.
struct AccountA {
  std::string token;
  std::map<std::string, std::string> ids;  // by the path segment before the id
};

AccountA populate_a(ApiFixture& f) {
  AccountA a;
  a.token = f.login("owner@romashka.ru");
  const std::string& t = a.token;
  const core::Json dir = f.call("GET", "/api/directory", t).json;
  const std::string source = id_text(dir["sources"][0]["id"]);
  const Reply in = f.post("/api/ingest", t,
                          {{"source_id", dir["sources"][0]["id"]},
                           {"external_id", "iso-1"},
                           {"client", {{"identity", "iso-secret"}, {"name", "Секретов Агент"}}},
                           {"text", "A-secret message"}});
  REQUIRE(in.status == 201);
  const std::string dialog = id_text(in.json["row"]["dialog"]["id"]);
  const std::string message = id_text(in.json["message"]["id"]);
  const Reply task = f.post("/api/dialogs/" + dialog + "/tasks", t, {{"text", "A-secret task"}});
  REQUIRE(task.status == 200);
  const Reply tag = f.post("/api/tags", t, {{"name", "A-secret tag"}});
  REQUIRE(tag.status == 201);
  REQUIRE(f.post("/api/dialogs/" + dialog + "/tags", t, {{"tag_ids", {tag.json["id"]}}}).status ==
          200);
  const Reply status = f.post("/api/statuses", t, {{"name", "A-secret status"}});
  REQUIRE(status.status == 201);
  const Reply tpl =
      f.post("/api/templates", t, {{"title", "A-secret template"}, {"text", "A-secret text"}});
  REQUIRE(tpl.status == 201);
  const Reply block = f.post("/api/block-list", t, {{"kind", "stop_word"}, {"value", "a-secret"}});
  REQUIRE(block.status == 201);
  const Reply upload = f.call("POST", "/api/uploads", t, "A-secret file",
                              {{"x-file-name", "a-secret.txt"}, {"content-type", "text/plain"}});
  REQUIRE(upload.status == 201);
  const std::string url = upload.json["url"];
  REQUIRE(f.call("GET", url, t).body == "A-secret file");  // A itself may download it
  const Reply op = f.post("/api/operators", t,
                          {{"name", "Секретов Оператор"},
                           {"email", "a-secret@romashka.ru"},
                           {"password", "a-secret-password"}});
  REQUIRE(op.status == 201);

  a.ids = {{"dialogs", dialog},
           {"messages", message},
           {"tasks", id_text(task.json["dialog"]["tasks"].back()["id"])},
           {"tags", id_text(tag.json["id"])},
           {"statuses", id_text(status.json["id"])},
           {"templates", id_text(tpl.json["id"])},
           {"block-list", id_text(block.json["id"])},
           {"uploads", url.substr(url.rfind('/') + 1)},
           {"operators", id_text(op.json["id"])},
           {"sources", source}};
  return a;
}

// What A's data looks like to A: must be the same after B's attempts.
std::string a_snapshot(ApiFixture& f, const AccountA& a) {
  const std::string& t = a.token;
  const std::string d = "/api/dialogs/" + a.ids.at("dialogs");
  return f.call("GET", d, t).body + f.call("GET", d + "/messages", t).body +
         f.call("GET", "/api/directory", t).body + f.call("GET", "/api/block-list", t).body +
         f.call("GET", "/api/sources", t).body +
         f.call("GET", "/api/uploads/" + a.ids.at("uploads"), t).body;
}

}  // namespace

TEST_CASE("account B's owner gets 404 for every route given account A's ids, and learns nothing") {
  ApiFixture f(20);
  const AccountA a = populate_a(f);
  const std::string b = f.login("b.owner@romashka.ru");
  const core::Json b_dir = f.call("GET", "/api/directory", b).json;
  const std::string before = a_snapshot(f, a);
  const std::int64_t a_seq = f.api.context().store().last_seq(f.account_a);
  REQUIRE(leaks(before));  // the markers are there to be found

  // A valid body for each mutation (with B's own ids where it names any), so
  // that the only thing wrong is the id in the path.
  const std::map<std::string, core::Json> bodies = {
      {"PUT /api/dialogs/{}/status", {{"status_id", b_dir["statuses"][0]["id"]}}},
      {"PUT /api/dialogs/{}/responsible", {{"operator_id", 0}}},
      {"POST /api/dialogs/{}/tags", {{"tag_ids", {b_dir["tags"][0]["id"]}}}},
      {"PUT /api/dialogs/{}/price", {{"price", 100}}},
      {"PUT /api/dialogs/{}/fields", {{"fields", core::Json::array()}}},
      {"POST /api/dialogs/{}/tasks", {{"text", "x"}}},
      {"PATCH /api/dialogs/{}/tasks/{}", {{"done", true}}},
      {"POST /api/dialogs/{}/messages", {{"text", "x"}}},
      {"POST /api/dialogs/{}/notes", {{"text", "x"}}},
      {"PUT /api/statuses/{}",
       {{"name", "x"}, {"color", "#000000"}, {"order", 1}, {"group", "active"}}},
      {"PUT /api/tags/{}", {{"name", "x"}, {"color", "#000000"}}},
      {"PUT /api/templates/{}", {{"title", "x"}, {"text", "y"}}},
      {"PUT /api/operators/{}",
       {{"name", "x"},
        {"email", "x@example.ru"},
        {"role", "manager"},
        {"source_ids", core::Json::array()},
        {"supervisor", false}}},
      {"PATCH /api/sources/{}", {{"name", "x"}}},
  };
  // Routes keyed by a source or a secret token for the outside world
  // (channels' webhooks, the website chat's visitors, an invitation link):
  // public, no session, so B's token means nothing there. Their own tests check them.
  const std::set<std::string> public_by_source = {"hooks", "webchat", "invitations"};

  int checked = 0;
  for (const std::string& pattern : f.api.router().patterns()) {
    const std::string method = pattern.substr(0, pattern.find(' '));
    const std::string route = pattern.substr(pattern.find(' ') + 1);
    std::string path, previous;
    bool has_ids = false, is_public = false;
    std::size_t pos = 1;
    while (pos <= route.size()) {
      std::size_t end = route.find('/', pos);
      if (end == std::string::npos) end = route.size();
      const std::string part = route.substr(pos, end - pos);
      if (part == "{}") {
        has_ids = true;
        if (public_by_source.count(previous)) {
          is_public = true;
        } else {
          auto id = a.ids.find(previous);
          REQUIRE_MESSAGE(id != a.ids.end(),
                          pattern << ": an id after '" << previous
                                  << "' this test has no account-A value for; add one");
          path += "/" + id->second;
        }
      } else {
        path += "/" + part;
      }
      previous = part;
      pos = end + 1;
    }
    CAPTURE(pattern);
    if (is_public) continue;
    if (!has_ids) {
      // No id to borrow: what B reads there is B's own.
      if (method == "GET") CHECK_FALSE(leaks(f.call("GET", path, b).body));
      continue;
    }
    auto body = bodies.find(pattern);
    const std::string sent = body == bodies.end() ? "{}" : body->second.dump();
    const Reply r = f.call(method, path, b, sent);
    CHECK(r.status == 404);
    CHECK(r.json["error"]["code"] == "not_found");
    CHECK_FALSE(leaks(r.body));
    ++checked;
  }
  CHECK(checked >= 30);
  CHECK(a_snapshot(f, a) == before);
  CHECK(f.api.context().store().last_seq(f.account_a) == a_seq);
}

TEST_CASE("account A's ids in B's request bodies are refused as unknown") {
  ApiFixture f(20);
  const AccountA a = populate_a(f);
  const std::string b = f.login("b.owner@romashka.ru");
  const core::Json b_row = f.first_row(b, "accepted");
  const std::string d = api_test::dialog_path(b_row);
  const long long a_status = std::stoll(a.ids.at("statuses"));
  const long long a_tag = std::stoll(a.ids.at("tags"));
  const long long a_operator = std::stoll(a.ids.at("operators"));
  const long long a_source = std::stoll(a.ids.at("sources"));
  const long long a_dialog = std::stoll(a.ids.at("dialogs"));

  CHECK(f.call("PUT", d + "/status", b, core::Json{{"status_id", a_status}}.dump()).status == 400);
  CHECK(f.post(d + "/tags", b, {{"tag_ids", {a_tag}}}).status == 400);
  CHECK(
      f.call("PUT", d + "/responsible", b, core::Json{{"operator_id", a_operator}}.dump()).status ==
      400);
  CHECK(f.post(d + "/tasks", b, {{"text", "x"}, {"assignee_id", a_operator}}).status == 400);
  CHECK(f.post("/api/operators", b,
               {{"name", "x"},
                {"email", "x.iso@example.ru"},
                {"password", "12345678"},
                {"source_ids", {a_source}}})
            .status == 400);
  const Reply wf = f.post("/api/write-first", b,
                          {{"source_id", a_source}, {"to", "+79990001122"}, {"text", "x"}});
  CHECK((wf.status == 400 || wf.status == 404));
  const Reply ing = f.post("/api/ingest", b,
                           {{"source_id", a_source},
                            {"external_id", "iso-b"},
                            {"client", {{"identity", "x"}}},
                            {"text", "x"}});
  CHECK((ing.status == 400 || ing.status == 404));
  const Reply bulk =
      f.post("/api/bulk", b,
             {{"command", {{"action", "mark_read"}}}, {"selection", {{"dialog_ids", {a_dialog}}}}});
  REQUIRE(bulk.status == 200);
  CHECK(bulk.json["results"][0]["outcome"] == "not_found");
  CHECK_FALSE(leaks(wf.body + ing.body + bulk.body));
  CHECK(f.call("GET", "/api/dialogs/" + a.ids.at("dialogs"), a.token).json["dialog"]["unread"] ==
        1);
}

TEST_CASE("B's event stream carries nothing of A's changes") {
  ApiFixture f(20);
  server::LiveHub live(*f.store, f.commit_order, [&f] { return f.now.load(); });
  f.feed.also = &live;
  const std::string a_token = f.login("owner@romashka.ru");
  const std::string b_token = f.login("b.owner@romashka.ru");
  auto open = [&live](const std::string& token) {
    auto socket = std::make_shared<api_test::RecordingSubscriber>();
    server::HttpRequest upgrade;
    upgrade.method = "GET";
    upgrade.path = "/api/events";
    upgrade.query = {{"token", token}};
    REQUIRE(live.handlers().on_open(upgrade, socket));
    return socket;
  };
  auto a_socket = open(a_token);
  auto b_socket = open(b_token);
  REQUIRE(b_socket->sent.size() == 1);  // hello

  populate_a(f);  // dialogs, messages, tasks, tags, statuses, operators: all A's
  const core::Json a_row = f.first_row(a_token, "accepted");
  REQUIRE(
      f.post(api_test::dialog_path(a_row, "/notes"), a_token, {{"text", "A-secret note"}}).status ==
      201);

  CHECK(a_socket->sent.size() > 5);
  bool a_saw_note = false;
  for (const core::Json& e : a_socket->sent) a_saw_note |= leaks(e.dump());
  CHECK(a_saw_note);
  REQUIRE(b_socket->sent.size() == 1);
  CHECK(b_socket->sent[0]["kind"] == "hello");

  // Resuming from the start of B's log replays none of A's events either.
  auto resumed = std::make_shared<api_test::RecordingSubscriber>();
  server::HttpRequest upgrade;
  upgrade.method = "GET";
  upgrade.path = "/api/events";
  upgrade.query = {{"token", b_token}, {"after", "0"}};
  REQUIRE(live.handlers().on_open(upgrade, resumed));
  for (const core::Json& e : resumed->sent) CHECK_FALSE(leaks(e.dump()));
  live.handlers().on_close(resumed);
  live.handlers().on_close(a_socket);
  live.handlers().on_close(b_socket);
  f.feed.also = nullptr;
}

TEST_CASE("an Idempotency-Key A used, reused by B, does not answer A's reply") {
  ApiFixture f(10);
  const std::string a = f.login("owner@romashka.ru");
  const std::string b = f.login("b.owner@romashka.ru");
  const std::map<std::string, std::string> key = {{"idempotency-key", "same-key-1"}};
  const Reply first = f.post("/api/tags", a, {{"name", "A-secret tag"}}, key);
  REQUIRE(first.status == 201);
  REQUIRE(
      f.post("/api/tags", a, {{"name", "A-secret tag"}}, key).headers.count("idempotent-replay"));

  const Reply theirs = f.post("/api/tags", b, {{"name", "Тег B"}}, key);
  CHECK(theirs.status == 201);
  CHECK(!theirs.headers.count("idempotent-replay"));
  CHECK(theirs.json["name"] == "Тег B");
  CHECK(theirs.json["id"] != first.json["id"]);
  CHECK_FALSE(leaks(theirs.body));
  CHECK_FALSE(leaks(f.call("GET", "/api/directory", b).body));
}

TEST_CASE("B's search never finds A's clients, and A's uploads do not download with B's token") {
  ApiFixture f(20);
  const AccountA a = populate_a(f);
  const std::string b = f.login("b.owner@romashka.ru");
  for (const char* mode : {"new", "accepted", "archived"}) {
    for (const char* q : {"Секретов", "iso-secret"}) {
      CAPTURE(mode);
      CAPTURE(q);
      const Reply r = f.call("GET", std::string("/api/dialogs?mode=") + mode + "&search=" + q, b);
      REQUIRE(r.status == 200);
      CHECK(r.json["rows"].empty());
      CHECK_FALSE(leaks(r.body));
    }
  }
  // A finds its own, so the search itself works.
  CHECK(!f.call("GET", "/api/dialogs?mode=new&search=Секретов", a.token).json["rows"].empty());

  const Reply download = f.call("GET", "/api/uploads/" + a.ids.at("uploads"), b);
  CHECK(download.status == 404);
  CHECK_FALSE(leaks(download.body));
  CHECK(f.call("GET", "/api/uploads/" + a.ids.at("uploads")).status == 401);
}
