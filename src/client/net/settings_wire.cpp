// Settings requests and answers (see settings_wire.hpp).
#include "net/settings_wire.hpp"

#include <cstdio>

#include "core/codec.hpp"

namespace net {
namespace {

const char* block_kind_text(app::BlockKind k) {
  switch (k) {
    case app::BlockKind::Client:
      return "client";
    case app::BlockKind::Post:
      return "post";
    case app::BlockKind::StopWord:
      return "stop_word";
  }
  return "stop_word";
}

std::string item_url(const char* collection, core::Id id) {
  return std::string("api/") + collection + (id == core::kNoId ? "" : "/" + std::to_string(id));
}

}  // namespace

std::string color_text(std::uint32_t color) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", static_cast<unsigned>(color & 0xFFFFFF));
  return buf;
}

ApiRequest settings_request(const app::SettingsChange& c) {
  const core::Id id = c.id();
  const char* save = id == core::kNoId ? "POST" : "PUT";
  core::Json body;
  switch (c.item) {
    case app::SettingsItem::Status: {
      if (c.remove) {
        std::string url = item_url("statuses", id);
        if (c.move_to != core::kNoId) url += "?move_to=" + std::to_string(c.move_to);
        return {"DELETE", url, ""};
      }
      body = {{"name", c.status.name},
              {"color", color_text(c.status.color)},
              {"order", c.status.order},
              {"group", std::string(core::to_string(c.status.group))}};
      return {save, item_url("statuses", id), body.dump()};
    }
    case app::SettingsItem::Tag:
      if (c.remove) return {"DELETE", item_url("tags", id), ""};
      body = {{"name", c.tag.name}, {"color", color_text(c.tag.color)}};
      return {save, item_url("tags", id), body.dump()};
    case app::SettingsItem::Template:
      if (c.remove) return {"DELETE", item_url("templates", id), ""};
      body = {{"title", c.tmpl.title}, {"text", c.tmpl.text}};
      return {save, item_url("templates", id), body.dump()};
    case app::SettingsItem::Operator:
      if (c.remove) return {"DELETE", item_url("operators", id), ""};
      if (c.link_only()) return {"POST", item_url("operators", id) + "/invitation", "{}"};
      body = {{"name", c.op.name},
              {"email", c.op.email},
              {"role", std::string(core::to_string(c.op.role))},
              {"source_ids", c.op.source_ids},
              {"supervisor", c.op.supervisor},
              {"active", c.op.active}};
      if (!c.password.empty()) body["password"] = c.password;
      if (c.invite) body["invite"] = true;
      return {save, item_url("operators", id), body.dump()};
    case app::SettingsItem::Block:
      if (c.remove) return {"DELETE", item_url("block-list", id), ""};
      body = {{"kind", block_kind_text(c.block.kind)}, {"value", c.block.value}};
      return {"POST", "api/block-list", body.dump()};
  }
  return {};
}

std::vector<app::BlockEntry> parse_block_list(const std::string& text) {
  std::vector<app::BlockEntry> out;
  const core::Json j = core::parse_json(text);
  for (const core::Json& e : j.at("entries")) {
    app::BlockEntry b;
    b.id = e.at("id").get<core::Id>();
    b.value = e.at("value").get<std::string>();
    const std::string kind = e.at("kind").get<std::string>();
    b.kind = kind == "client" ? app::BlockKind::Client
             : kind == "post" ? app::BlockKind::Post
                              : app::BlockKind::StopWord;
    out.push_back(std::move(b));
  }
  return out;
}

std::map<core::Id, int> parse_status_usage(const std::string& text) {
  std::map<core::Id, int> out;
  const core::Json j = core::parse_json(text);
  for (const auto& [key, count] : j.at("usage").items()) {
    out[std::stoll(key)] = count.get<int>();
  }
  return out;
}

std::string parse_invitation_url(const std::string& text) {
  if (text.empty()) return {};
  const core::Json j = core::parse_json(text);
  auto it = j.find("invitation");
  if (it == j.end() || !it->is_object()) return {};
  auto url = it->find("url");
  return url != it->end() && url->is_string() ? url->get<std::string>() : std::string();
}

core::Id parse_created_id(const std::string& text) {
  if (text.empty()) return core::kNoId;
  const core::Json j = core::parse_json(text);
  auto it = j.find("id");
  return it != j.end() && it->is_number_integer() ? it->get<core::Id>() : core::kNoId;
}

}  // namespace net
