// The channel screen as a modal: sources on the left, the connect form on the right.
#include "ui/channels_dialog.hpp"

#include <algorithm>
#include <cstdio>

#include "core/channels.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/modal_card.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kPopup = "channels";
const ImVec2 kSize(900, 580);
constexpr float kListWidth = 400;

std::string channel_name(core::ChannelKind c, app::Locale l) {
  const core::ChannelInfo& info = core::channel_info(c);
  return std::string(l == app::Locale::Ru ? info.name_ru : info.name_en);
}

void muted(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// One source: its channel's icon, name and address, health, and an on/off switch.
void source_row(const app::SourceStatus& s, app::Locale l, app::Intents& intents) {
  const Palette& p = palette();
  ImGui::PushID(static_cast<int>(s.id));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = 58;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), p.row_hover, 8);
  const icon::ChannelLook look = icon::channel_look(s.channel);
  draw_text(dl, fonts().regular, ImVec2(at.x + 12, at.y + 10), rgb(look.color), look.glyph);
  draw_text(dl, fonts().bold, ImVec2(at.x + 40, at.y + 8), p.text, s.name);
  const std::string line =
      channel_name(s.channel, l) + (s.address.empty() ? "" : "  ·  " + s.address);
  draw_text(dl, fonts().small, ImVec2(at.x + 40, at.y + 31), p.text_muted, line);
  const std::string health = app::source_health(s, l);
  const bool bad = s.connected && s.enabled && !s.last_error.empty();
  const bool good = s.connected && s.enabled && s.last_error.empty();
  const ImU32 color = bad ? p.overdue : good ? p.accent : p.text_muted;
  const float hw = std::min(text_size(fonts().small, health).x, w - 150);
  dl->PushClipRect(ImVec2(at.x + w - 84 - hw, at.y), ImVec2(at.x + w - 80, at.y + h), true);
  draw_text(dl, fonts().small, ImVec2(at.x + w - 84 - hw, at.y + 8), color, health);
  dl->PopClipRect();
  widgets().publish("source:" + std::to_string(s.id), s.name + " — " + health, at.x, at.y, w, h);
  if (s.connected) {
    ImGui::SetCursorScreenPos(ImVec2(at.x + w - 70, at.y + 26));
    bool on = s.enabled;
    if (ImGui::Checkbox(tr(l, "Вкл.", "On"), &on)) intents.source_enabled = {s.id, on};
    widgets().publish_item("source:" + std::to_string(s.id) + ":enabled", on ? "on" : "off");
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + h + 6));
  ImGui::Dummy(ImVec2(w, 0));
  ImGui::PopID();
}

void sources_list(const app::ChannelsView& view, app::Locale l, app::Intents& intents) {
  ImGui::BeginChild("sources", ImVec2(kListWidth, 0), false);
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(tr(l, "Источники", "Sources"));
  ImGui::PopFont();
  if (view.loading && !view.loaded) muted(tr(l, "Загрузка…", "Loading…"));
  if (!view.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
    ImGui::TextWrapped("%s", view.error.c_str());
    ImGui::PopStyleColor();
    widgets().publish_item("channels:error", view.error);
  }
  for (const app::SourceStatus& s : view.sources) source_row(s, l, intents);
  ImGui::EndChild();
}

