// A centred card on the panel background; the fields and the button are
// published as "login:email", "login:password" and "login:submit", the title
// as "login:title", the language switch as "login:locale:ru" and "login:locale:en".
// The sign-up adds "login:business" and "login:name"; "login:signup" and
// "login:signin" switch between the two forms.
#include "ui/login_screen.hpp"

#include <imgui.h>

#include <cstring>

#include "app/problem_text.hpp"
#include "core/text.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kCardWidth = 380;
constexpr float kCardPadding = 32;
constexpr float kFieldHeight = 40;
const ImVec2 kLocaleButton(40, 26);

bool field(const char* id, const char* label, const char* hint, char* buf, std::size_t size,
           ImGuiInputTextFlags flags, float width) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SetNextItemWidth(width);
  const bool enter = ImGui::InputTextWithHint(id, hint, buf, size, flags);
  return enter;
}

}  // namespace

void draw_login_screen(const net::Status& status, const LoginLook& look, LoginState& state,
                       app::Intents& intents, SettingsChoice& choice) {
  const Palette& p = palette();
  const app::Locale l = look.locale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, p.panel_bg);
  ImGui::Begin("login", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();

  const bool busy = status.session == net::Session::LoggingIn;
  // About the content's height; the card grows to fit below.
  const float card_h = state.signing_up && status.signup_enabled ? 590 : 430;
  const ImVec2 card(vp->Pos.x + (vp->Size.x - kCardWidth) / 2,
                    vp->Pos.y + std::max(24.0f, (vp->Size.y - card_h) / 2 - 20));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);  // the card (0) is drawn behind the content (1) once its height is known
  dl->ChannelsSetCurrent(1);
  const float x = card.x + kCardPadding;
  const float inner = kCardWidth - 2 * kCardPadding;
  ImGui::SetCursorScreenPos(ImVec2(x, card.y + kCardPadding));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(inner);
  const ImVec2 logo = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(logo, ImVec2(logo.x + 44, logo.y + 44), p.accent, 12);
  const ImVec2 icon_size = text_size(fonts().regular, icon::kComments);
  draw_text(dl, fonts().regular,
            ImVec2(logo.x + (44 - icon_size.x) / 2, logo.y + (44 - icon_size.y) / 2), p.accent_text,
            icon::kComments);
  if (look.locale_switch) {  // at the card's top right, level with the logo
    ImGui::SetCursorScreenPos(
        ImVec2(x + inner - 2 * kLocaleButton.x - 6, logo.y + (44 - kLocaleButton.y) / 2));
    ImGui::PushFont(fonts().small);
    if (auto en = segmented("login-locale", "RU", "EN", l == app::Locale::En, "login:locale:ru",
                            "login:locale:en", kLocaleButton)) {
      choice.locale = *en ? app::Locale::En : app::Locale::Ru;
    }
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(logo);
  }
  ImGui::Dummy(ImVec2(44, 44 + 10));
  const bool signup = state.signing_up && status.signup_enabled;
  ImGui::PushFont(fonts().title);
  const char* title = signup ? tr(l, "Регистрация компании", "Create your business account")
                             : tr(l, "Вход в Чаты", "Sign in to Chats");
  ImGui::TextUnformatted(title);
  widgets().publish_item("login:title", title);
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  ImGui::PushTextWrapPos(x + inner);
  ImGui::TextUnformatted(
      signup ? tr(l,
                  "Вы станете владельцем аккаунта: подключите каналы и "
                  "пригласите сотрудников",
                  "You become the account's owner: connect channels and "
                  "invite your team")
             : tr(l, "Войдите, чтобы открыть входящие", "Sign in to open your inbox"));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::Dummy(ImVec2(inner, 14));

  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(12, (kFieldHeight - ImGui::GetFontSize()) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1);
  ImGui::PushStyleColor(ImGuiCol_FrameBg, p.window_bg);
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  bool submit = false;
  if (signup) {
    const char* business = tr(l, "Компания", "Business");
    submit |= field("##business", business, tr(l, "ООО «Ромашка»", "Daisy Ltd"), state.business,
                    sizeof state.business, enter, inner);
    widgets().publish_item("login:business", business);
    ImGui::Dummy(ImVec2(inner, 4));
    const char* name = tr(l, "Ваше имя", "Your name");
    submit |= field("##name", name, tr(l, "Анна Смирнова", "Anna Smith"), state.name,
                    sizeof state.name, enter, inner);
    widgets().publish_item("login:name", name);
    ImGui::Dummy(ImVec2(inner, 4));
  }
  submit |= field("##email", "E-mail", "name@company.ru", state.email, sizeof state.email,
                  enter | ImGuiInputTextFlags_CharsNoBlank, inner);
  widgets().publish_item("login:email", "E-mail");
  ImGui::Dummy(ImVec2(inner, 4));
  const char* password = signup ? tr(l, "Пароль (не короче 8 символов)", "Password (8 or more)")
                                : tr(l, "Пароль", "Password");
  submit |= field("##password", password, "", state.password, sizeof state.password,
                  enter | ImGuiInputTextFlags_Password, inner);
  widgets().publish_item("login:password", password);
  ImGui::Dummy(ImVec2(inner, 14));

  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(0x1D4ED8));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rgb(0x1E40AF));
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushFont(fonts().bold);
  const char* button =
      signup ? (busy ? tr(l, "Создаём…###submit", "Creating…###submit")
                     : tr(l, "Создать аккаунт###submit", "Create the account###submit"))
      : busy ? tr(l, "Входим…###submit", "Signing in…###submit")
             : tr(l, "Войти###submit", "Sign in###submit");
  submit |= ImGui::Button(button, ImVec2(inner, kFieldHeight + 4));
  ImGui::PopFont();
  ImGui::PopStyleColor(5);
  widgets().publish_item("login:submit", signup ? tr(l, "Создать аккаунт", "Create the account")
                                                : tr(l, "Войти", "Sign in"));
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);

  ImGui::Dummy(ImVec2(inner, 6));
  std::string error = app::account_problem_text(state.problem, l);
  if (error.empty() && (!status.error.empty() || !status.code.empty())) {
    error = app::problem_text(status.code, status.error, l);
  }
  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.overdue);
    ImGui::PushTextWrapPos(x + inner);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    widgets().publish_item("login:error", error);
  }
  if (status.signup_enabled) {  // the way to the other form, centred under the button
    ImGui::Dummy(ImVec2(inner, 2));
    const char* other = signup ? tr(l, "Уже есть аккаунт? Войти", "Have an account? Sign in")
                               : tr(l, "Нет аккаунта? Зарегистрировать компанию",
                                    "No account? Create one for your business");
    const float w = text_size(fonts().regular, other).x;
    ImGui::SetCursorScreenPos(ImVec2(x + (inner - w) / 2, ImGui::GetCursorScreenPos().y));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::TextUnformatted(other);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (ImGui::IsItemClicked() && !busy) {
      state.signing_up = !signup;
      state.problem = core::AccountProblem::None;
    }
    widgets().publish_item(signup ? "login:signin" : "login:signup", other);
  }
  ImGui::PopItemWidth();
  ImGui::EndGroup();

  const float bottom = std::max(ImGui::GetItemRectMax().y + kCardPadding - 6, card.y + 200);
  dl->ChannelsSetCurrent(0);
  for (int i = 3; i >= 1; --i) {  // a soft shadow
    const float s = static_cast<float>(i) * 4;
    dl->AddRectFilled(ImVec2(card.x - s, card.y - s + 6),
                      ImVec2(card.x + kCardWidth + s, bottom + s + 6), IM_COL32(15, 23, 42, 5),
                      16 + s);
  }
  dl->AddRectFilled(card, ImVec2(card.x + kCardWidth, bottom), p.window_bg, 16);
  dl->AddRect(card, ImVec2(card.x + kCardWidth, bottom), p.border, 16);
  dl->ChannelsMerge();

  if (submit && !busy && signup) {
    state.problem = core::signup_problem(state.business, state.name, state.email, state.password);
    if (state.problem == core::AccountProblem::None) {
      intents.signup = app::SignupForm{std::string(core::trim(state.business)),
                                       std::string(core::trim(state.name)),
                                       std::string(core::trim(state.email)), state.password};
    }
  } else if (submit && !busy && state.email[0] != '\0') {
    state.problem = core::AccountProblem::None;
    intents.login = app::LoginForm{state.email, state.password};
  }
  ImGui::End();
}

}  // namespace ui
