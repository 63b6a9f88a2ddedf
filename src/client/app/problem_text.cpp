// The codes and their words (see problem_text.hpp).
#include "app/problem_text.hpp"

namespace app {
namespace {

struct Words {
  std::string_view code;
  const char* ru;
  const char* en;
  bool detail;  // the server's text says more (which field, which status): shown after
};

// Core refusals (core/lifecycle, core/dialog_change), the server's rules and
// codes (docs/api.md), and the client's own.
constexpr Words kWords[] = {
    {"not_new", "Принять можно только новый диалог", "Only a new dialog can be accepted", false},
    {"already_archived", "Диалог уже в архиве", "The dialog is already archived", false},
    {"foreign_status", "Статус из другого аккаунта", "The status belongs to another account",
     false},
    {"unknown_status", "Такого статуса воронки нет", "No such funnel status", false},
    {"unknown_operator", "Такого оператора нет", "No such operator", false},
    {"unknown_tag", "Такого тега нет", "No such tag", false},
    {"negative_price", "Цена не может быть меньше нуля", "The price cannot be negative", false},
    {"field_without_name", "У поля должно быть название", "A field needs a name", false},
    {"task_without_text", "У задачи должен быть текст", "A task needs a text", false},
    {"task_gone", "Задача уже удалена", "The task was already deleted", false},
    {"dialog_gone", "Диалог не найден", "The dialog is gone", false},
    {"no_post", "Диалог пришёл не из поста: ответьте в личные сообщения",
     "This dialog did not come from a post: reply in direct messages", false},
    {"write_first_not_allowed", "Этот канал не позволяет написать первым",
     "This channel does not allow writing first", false},
    {"not_failed", "Повторить можно только недоставленное сообщение",
     "Only a message that was not delivered can be sent again", false},
    {"demo_no_channels", "В демо каналы не подключаются: запустите сервер",
     "The demo connects no channels: start the server", false},
    {"channel_refused", "Канал не принял данные", "The channel refused them", true},
    {"channel_not_connectable", "Этот канал пока нельзя подключить",
     "This channel cannot be connected yet", false},
    {"file_gone", "Файла больше нет на сервере", "The file is no longer on the server", false},
    {"no_copy", "Копия файла не сохранена", "No copy of the file is kept", false},
    {"unknown_change", "Неизвестное действие", "Unknown action", false},
    {"offline", "Нет связи с сервером", "No connection to the server", false},
    {"session_expired", "Нужно войти заново", "Please sign in again", false},
    {"login_failed", "Неверный e-mail или пароль", "Wrong e-mail or password", false},
    {"too_many_attempts", "Слишком много попыток: подождите несколько минут",
     "Too many attempts: wait a few minutes", false},
    {"email_taken", "Этот e-mail уже зарегистрирован: войдите",
     "This e-mail is already registered: sign in", false},
    {"signup_off", "Регистрация на этом сервере выключена", "Sign-up is turned off on this server",
     false},
    {"signup_refused", "Сервер не принял регистрацию", "The server refused the sign-up", true},
    {"wrong_password", "Текущий пароль указан неверно", "The current password is wrong", false},
    {"operator_without_name", "У сотрудника должно быть имя", "An operator needs a name", false},
    {"demo_no_passwords", "В демо пароли не меняются", "The demo has no passwords to change",
     false},
    {"operator_inactive", "Ваш доступ отключён: обратитесь к администратору",
     "Your access is turned off: ask an administrator", false},
    {"invitation_invalid",
     "Ссылка-приглашение недействительна: она устарела или уже использована. Попросите "
     "администратора прислать новую",
     "The invitation link is not valid: it expired or was used. Ask an administrator for a new "
     "one",
     false},
    {"demo_no_invitations", "В демо приглашения не отправляются: для них нужен сервер",
     "The demo sends no invitations: they need a server", false},
    {"bad_answer", "Сервер ответил непонятно", "The server's answer could not be read", true},
    {"server_error", "Ошибка сервера", "Server error", true},
    {"internal", "Ошибка сервера", "Server error", true},
    {"unauthorized", "Нужно войти заново", "Please sign in again", false},
    {"forbidden", "Недостаточно прав", "Not allowed for your role", false},
    {"not_found", "Не найдено", "Not found", true},
    {"conflict", "Конфликт с сохранёнными данными", "Conflicts with stored data", true},
    {"payload_too_large", "Слишком большой файл или запрос", "The file or request is too large",
     false},
    {"storage_full", "На сервере нет места", "The server is out of space", false},
    {"storage_unavailable", "Сервер сейчас не может сохранить данные: повторите позже",
     "The server cannot store anything now: try again later", false},
    {"storage_busy", "Сервер был занят другой записью: повторите",
     "The server was busy with another write: try again", false},
    {"bad_request", "Сервер не принял запрос", "The server did not accept the request", true},
};

}  // namespace

std::string problem_text(std::string_view code, std::string_view fallback, Locale locale) {
  const bool ru = locale == Locale::Ru;
  for (const Words& w : kWords) {
    if (w.code != code) continue;
    std::string text = ru ? w.ru : w.en;
    if (w.detail && !fallback.empty()) text += ": " + std::string(fallback);
    return text;
  }
  if (!fallback.empty()) return std::string(fallback);
  return ru ? "Сервер отказал" : "Refused";
}

std::string account_problem_text(core::AccountProblem problem, Locale locale) {
  const bool ru = locale == Locale::Ru;
  switch (problem) {
    case core::AccountProblem::None:
      return "";
    case core::AccountProblem::NoBusiness:
      return ru ? "Укажите название компании" : "Enter the business's name";
    case core::AccountProblem::NoName:
      return ru ? "Укажите ваше имя" : "Enter your name";
    case core::AccountProblem::BadEmail:
      return ru ? "Укажите e-mail вида name@company.ru" : "Enter an e-mail like name@company.com";
    case core::AccountProblem::ShortPassword:
      return ru ? "Пароль — не короче 8 символов" : "The password needs 8 characters or more";
    case core::AccountProblem::LongPassword:
      return ru ? "Слишком длинный пароль" : "The password is too long";
  }
  return "";
}

}  // namespace app