void connect_form(const app::InboxApp& app, app::Locale l, ChannelsDialogState& state,
                  app::Intents& intents) {
  const app::ChannelsView& view = app.channels();
  ImGui::BeginChild("connect", ImVec2(0, 0), false);
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(tr(l, "Подключить канал", "Connect a channel"));
  ImGui::PopFont();
  if (view.loaded && view.connectable.empty()) {
    muted(tr(l, "Этот сервер пока не подключает каналы.", "This server connects no channels yet."));
    ImGui::EndChild();
    return;
  }
  if (std::find(view.connectable.begin(), view.connectable.end(), state.channel) ==
          view.connectable.end() &&
      !view.connectable.empty()) {
    state.channel = view.connectable.front();
  }
  // One pill per channel this server can connect, wrapped onto more rows.
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (core::ChannelKind c : view.connectable) {
    const std::string id = std::string("channels:kind:") + std::string(core::channel_info(c).key);
    const float pill_w = ImGui::CalcTextSize(channel_name(c, l).c_str()).x + 28;
    if (!first) {
      ImGui::SameLine(0, 6);
      if (ImGui::GetCursorScreenPos().x + pill_w > right) ImGui::NewLine();
    }
    first = false;
    if (pill(id.c_str(), channel_name(c, l),
             c == state.channel ? PillLook::Primary : PillLook::Plain, 32)) {
      state.channel = c;
      intents.connect_channel.reset();
    }
  }
  ImGui::Spacing();
  muted(tr(l, "Название", "Name"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##name", tr(l, "Например, «Бот магазина»", "E.g. “Shop bot”"),
                           state.name, sizeof state.name);
  widgets().publish_item("channels:name", tr(l, "Название", "Name"));
  for (const app::ConnectField& f : app::connect_fields(state.channel)) {
    muted(l == app::Locale::Ru ? f.ru : f.en);
    auto& buffer = state.values[f.key];
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText((std::string("##") + f.key).c_str(), buffer.data(), buffer.size(),
                     f.secret ? ImGuiInputTextFlags_Password : 0);
    widgets().publish_item(std::string("channels:field:") + f.key,
                           l == app::Locale::Ru ? f.ru : f.en);
  }
  ImGui::Checkbox(tr(l, "Другой адрес API (прокси, тестовый сервер)",
                     "Another API address (a proxy, a test server)"),
                  &state.advanced);
  widgets().publish_item("channels:advanced", "advanced");
  if (state.advanced) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##base", "https://api.telegram.org", state.base_url,
                             sizeof state.base_url);
    widgets().publish_item("channels:base-url", "base_url");
  }
  if (!view.connect_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
    ImGui::TextWrapped("%s", view.connect_error.c_str());
    ImGui::PopStyleColor();
    widgets().publish_item("channels:connect-error", view.connect_error);
  }
  ImGui::Spacing();
  const std::string label =
      view.connecting ? tr(l, "Проверяем…", "Checking…") : tr(l, "Подключить", "Connect");
  if (pill("channels:connect", label, PillLook::Primary, 36) && !view.connecting) {
    app::ConnectForm form;
    form.channel = state.channel;
    form.name = state.name;
    for (const app::ConnectField& f : app::connect_fields(state.channel)) {
      form.values[f.key] = state.values[f.key].data();
    }
    if (state.advanced) form.base_url = state.base_url;
    intents.connect_channel = std::move(form);
  }
  if (state.snippet[0]) {
    ImGui::Spacing();
    muted(tr(l, "Вставьте на страницы сайта:", "Put this on the site's pages:"));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##snippet", state.snippet, sizeof state.snippet,
                     ImGuiInputTextFlags_ReadOnly);
    widgets().publish_item("channels:snippet", state.snippet);
  }
  ImGui::EndChild();
}

}  // namespace

void draw_channels_dialog(const app::InboxApp& app, app::Locale l, const std::string& server_url,
                          ChannelsDialogState& state, app::Intents& intents) {
  const app::ChannelsView& view = app.channels();
  if (state.opening) {
    state.opening = false;
    state.open = true;
    state.seen_connected = view.connected;
    state.snippet[0] = '\0';
    intents.load_channels = true;
    ImGui::OpenPopup(kPopup);
  }
  if (state.open && view.connected != state.seen_connected) {  // connected: clear the form
    state.seen_connected = view.connected;
    const auto it =
        std::find_if(view.sources.begin(), view.sources.end(),
                     [&](const app::SourceStatus& s) { return s.id == view.last_connected; });
    const std::string snippet =
        it != view.sources.end() && it->channel == core::ChannelKind::WebChat
            ? app::webchat_snippet(server_url, it->id)
            : "";
    std::snprintf(state.snippet, sizeof state.snippet, "%s", snippet.c_str());
    state.name[0] = '\0';
    for (auto& [key, buffer] : state.values) buffer[0] = '\0';
  }
  ModalCardLook look;
  look.size = kSize;
  if (begin_modal_card(kPopup, look)) {
    if (!state.open) ImGui::CloseCurrentPopup();
    const ImVec2 win = ImGui::GetWindowPos();
    const char* title = tr(l, "Каналы", "Channels");
    widgets().publish("channels", title, win.x, win.y, ImGui::GetWindowWidth(),
                      ImGui::GetWindowHeight());
    if (modal_card_title(title, "channels:close", l)) {
      state.open = false;
      ImGui::CloseCurrentPopup();
    }
    muted(tr(l,
             "Подключите аккаунты мессенджеров: сообщения клиентов придут в «Чаты», ответы "
             "операторов уйдут клиентам. Ключи доступа хранятся только на сервере.",
             "Connect your messenger accounts: clients' messages arrive in Chats, operators' "
             "answers go back to them. Access keys are kept on the server only."));
    ImGui::Spacing();
    sources_list(view, l, intents);
    ImGui::SameLine(0, 20);
    connect_form(app, l, state, intents);
    end_modal_card();
  }
}

}  // namespace ui
