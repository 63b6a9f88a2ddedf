// SqlStore: an account's reference data — sources, operators (as the
// directory shows them), funnel statuses, tags, templates — and the block list.
#include "server/storage/sql/sql_store.hpp"

namespace server::sql {

core::Directory SqlStore::directory(Id account_id) {
  Lock lock(mutex_);
  core::Directory dir;
  {
    Stmt stmt = db_.prepare(
        "SELECT id, name, email, role, supervisor, active, avatar_url FROM operators "
        "WHERE account_id = ? "
        "ORDER BY id");
    stmt.bind(1, account_id);
    while (stmt.step()) {
      core::Operator op;
      op.id = stmt.int64(0);
      op.account_id = account_id;
      op.name = stmt.text(1);
      op.email = stmt.text(2);
      op.role = static_cast<core::Role>(stmt.int32(3));
      op.supervisor = stmt.boolean(4);
      op.active = stmt.boolean(5);
      op.avatar_url = stmt.text(6);
      dir.operators.push_back(std::move(op));
    }
  }
  for (core::Operator& op : dir.operators) op.source_ids = operator_sources(op.id);
  {
    Stmt stmt = db_.prepare(
        "SELECT id, channel, name, address FROM sources WHERE account_id = ? ORDER BY id");
    stmt.bind(1, account_id);
    while (stmt.step()) {
      dir.sources.push_back({stmt.int64(0), account_id,
                             static_cast<core::ChannelKind>(stmt.int32(1)), stmt.text(2),
                             stmt.text(3)});
    }
  }
  {
    Stmt stmt = db_.prepare(
        "SELECT id, name, color, sort_order, status_group FROM funnel_statuses "
        "WHERE account_id = ? ORDER BY sort_order, id");
    stmt.bind(1, account_id);
    while (stmt.step()) {
      dir.statuses.push_back({stmt.int64(0), account_id, stmt.text(1),
                              static_cast<std::uint32_t>(stmt.int64(2)), stmt.int32(3),
                              static_cast<core::StatusGroup>(stmt.int32(4))});
    }
  }
  {
    Stmt stmt = db_.prepare("SELECT id, name, color FROM tags WHERE account_id = ? ORDER BY id");
    stmt.bind(1, account_id);
    while (stmt.step()) {
      dir.tags.push_back(
          {stmt.int64(0), account_id, stmt.text(1), static_cast<std::uint32_t>(stmt.int64(2))});
    }
  }
  {
    Stmt stmt =
        db_.prepare("SELECT id, title, text FROM templates WHERE account_id = ? ORDER BY id");
    stmt.bind(1, account_id);
    while (stmt.step()) {
      dir.templates.push_back({stmt.int64(0), account_id, stmt.text(1), stmt.text(2)});
    }
  }
  return dir;
}

Id SqlStore::save_source(const core::Source& s) {
  Lock lock(mutex_);
  Id id = s.id;
  atomically([&] {
    id = id_for_save("sources", id, s.account_id);
    db_.prepare(
           "INSERT INTO sources (id, account_id, channel, name, address) VALUES (?, ?, ?, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, name = excluded.name, "
           "address = excluded.address")
        .bind_all(id, s.account_id, static_cast<int>(s.channel), s.name, s.address)
        .run();
  });
  return id;
}

Id SqlStore::save_status(const core::FunnelStatus& s) {
  Lock lock(mutex_);
  Id id = s.id;
  atomically([&] {
    id = id_for_save("funnel_statuses", id, s.account_id);
    db_.prepare(
           "INSERT INTO funnel_statuses (id, account_id, name, color, sort_order, status_group) "
           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
           "color = excluded.color, sort_order = excluded.sort_order, "
           "status_group = excluded.status_group")
        .bind_all(id, s.account_id, s.name, static_cast<std::int64_t>(s.color), s.order,
                  static_cast<int>(s.group))
        .run();
  });
  return id;
}

bool SqlStore::delete_status(Id account_id, Id status_id) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    db_.prepare("DELETE FROM funnel_statuses WHERE id = ? AND account_id = ?")
        .bind_all(status_id, account_id)
        .run();
    deleted = db_.changes() > 0;
    if (!deleted) return;
    db_.prepare("UPDATE dialogs SET status_id = 0 WHERE account_id = ? AND status_id = ?")
        .bind_all(account_id, status_id)
        .run();
  });
  return deleted;
}

Id SqlStore::save_tag(const core::Tag& t) {
  Lock lock(mutex_);
  Id id = t.id;
  atomically([&] {
    id = id_for_save("tags", id, t.account_id);
    db_.prepare(
           "INSERT INTO tags (id, account_id, name, color) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color")
        .bind_all(id, t.account_id, t.name, static_cast<std::int64_t>(t.color))
        .run();
  });
  return id;
}

bool SqlStore::delete_tag(Id account_id, Id tag_id) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    // dialog_tags rows go with it (ON DELETE CASCADE).
    db_.prepare("DELETE FROM tags WHERE id = ? AND account_id = ?")
        .bind_all(tag_id, account_id)
        .run();
    deleted = db_.changes() > 0;
  });
  return deleted;
}

Id SqlStore::save_template(const core::Template& t) {
  Lock lock(mutex_);
  Id id = t.id;
  atomically([&] {
    id = id_for_save("templates", id, t.account_id);
    db_.prepare(
           "INSERT INTO templates (id, account_id, title, text) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text")
        .bind_all(id, t.account_id, t.title, t.text)
        .run();
  });
  return id;
}

bool SqlStore::delete_template(Id account_id, Id template_id) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    db_.prepare("DELETE FROM templates WHERE id = ? AND account_id = ?")
        .bind_all(template_id, account_id)
        .run();
    deleted = db_.changes() > 0;
  });
  return deleted;
}

std::vector<BlockEntry> SqlStore::block_list(Id account_id) {
  Lock lock(mutex_);
  std::vector<BlockEntry> out;
  Stmt stmt =
      db_.prepare("SELECT id, kind, value FROM block_list WHERE account_id = ? ORDER BY id");
  stmt.bind(1, account_id);
  while (stmt.step()) {
    out.push_back({stmt.int64(0), account_id, static_cast<BlockKind>(stmt.int32(1)), stmt.text(2)});
  }
  return out;
}

Id SqlStore::add_block(const BlockEntry& e) {
  Lock lock(mutex_);
  Id id = e.id;
  atomically([&] {
    id = id_for_save("block_list", id, e.account_id);
    db_.prepare(
           "INSERT INTO block_list (id, account_id, kind, value) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, value = excluded.value")
        .bind_all(id, e.account_id, static_cast<int>(e.kind), e.value)
        .run();
  });
  return id;
}

bool SqlStore::delete_block(Id account_id, Id entry_id) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    db_.prepare("DELETE FROM block_list WHERE id = ? AND account_id = ?")
        .bind_all(entry_id, account_id)
        .run();
    deleted = db_.changes() > 0;
  });
  return deleted;
}

}  // namespace server::sql
