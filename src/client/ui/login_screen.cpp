// A centred card on the panel background; the fields and the button are
// published as "login:email", "login:password" and "login:submit", the title
// as "login:title", the language switch as "login:locale:ru" and "login:locale:en".
// The sign-up adds "login:business" and "login:name"; "login:signup" and
// "login:signin" switch between the two forms. An invitation link's form
// shows "login:invited" (who and where), "login:password", "login:repeat" and
// "login:submit"; "login:signin" leaves it for the usual sign-in.
#include "ui/login_screen.hpp"

#include <imgui.h>

#include <cstring>
#include <string>

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

// The way to the card's other form, centred under the button; true when clicked.
bool centred_link(const std::string& id, const char* text, float x, float inner) {
  ImGui::Dummy(ImVec2(inner, 2));
  const float w = text_size(fonts().regular, text).x;
  ImGui::SetCursorScreenPos(ImVec2(x + (inner - w) / 2, ImGui::GetCursorScreenPos().y));
  ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  widgets().publish_item(id, text);
  return ImGui::IsItemClicked();
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
  const app::InvitationView& invitation = status.invitation;
  const bool invited = !invitation.token.empty() && !state.skip_invitation;
  // About the content's height; the card grows to fit below.
  const float card_h = (state.signing_up && status.signup_enabled) || invited ? 590 : 430;
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
  const bool signup = !invited && state.signing_up && status.signup_enabled;
  ImGui::PushFont(fonts().title);
  const char* title = invited ? tr(l, "Приглашение в команду", "You are invited")
                      : signup ? tr(l, "Регистрация компании", "Create your business account")
                               : tr(l, "Вход в Чаты", "Sign in to Chats");
  ImGui::TextUnformatted(title);
  widgets().publish_item("login:title", title);
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  ImGui::PushTextWrapPos(x + inner);
  std::string invited_line;
  if (invited) {
    invited_line =
        invitation.loading ? tr(l, "Проверяем ссылку…", "Checking the link…")
        : invitation.invalid
            ? tr(l, "Эта ссылка не открывается.", "This link does not open.")
            : (invitation.business.empty() ? std::string(tr(l, "Компания", "A business"))
                                           : "«" + invitation.business + "»") +
                  tr(l, " приглашает вас отвечать клиентам. Придумайте пароль для входа.",
                     " invites you to answer its clients. Choose a password to sign in.");
  }
  ImGui::TextUnformatted(
      invited  ? invited_line.c_str()
      : signup ? tr(l,
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
  if (invited && !invitation.loading && !invitation.invalid) {
    const std::string who = invitation.name + "  ·  " + invitation.email;
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(who.c_str());
    ImGui::PopFont();
    widgets().publish_item("login:invited", who);
    ImGui::Dummy(ImVec2(inner, 8));
    const char* password = tr(l, "Пароль (не короче 8 символов)", "Password (8 or more)");
    submit |= field("##password", password, "", state.password, sizeof state.password,
                    enter | ImGuiInputTextFlags_Password, inner);
    widgets().publish_item("login:password", password);
    ImGui::Dummy(ImVec2(inner, 4));
    const char* repeat = tr(l, "Пароль ещё раз", "The password again");
    submit |= field("##repeat", repeat, "", state.repeat, sizeof state.repeat,
                    enter | ImGuiInputTextFlags_Password, inner);
    widgets().publish_item("login:repeat", repeat);
    ImGui::Dummy(ImVec2(inner, 14));
  }
  if (invited) {
    // The form above, or nothing to type while the link is checked or refused.
  } else if (signup) {
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
  if (!invited) {
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
  }
  const bool can_submit = !invited || (!invitation.loading && !invitation.invalid);

  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(0x1D4ED8));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rgb(0x1E40AF));
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushFont(fonts().bold);
  const char* button =
      invited
          ? (busy ? tr(l, "Входим…###submit", "Signing in…###submit")
                  : tr(l, "Задать пароль и войти###submit", "Set the password, sign in###submit"))
      : signup ? (busy ? tr(l, "Создаём…###submit", "Creating…###submit")
                       : tr(l, "Создать аккаунт###submit", "Create the account###submit"))
      : busy   ? tr(l, "Входим…###submit", "Signing in…###submit")
               : tr(l, "Войти###submit", "Sign in###submit");
  if (can_submit) {
    submit |= ImGui::Button(button, ImVec2(inner, kFieldHeight + 4));
    widgets().publish_item("login:submit",
                           invited ? tr(l, "Задать пароль и войти", "Set the password, sign in")
                           : signup ? tr(l, "Создать аккаунт", "Create the account")
                                    : tr(l, "Войти", "Sign in"));
  }
  ImGui::PopFont();
  ImGui::PopStyleColor(5);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);

  ImGui::Dummy(ImVec2(inner, 6));
  std::string error = app::account_problem_text(state.problem, l);
  if (error.empty() && state.mismatch && invited) {
    error = tr(l, "Пароли не совпадают", "The passwords differ");
  }
  if (error.empty() && invited && invitation.invalid) {
    error = app::problem_text("invitation_invalid", "", l);
  }
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
  if (invited) {
    if (centred_link("login:signin", tr(l, "Уже есть пароль? Войти", "Have a password? Sign in"), x,
                     inner) &&
        !busy) {
      state.skip_invitation = true;
      state.problem = core::AccountProblem::None;
    }
  } else if (status.signup_enabled) {
    const char* other = signup ? tr(l, "Уже есть аккаунт? Войти", "Have an account? Sign in")
                               : tr(l, "Нет аккаунта? Зарегистрировать компанию",
                                    "No account? Create one for your business");
    if (centred_link(signup ? "login:signin" : "login:signup", other, x, inner) && !busy) {
      state.signing_up = !signup;
      state.problem = core::AccountProblem::None;
    }
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

  if (submit && !busy && invited && can_submit) {
    state.problem = core::password_problem(state.password);
    state.mismatch = std::strcmp(state.password, state.repeat) != 0;
    if (state.problem == core::AccountProblem::None && !state.mismatch) {
      intents.accept_invitation = app::InvitationForm{invitation.token, state.password};
    }
  } else if (submit && !busy && signup) {
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
