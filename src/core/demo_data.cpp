// Deterministic demo data (xorshift random), built through the lifecycle rules
// so that every generated dialog is a state the real product can reach.
#include "core/demo_data.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/account_defaults.hpp"
#include "core/lifecycle.hpp"

namespace core {
namespace {

constexpr TimeMs kMinute = 60'000;
constexpr TimeMs kHour = 60 * kMinute;
constexpr TimeMs kDay = 24 * kHour;

constexpr std::array kFirstNames = {
    "Анна",   "Мария",    "Елена",   "Ольга",    "Наталья", "Ирина",  "Светлана", "Татьяна",
    "Юлия",   "Дарья",    "Алексей", "Дмитрий",  "Сергей",  "Андрей", "Максим",   "Иван",
    "Артём",  "Никита",   "Михаил",  "Евгений",  "Павел",   "Роман",  "Кирилл",   "Ксения",
    "Полина", "Виктория", "Егор",    "Владимир", "Алина",   "Софья"};
constexpr std::array kLastNames = {"Иванов",  "Смирнов", "Кузнецов", "Попов",    "Васильев",
                                   "Петров",  "Соколов", "Михайлов", "Новиков",  "Фёдоров",
                                   "Морозов", "Волков",  "Алексеев", "Лебедев",  "Семёнов",
                                   "Егоров",  "Павлов",  "Козлов",   "Степанов", "Николаев",
                                   "Орлов",   "Андреев", "Макаров",  "Никитин",  "Захаров"};
constexpr std::array kNickStems = {
    "anna",  "mary", "lena",  "olga",   "nata",  "ira",  "sveta", "tanya", "julia", "dasha",
    "alex",  "dima", "sergo", "andrew", "max",   "ivan", "artem", "nik",   "misha", "evg",
    "pasha", "roma", "kir",   "ksu",    "polly", "vika", "egor",  "vova",  "alina", "sonya"};
constexpr std::array kClientTexts = {"Здравствуйте! Сколько стоит доставка в Казань?",
                                     "Добрый день, товар есть в наличии?",
                                     "Можно оплатить картой при получении?",
                                     "Подскажите, пожалуйста, размеры этой модели",
                                     "Когда будет следующая поставка?",
                                     "Хочу оформить заказ на 3 штуки",
                                     "Спасибо, всё получил! \U0001F64F",
                                     "А есть другой цвет?",
                                     "Где можно посмотреть отзывы?",
                                     "Мой заказ ещё не пришёл, номер 48213",
                                     "Сделаете скидку при оптовом заказе?",
                                     "Какие сроки изготовления?",
                                     "Добрый вечер! Вы работаете в выходные?",
                                     "Пришлите, пожалуйста, счёт на оплату",
                                     "Хорошо, жду звонка",
                                     "Можно забрать самовывозом?",
                                     "Понял, спасибо за ответ",
                                     "Есть ли гарантия на товар?",
                                     "Отправил реквизиты, проверьте",
                                     "Здравствуйте, хочу вернуть товар"};
constexpr std::array kOperatorTexts = {"Здравствуйте! Да, товар в наличии.",
                                       "Доставка по России занимает 3–5 рабочих дней.",
                                       "Конечно, оплатить можно картой или по счёту.",
                                       "Отправила вам таблицу размеров.",
                                       "Следующая поставка ожидается в пятницу.",
                                       "Оформили заказ, номер придёт в SMS.",
                                       "Рады, что всё понравилось! \U0001F60A",
                                       "Да, есть ещё синий и графитовый.",
                                       "Для опта скидка 10% от 20 000 ₽.",
                                       "Передала ваш вопрос менеджеру, он перезвонит.",
                                       "Мы работаем ежедневно с 9:00 до 21:00.",
                                       "Счёт отправили на почту."};
constexpr std::array kNotes = {"Клиент просил перезвонить после 18:00",
                               "Уточнить остатки на складе", "Постоянный клиент, дать скидку"};
constexpr std::array kTaskTexts = {"Перезвонить клиенту", "Отправить счёт",
                                   "Уточнить адрес доставки", "Согласовать скидку",
                                   "Проверить оплату"};
constexpr std::array kPostTitles = {"Новая коллекция осень", "Розыгрыш подарков",
                                    "Скидки выходного дня"};

Operator make_operator(Id id, Id account, const char* name, const char* email, Role role,
                       std::vector<Id> sources, bool supervisor) {
  Operator op;
  op.id = id;
  op.account_id = account;
  op.name = name;
  op.email = email;
  op.role = role;
  op.source_ids = std::move(sources);
  op.supervisor = supervisor;
  return op;
}

}  // namespace

DemoGenerator::DemoGenerator(const DemoOptions& options)
    : options_(options), state_(options.seed * 2654435761u + 1), next_id_(options.first_id) {
  const Id acc = options.account_id;
  account_ = {acc, "ООО «Ромашка»"};

  auto source = [&](ChannelKind kind, const char* name, const char* address) {
    directory_.sources.push_back({next_id_++, acc, kind, name, address});
    return directory_.sources.back().id;
  };
  const Id wa = source(ChannelKind::WhatsApp, "Продажи WhatsApp", "+7 495 120-45-67");
  const Id tg = source(ChannelKind::Telegram, "Telegram магазина", "@romashka_shop");
  const Id bot = source(ChannelKind::TelegramBot, "Бот заказов", "@romashka_orders_bot");
  const Id vk = source(ChannelKind::VK, "Группа ВКонтакте", "vk.com/romashka");
  const Id ig = source(ChannelKind::Instagram, "Instagram", "@romashka.store");
  const Id av = source(ChannelKind::Avito, "Авито", "Ромашка на Авито");
  const Id em = source(ChannelKind::Email, "Почта поддержки", "help@romashka.ru");

  directory_.operators = {
      make_operator(next_id_, acc, "Анна Смирнова", "owner@romashka.ru", Role::Owner, {}, false),
      make_operator(next_id_ + 1, acc, "Игорь Петров", "admin@romashka.ru", Role::Admin, {}, false),
      make_operator(next_id_ + 2, acc, "Мария Козлова", "maria@romashka.ru", Role::Manager,
                    {wa, tg, bot}, false),
      make_operator(next_id_ + 3, acc, "Олег Орлов", "oleg@romashka.ru", Role::Manager,
                    {vk, ig, av}, false),
      make_operator(next_id_ + 4, acc, "Екатерина Волкова", "kate@romashka.ru", Role::Manager, {},
                    true),
  };
  next_id_ += 5;
  (void)em;

  for (FunnelStatus s : default_statuses(acc)) {
    s.id = next_id_++;
    directory_.statuses.push_back(std::move(s));
  }

  const std::pair<const char*, std::uint32_t> tags[] = {
      {"VIP", 0xEAB308},     {"Опт", 0x0EA5E9},       {"Доставка", 0x14B8A6},
      {"Возврат", 0xF97316}, {"Повторный", 0x6366F1}, {"Жалоба", 0xE11D48}};
  for (const auto& [name, color] : tags) directory_.tags.push_back({next_id_++, acc, name, color});

  const std::pair<const char*, const char*> templates[] = {
      {"Приветствие",
       "Здравствуйте, {{client.name}}! Меня зовут {{operator.name}}, чем могу помочь?"},
      {"Доставка", "Доставка по Москве — на следующий день, по России — 3–5 рабочих дней."},
      {"Оплата", "Оплатить можно картой на сайте, по счёту или при получении."},
      {"Реквизиты", "Реквизиты для оплаты отправили вам на почту."},
      {"Спасибо", "Спасибо за заказ! Будем рады видеть вас снова."}};
  for (const auto& [title, text] : templates) {
    directory_.templates.push_back({next_id_++, acc, title, text});
  }
}

std::uint64_t DemoGenerator::random() {
  // xorshift64*: fast, and the same sequence on every platform.
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 2685821657736338717ull;
}

DemoDialog DemoGenerator::next() {
  DemoDialog out;
  const Id acc = options_.account_id;
  const Source& source = directory_.sources[below(static_cast<int>(directory_.sources.size()))];

  Client& client = out.client;
  client.id = next_id_++;
  client.account_id = acc;
  const int first = below(static_cast<int>(kFirstNames.size()));
  const bool female = first < 10 || (first >= 23 && first <= 25) || first >= 28;
  std::string last = kLastNames[below(static_cast<int>(kLastNames.size()))];
  if (female) last += "а";
  client.display_name = std::string(kFirstNames[first]) + " " + last;
  client.nick = std::string(kNickStems[first]) + "_" + std::to_string(100 + below(9900));
  client.phone = "79" + std::to_string(100000000 + random() % 900000000);
  client.avatar_url = chance(60) ? "avatars/" + std::to_string(client.id % 24) + ".png" : "";
  switch (source.channel) {
    case ChannelKind::WhatsApp:
    case ChannelKind::Viber:
    case ChannelKind::Max:
      client.identities.push_back({source.channel, client.phone});
      client.nick.clear();
      break;
    case ChannelKind::Email:
      client.identities.push_back({source.channel, client.nick + "@mail.ru"});
      break;
    default:
      client.identities.push_back({source.channel, client.nick});
      break;
  }

  const TimeMs span = static_cast<TimeMs>(options_.history_days) * kDay;
  TimeMs t = options_.now - span + static_cast<TimeMs>(random() % static_cast<std::uint64_t>(span));
  Dialog dialog = open_dialog(next_id_++, client, source, t);
  if (source.channel == ChannelKind::VK || source.channel == ChannelKind::Instagram) {
    if (chance(30)) {
      const char* title = kPostTitles[below(static_cast<int>(kPostTitles.size()))];
      dialog.post = PostRef{"post-" + std::to_string(below(50)), "", title};
    }
  }

  const Id owner = directory_.operators.front().id;
  const int count = 1 + below(options_.max_messages);
  bool accepted = false;
  for (int i = 0; i < count; ++i) {
    Message m;
    m.id = next_id_++;
    m.dialog_id = dialog.id;
    m.created_at = t;
    const bool inbound = i == 0 || chance(50);
    if (inbound) {
      m.direction = Direction::In;
      m.text = kClientTexts[below(static_cast<int>(kClientTexts.size()))];
      m.external_id = "demo-" + std::to_string(m.id);
    } else {
      m.direction = Direction::Out;
      m.author_id = directory_.operators[2 + below(3)].id;
      if (chance(8)) {
        m.kind = MessageKind::Note;
        m.text = kNotes[below(static_cast<int>(kNotes.size()))];
      } else {
        m.text = kOperatorTexts[below(static_cast<int>(kOperatorTexts.size()))];
        m.delivery = chance(70) ? DeliveryState::Read : DeliveryState::Delivered;
        if (!accepted) {
          accept(dialog);
          accepted = true;
        }
      }
      if (dialog.post && chance(50)) m.reply_to = ReplyTarget::Comment;
    }
    if (inbound && dialog.post && chance(50)) m.reply_to = ReplyTarget::Comment;
    if (m.kind != MessageKind::Note && chance(5)) {
      m.kind = MessageKind::File;
      m.attachments.push_back({inbound ? "фото.jpg" : "счёт.pdf",
                               inbound ? "image/jpeg" : "application/pdf", "", 48'000});
    }
    apply_message(dialog, m);
    out.messages.push_back(std::move(m));
    if (t > options_.now - kHour) {
      t += 1 + below(5) * kMinute / 4;
    } else {
      t += kMinute + static_cast<TimeMs>(random() % static_cast<std::uint64_t>(6 * kHour));
      t = std::min(t, options_.now - kMinute);
    }
  }

  // Dialogs nobody answered stay in New; most answered ones are in work with
  // a status, some were closed, and a client coming back reopens some.
  if (dialog.mode == DialogMode::Accepted) {
    const int active_statuses = 3;
    dialog.status_id = directory_.statuses[below(active_statuses)].id;
    dialog.responsible_id = directory_.operators[2 + below(3)].id;
    if (chance(30)) {
      set_status(dialog, directory_.statuses[3 + below(3)]);
    }
  } else if (chance(15)) {
    archive(dialog);
  }
  if (dialog.mode == DialogMode::New && chance(20)) dialog.responsible_id = owner;
  if (chance(35)) {
    const int n = 1 + below(2);
    for (int i = 0; i < n; ++i) {
      dialog.tag_ids.push_back(directory_.tags[below(static_cast<int>(directory_.tags.size()))].id);
    }
    std::sort(dialog.tag_ids.begin(), dialog.tag_ids.end());
    dialog.tag_ids.erase(std::unique(dialog.tag_ids.begin(), dialog.tag_ids.end()),
                         dialog.tag_ids.end());
  }
  if (dialog.mode != DialogMode::New && chance(50)) {
    dialog.price = (1 + below(300)) * 50'000;  // 500 to 150 000 roubles, in kopecks
    dialog.fields.push_back({"Сумма сделки", std::to_string(dialog.price / 100)});
  }
  if (dialog.mode == DialogMode::Accepted && chance(40)) {
    Task task;
    task.id = next_id_++;
    task.dialog_id = dialog.id;
    task.text = kTaskTexts[below(static_cast<int>(kTaskTexts.size()))];
    task.due = options_.now + (below(96) - 24) * kHour;
    task.assignee_id = dialog.responsible_id;
    dialog.tasks.push_back(task);
  }
  out.dialog = std::move(dialog);
  return out;
}

Message DemoGenerator::incoming(const Dialog& dialog, TimeMs at) {
  Message m;
  m.id = next_id_++;
  m.dialog_id = dialog.id;
  m.direction = Direction::In;
  m.text = kClientTexts[below(static_cast<int>(kClientTexts.size()))];
  m.external_id = "demo-" + std::to_string(m.id);
  m.created_at = at;
  return m;
}

std::vector<std::string_view> demo_message_texts() {
  std::vector<std::string_view> out(kClientTexts.begin(), kClientTexts.end());
  out.insert(out.end(), kOperatorTexts.begin(), kOperatorTexts.end());
  return out;
}

}  // namespace core
