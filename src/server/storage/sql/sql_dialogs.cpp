// SqlStore: clients with their identities and search columns, dialogs with
// their tags and tasks, saved with the account's references checked.
#include "server/storage/sql/sql_store.hpp"

#include "core/codec.hpp"
#include "core/text.hpp"
#include "server/storage/sql/dialog_query.hpp"

namespace server::sql {
namespace {

std::string fields_json(const std::vector<core::CustomField>& fields) {
  core::Json array = core::Json::array();
  for (const core::CustomField& field : fields) array.push_back(core::encode(field));
  return array.dump();
}

std::vector<core::CustomField> fields_from_json(const std::string& text) {
  std::vector<core::CustomField> fields;
  try {
    for (const core::Json& item : core::parse_json(text)) {
      fields.push_back(core::decode<core::CustomField>(item));
    }
  } catch (const core::DecodeError& e) {
    throw StoreError(StoreError::Kind::Failure, std::string("stored dialog fields: ") + e.what());
  }
  return fields;
}

}  // namespace

// ---- clients ----------------------------------------------------------------

core::Client SqlStore::load_client_row(const Stmt& stmt) {
  core::Client c;
  c.id = stmt.int64(0);
  c.account_id = stmt.int64(1);
  c.display_name = stmt.text(2);
  c.nick = stmt.text(3);
  c.phone = stmt.text(4);
  c.avatar_url = stmt.text(5);
  return c;
}

std::vector<core::ChannelIdentity> SqlStore::identities(Id client_id) {
  std::vector<core::ChannelIdentity> out;
  Stmt stmt = db_.prepare(
      "SELECT channel, value FROM client_identities WHERE client_id = ? ORDER BY rowid");
  stmt.bind(1, client_id);
  while (stmt.step()) {
    out.push_back({static_cast<core::ChannelKind>(stmt.int32(0)), stmt.text(1)});
  }
  return out;
}

std::optional<core::Client> SqlStore::client(Id account_id, Id client_id) {
  Lock lock(mutex_);
  std::optional<core::Client> out;
  {
    Stmt stmt = db_.prepare(std::string("SELECT ") + kClientColumns +
                            " FROM clients c WHERE c.id = ? AND c.account_id = ?");
    stmt.bind_all(client_id, account_id);
    if (!stmt.step()) return std::nullopt;
    out = load_client_row(stmt);
  }
  out->identities = identities(client_id);
  return out;
}

std::optional<core::Client> SqlStore::find_client(Id account_id, core::ChannelKind channel,
                                                  const std::string& identity) {
  Lock lock(mutex_);
  std::optional<core::Client> out;
  {
    Stmt stmt = db_.prepare(std::string("SELECT ") + kClientColumns +
                            " FROM client_identities i JOIN clients c ON c.id = i.client_id "
                            "WHERE i.account_id = ? AND i.channel = ? AND i.value = ? AND "
                            "c.account_id = i.account_id ORDER BY i.client_id LIMIT 1");
    stmt.bind_all(account_id, static_cast<int>(channel), identity);
    if (!stmt.step()) return std::nullopt;
    out = load_client_row(stmt);
  }
  out->identities = identities(out->id);
  return out;
}

Id SqlStore::save_client(const core::Client& c) {
  Lock lock(mutex_);
  Id id = c.id;
  atomically([&] {
    id = id_for_save("clients", id, c.account_id);
    db_.prepare(
           "INSERT INTO clients (id, account_id, display_name, nick, phone, avatar_url, "
           "search_text, phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
           "UPDATE SET display_name = excluded.display_name, nick = excluded.nick, "
           "phone = excluded.phone, avatar_url = excluded.avatar_url, "
           "search_text = excluded.search_text, phone_digits = excluded.phone_digits")
        .bind_all(id, c.account_id, c.display_name, c.nick, c.phone, c.avatar_url,
                  client_search_text(c), core::digits_only(c.phone))
        .run_later();
    db_.prepare("DELETE FROM client_identities WHERE client_id = ?").bind(1, id).run_later();
    for (const core::ChannelIdentity& identity : c.identities) {
      db_.prepare(
             "INSERT INTO client_identities (client_id, account_id, channel, value) "
             "VALUES (?, ?, ?, ?)")
          .bind_all(id, c.account_id, static_cast<int>(identity.channel), identity.value)
          .run_later();
    }
  });
  return id;
}

// ---- dialogs ----------------------------------------------------------------

core::Dialog SqlStore::load_dialog_row(const Stmt& stmt) {
  core::Dialog d;
  d.id = stmt.int64(0);
  d.account_id = stmt.int64(1);
  d.client_id = stmt.int64(2);
  d.source_id = stmt.int64(3);
  d.channel = static_cast<core::ChannelKind>(stmt.int32(4));
  d.mode = static_cast<core::DialogMode>(stmt.int32(5));
  d.status_id = stmt.int64(6);
  d.responsible_id = stmt.int64(7);
  d.price = stmt.int64(8);
  d.created_at = stmt.int64(9);
  d.last_message_at = stmt.int64(10);
  d.last_inbound_at = stmt.int64(11);
  d.last_outbound_at = stmt.int64(12);
  d.awaiting_since = stmt.int64(13);
  d.unread = stmt.int32(14);
  d.answered = stmt.boolean(15);
  d.response_time_ms = stmt.int64(16);
  d.last_message = stmt.text(17);
  if (!stmt.is_null(18)) d.post = core::PostRef{stmt.text(18), stmt.text(19), stmt.text(20)};
  d.fields = fields_from_json(stmt.text(21));
  return d;
}

// Tags and tasks in one statement (one round trip where the engine is a
// server): the tags first, each in a row of part 0, then the tasks.
void SqlStore::load_dialog_details(core::Dialog& d) {
  Stmt stmt = db_.prepare(
      "SELECT 0, tag_id, '', 0, 0, 0 FROM dialog_tags WHERE dialog_id = ?1 UNION ALL "
      "SELECT 1, id, text, due, done, assignee_id FROM tasks WHERE dialog_id = ?1 ORDER BY 1, 2");
  stmt.bind(1, d.id);
  while (stmt.step()) {
    if (stmt.int64(0) == 0) {
      d.tag_ids.push_back(stmt.int64(1));
      continue;
    }
    core::Task task;
    task.id = stmt.int64(1);
    task.dialog_id = d.id;
    task.text = stmt.text(2);
    task.due = stmt.int64(3);
    task.done = stmt.boolean(4);
    task.assignee_id = stmt.int64(5);
    d.tasks.push_back(std::move(task));
  }
}

std::vector<core::DialogRow> SqlStore::complete_rows(std::vector<core::Dialog> dialogs) {
  std::vector<core::DialogRow> rows;
  rows.reserve(dialogs.size());
  for (core::Dialog& d : dialogs) {
    load_dialog_details(d);
    core::DialogRow row;
    {
      Stmt stmt =
          db_.prepare(std::string("SELECT ") + kClientColumns + " FROM clients c WHERE c.id = ?");
      stmt.bind(1, d.client_id);
      if (stmt.step()) row.client = load_client_row(stmt);
    }
    row.client.identities = identities(d.client_id);
    row.dialog = std::move(d);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<core::DialogRow> SqlStore::dialog(Id account_id, Id dialog_id) {
  Lock lock(mutex_);
  std::vector<core::Dialog> found;
  {
    Stmt stmt = db_.prepare(std::string("SELECT ") + kDialogColumns +
                            " FROM dialogs d WHERE d.id = ? AND d.account_id = ?");
    stmt.bind_all(dialog_id, account_id);
    if (!stmt.step()) return std::nullopt;
    found.push_back(load_dialog_row(stmt));
  }
  return std::move(complete_rows(std::move(found)).front());
}

std::optional<core::Dialog> SqlStore::dialog_by_client(Id account_id, Id source_id, Id client_id) {
  Lock lock(mutex_);
  std::optional<core::Dialog> out;
  {
    Stmt stmt = db_.prepare(std::string("SELECT ") + kDialogColumns +
                            " FROM dialogs d WHERE d.client_id = ? AND d.source_id = ? AND "
                            "d.account_id = ? ORDER BY d.id DESC LIMIT 1");
    stmt.bind_all(client_id, source_id, account_id);
    if (!stmt.step()) return std::nullopt;
    out = load_dialog_row(stmt);
  }
  load_dialog_details(*out);
  return out;
}

Id SqlStore::save_dialog(const core::Dialog& d) {
  Lock lock(mutex_);
  Id id = d.id;
  atomically([&] {
    // References must be rows of the same account: ids are global, so a foreign
    // key alone would accept another account's client or status. One statement
    // checks them all (every message saves its dialog); a failure is then
    // named by the checks one by one.
    {
      Stmt stmt = db_.prepare(
          "SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1 AND account_id = ?5), "
          "(SELECT channel FROM sources WHERE id = ?2 AND account_id = ?5), "
          "?3 = 0 OR EXISTS (SELECT 1 FROM funnel_statuses WHERE id = ?3 AND account_id = ?5), "
          "?4 = 0 OR EXISTS (SELECT 1 FROM operators WHERE id = ?4 AND account_id = ?5)");
      stmt.bind_all(d.client_id, d.source_id, d.status_id, d.responsible_id, d.account_id);
      stmt.step();
      const bool known = stmt.boolean(0) && !stmt.is_null(1) && stmt.boolean(2) && stmt.boolean(3);
      const bool same_channel = !stmt.is_null(1) && stmt.int32(1) == static_cast<int>(d.channel);
      if (!known) {
        require("clients", "client", d.client_id, d.account_id);
        require("sources", "source", d.source_id, d.account_id);
        if (d.status_id != 0) require("funnel_statuses", "status", d.status_id, d.account_id);
        if (d.responsible_id != 0) require("operators", "operator", d.responsible_id, d.account_id);
      }
      if (!same_channel) {
        throw StoreError(StoreError::Kind::Invalid, "the dialog's channel is not its source's");
      }
    }
    for (Id tag : d.tag_ids) require("tags", "tag", tag, d.account_id);

    id = id_for_save("dialogs", id, d.account_id);
    Stmt stmt = db_.prepare(
        "INSERT INTO dialogs (id, account_id, client_id, source_id, channel, mode, status_id, "
        "responsible_id, price, created_at, last_message_at, last_inbound_at, last_outbound_at, "
        "awaiting_since, unread, answered, response_time_ms, last_message, post_external_id, "
        "post_url, post_title, fields) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, "
        "source_id = excluded.source_id, channel = excluded.channel, mode = excluded.mode, "
        "status_id = excluded.status_id, responsible_id = excluded.responsible_id, "
        "price = excluded.price, created_at = excluded.created_at, "
        "last_message_at = excluded.last_message_at, last_inbound_at = excluded.last_inbound_at, "
        "last_outbound_at = excluded.last_outbound_at, awaiting_since = excluded.awaiting_since, "
        "unread = excluded.unread, answered = excluded.answered, "
        "response_time_ms = excluded.response_time_ms, last_message = excluded.last_message, "
        "post_external_id = excluded.post_external_id, post_url = excluded.post_url, "
        "post_title = excluded.post_title, fields = excluded.fields");
    stmt.bind_all(id, d.account_id, d.client_id, d.source_id, static_cast<int>(d.channel),
                  static_cast<int>(d.mode), d.status_id, d.responsible_id, d.price, d.created_at,
                  d.last_message_at, d.last_inbound_at, d.last_outbound_at, d.awaiting_since,
                  d.unread, d.answered, d.response_time_ms, d.last_message);
    if (d.post) {
      stmt.bind(19, d.post->external_id).bind(20, d.post->url).bind(21, d.post->title);
    } else {
      stmt.bind_null(19).bind_null(20).bind_null(21);
    }
    stmt.bind(22, fields_json(d.fields));
    stmt.run_later();

    db_.prepare("DELETE FROM dialog_tags WHERE dialog_id = ?").bind(1, id).run_later();
    for (Id tag : d.tag_ids) {
      db_.prepare(
             "INSERT INTO dialog_tags (dialog_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
          .bind_all(id, tag)
          .run_later();
    }
    db_.prepare("DELETE FROM tasks WHERE dialog_id = ?").bind(1, id).run_later();
    for (const core::Task& task : d.tasks) {
      Id task_id = task.id;
      if (task_id == 0) {
        task_id = allocate_id();
      } else {
        reserve_id(task_id);
      }
      // A task id of another dialog fails the primary key: StoreError(Conflict).
      db_.prepare(
             "INSERT INTO tasks (id, dialog_id, text, due, done, assignee_id) "
             "VALUES (?, ?, ?, ?, ?, ?)")
          .bind_all(task_id, id, task.text, task.due, task.done, task.assignee_id)
          .run_later();
    }
  });
  return id;
}

}  // namespace server::sql
