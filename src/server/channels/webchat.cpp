// The website chat's connector: no outside service to call (see webchat.hpp).
#include "server/channels/webchat.hpp"

namespace server::channels {
namespace {

class WebChat final : public Connector {
 public:
  void connect(SourceConnection& c, core::Source& source) override {
    if (source.address.empty()) source.address = source.name;
    core::Json settings = parse_object(c.settings);
    if (!settings.contains("greeting")) settings["greeting"] = "";
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection&, const HttpRequest&) override {
    HookAnswer answer;
    answer.status = 404;
    answer.body = "the website chat has no webhook: visitors write through /api/webchat/";
    return answer;
  }

  ReadUpdate read(const SourceConnection&, const std::string&) override { return {}; }

  // The message is in the database already: the visitor's next poll takes it.
  SendResult send(const OutboundMessage& m) override {
    return SendResult::sent("web:" + std::to_string(m.message.id));
  }
};

}  // namespace

std::unique_ptr<Connector> make_webchat_connector(ConnectorEnv&) {
  return std::make_unique<WebChat>();
}

}  // namespace server::channels
