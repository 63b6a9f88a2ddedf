// Every mutating route, with real ids of the caller's account, against a corpus of
// malformed and hostile bodies (tests/server/hostile_bodies.hpp): each answer is a
// 4xx with an error object, nothing is written and no event is published.
#include <set>

#include "server/api_fixture.hpp"
#include "server/hostile_bodies.hpp"

using api_test::ApiFixture;

namespace {

std::string id_text(const core::Json& item) {
  return std::to_string(item["id"].get<long long>());
}

// The route's pattern with each "{}" replaced by a real id of what the segment
// before it names; a segment this table does not know fails the test.
std::string real_path(const std::string& pattern, const std::map<std::string, std::string>& ids) {
  std::string path;
  std::string segment;
  std::size_t pos = pattern.find(' ') + 1;
  while (pos < pattern.size()) {
    std::size_t end = pattern.find('/', pos + 1);
    if (end == std::string::npos) end = pattern.size();
    const std::string part = pattern.substr(pos, end - pos);  // "/dialogs" or "/{}"
    if (part == "/{}") {
      auto it = ids.find(segment);
      CHECK_MESSAGE(it != ids.end(), pattern << ": no id for a \"" << segment << "\" segment");
      path += "/" + (it != ids.end() ? it->second : std::string("1"));
    } else {
      path += part;
      segment = part.substr(1);
    }
    pos = end;
  }
  return path;
}

struct Snapshot {
  core::Json dialog, messages, directory, block_list, sources;
  std::int64_t seq = 0;
  bool operator==(const Snapshot& o) const {
    return dialog == o.dialog && messages == o.messages && directory == o.directory &&
           block_list == o.block_list && sources == o.sources && seq == o.seq;
  }
};

}  // namespace

TEST_CASE("no malformed or hostile body is taken by any mutating route, and none writes") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const std::string d = id_text(row["dialog"]);
  const auto dir = f.call("GET", "/api/directory", t).json;
  const auto history = f.call("GET", "/api/dialogs/" + d + "/messages?limit=1", t).json;
  REQUIRE(!history["messages"].empty());
  auto task = f.post("/api/dialogs/" + d + "/tasks", t, {{"text", "Перезвонить"}});
  REQUIRE(task.status == 200);
  auto block = f.post("/api/block-list", t, {{"kind", "stop_word"}, {"value", "спам"}});
  REQUIRE(block.status / 100 == 2);
  const std::string source = id_text(dir["sources"][0]);
  auto invitation =
      f.post("/api/operators/" + id_text(dir["operators"].back()) + "/invitation", t, {});
  REQUIRE(invitation.status == 200);
  const std::map<std::string, std::string> ids = {
      {"dialogs", d},
      {"messages", id_text(history["messages"][0])},
      {"tasks", id_text(task.json["dialog"]["tasks"].back())},
      {"tags", id_text(dir["tags"][0])},
      {"statuses", id_text(dir["statuses"][0])},
      {"templates", id_text(dir["templates"][0])},
      {"operators", id_text(dir["operators"].back())},
      {"block-list", id_text(block.json)},
      {"sources", source},
      {"hooks", source},
      {"webchat", source},
      {"uploads", "1"},
      {"invitations", invitation.json["invitation"]["token"]},
  };

  // A route takes a body when `{}` is refused as a 400; the others (accept,
  // DELETE, ...) ignore a body, as docs/api.md says, and are sent the corpus
  // last, only to see that nothing breaks.
  std::vector<std::pair<std::string, std::string>> with_body, without_body;
  for (const std::string& pattern : f.api.router().patterns()) {
    if (pattern.rfind("GET ", 0) == 0 || pattern == "POST /api/logout") continue;
    const std::string method = pattern.substr(0, pattern.find(' '));
    const std::string path = real_path(pattern, ids);
    const auto probe = f.call(method, path, t, "{}");
    (probe.status == 400 ? with_body : without_body).push_back({method, path});
  }
  CHECK(with_body.size() >= 25);

  auto snapshot = [&] {
    return Snapshot{f.call("GET", "/api/dialogs/" + d, t).json,
                    f.call("GET", "/api/dialogs/" + d + "/messages?limit=50", t).json,
                    f.call("GET", "/api/directory", t).json,
                    f.call("GET", "/api/block-list", t).json,
                    f.call("GET", "/api/sources", t).json,
                    f.api.context().store().last_seq(f.account_a)};
  };
  const Snapshot before = snapshot();
  const std::size_t events = f.feed.events.size();
  const std::vector<hostile::Body> corpus = hostile::bodies();
  std::set<std::string> categories;
  int tried = 0;
  for (const auto& [method, path] : with_body) {
    for (const hostile::Body& body : corpus) {
      categories.insert(body.category);
      CAPTURE(method);
      CAPTURE(path);
      CAPTURE(body.category);
      CAPTURE(body.text.substr(0, 80));
      const auto reply = f.call(method, path, t, body.text);
      ++tried;
      CHECK(reply.status >= 400);
      CHECK(reply.status < 500);
      CHECK(reply.json["error"]["code"].is_string());
      CHECK(!reply.json["error"]["message"].get<std::string>().empty());
    }
  }
  CHECK(snapshot() == before);
  CHECK(f.feed.events.size() == events);
  CHECK(categories.size() >= 15);
  MESSAGE(tried << " hostile bodies to " << with_body.size() << " routes that take one");

  for (const auto& [method, path] : without_body) {
    for (const hostile::Body& body : corpus) {
      CAPTURE(path);
      CAPTURE(body.category);
      CHECK(f.call(method, path, t, body.text).status < 500);
    }
  }
}
