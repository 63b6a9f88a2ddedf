// The shared sample entities of the codec's specs (see codec_samples.hpp).
#include "codec_samples.hpp"

using namespace core;

Client sample_client() {
  Client c;
  c.id = 501;
  c.account_id = 7;
  c.display_name = "Иван Петров";
  c.nick = "ivan_p";
  c.phone = "79161234567";
  c.avatar_url = "https://cdn.example.com/a/501.png";
  c.identities = {{ChannelKind::Telegram, "@ivan_p"}, {ChannelKind::Email, "ivan@example.ru"}};
  return c;
}

Task sample_task() {
  return {31, 9001, "Перезвонить в среду", 1700000900000, true, 12};
}

Dialog sample_dialog() {
  Dialog d;
  d.id = 9001;
  d.account_id = 7;
  d.client_id = 501;
  d.source_id = 44;
  d.channel = ChannelKind::Instagram;
  d.post = PostRef{"post-17", "https://instagram.com/p/17", "Летняя коллекция"};
  d.mode = DialogMode::Archived;
  d.status_id = 3;
  d.responsible_id = 12;
  d.tag_ids = {2, 5, 9};
  d.price = 1250000;
  d.fields = {{"Город", "Москва"}, {"Order", "A-17"}};
  d.tasks = {sample_task()};
  d.created_at = 1700000000000;
  d.last_message_at = 1700000500000;
  d.last_inbound_at = 1700000400000;
  d.last_outbound_at = 1700000500000;
  d.awaiting_since = 1700000300000;
  d.unread = 4;
  d.answered = true;
  d.response_time_ms = 0;
  d.last_message = "Здравствуйте! Есть размер M? 👗";
  return d;
}

Message sample_message() {
  Message m;
  m.id = 70001;
  m.dialog_id = 9001;
  m.direction = Direction::Out;
  m.kind = MessageKind::File;
  m.text = "Прайс во вложении";
  m.attachments = {{"прайс.pdf", "application/pdf", "https://files.example.com/1", 48213}};
  m.reply_to = ReplyTarget::Comment;
  m.delivery = DeliveryState::Read;
  m.delivery_error = "Forbidden: bot was blocked by the user";
  m.author_id = 12;
  m.external_id = "wamid.HBgL";
  m.created_at = 1700000500000;
  return m;
}
