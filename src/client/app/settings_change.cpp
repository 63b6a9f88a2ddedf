// Settings changes: their checks and how they apply (see settings_change.hpp).
#include "app/settings_change.hpp"

#include <algorithm>

#include "app/problem_text.hpp"
#include "core/account_rules.hpp"

namespace app {
namespace {

const char* tr(Locale l, const char* ru, const char* en) {
  return l == Locale::Ru ? ru : en;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\n") == std::string::npos;
}

template <class Item>
void remove_id(std::vector<Item>& items, core::Id id) {
  items.erase(
      std::remove_if(items.begin(), items.end(), [id](const Item& x) { return x.id == id; }),
      items.end());
}

template <class Item>
void save(std::vector<Item>& items, Item item, core::Id new_id) {
  // A created item already there (the change applied twice) is replaced, not doubled;
  // an edited one that is gone stays gone.
  const bool created = item.id == core::kNoId;
  if (created) item.id = new_id;
  for (Item& x : items) {
    if (x.id == item.id) {
      x = std::move(item);
      return;
    }
  }
  if (created) items.push_back(std::move(item));
}

std::string check_operator(const SettingsChange& c, const core::Directory& dir, core::Id me,
                           Locale l) {
  const core::Operator* current = dir.find_operator(c.op.id);
  if (c.remove) {
    if (!current) return tr(l, "Сотрудник уже удалён", "The operator is already gone");
    if (current->id == me) return tr(l, "Себя удалить нельзя", "You cannot delete yourself");
    if (current->role == core::Role::Owner) {
      return tr(l, "Владельца удалить нельзя", "The owner cannot be deleted");
    }
    return {};
  }
  if (current && current->role == core::Role::Owner) {
    return tr(l, "Владельца здесь не изменить", "The owner is not edited here");
  }
  if (c.op.id > 0 && !current) return tr(l, "Сотрудник уже удалён", "The operator is already gone");
  if (current && current->id == me && !c.op.active) {
    return tr(l, "Себя отключить нельзя", "You cannot deactivate yourself");
  }
  if (c.link_only()) {
    return current->active ? std::string()
                           : tr(l, "Сначала верните сотруднику доступ",
                                "Give the operator their access back first");
  }
  if (blank(c.op.name)) return tr(l, "Введите имя", "Enter a name");
  if (!core::plausible_email(c.op.email)) {
    return account_problem_text(core::AccountProblem::BadEmail, l);
  }
  for (const core::Operator& o : dir.operators) {
    if (o.id != c.op.id && o.email == c.op.email) {
      return tr(l, "Этот e-mail уже занят", "This e-mail is already in use");
    }
  }
  if (c.op.role == core::Role::Owner) return tr(l, "Выберите роль", "Choose a role");
  if ((c.op.id == core::kNoId && !c.invite) || !c.password.empty()) {
    return account_problem_text(core::password_problem(c.password), l);
  }
  return {};
}

}  // namespace

core::Id SettingsChange::id() const {
  switch (item) {
    case SettingsItem::Status:
      return status.id;
    case SettingsItem::Tag:
      return tag.id;
    case SettingsItem::Template:
      return tmpl.id;
    case SettingsItem::Operator:
      return op.id;
    case SettingsItem::Block:
      return block.id;
  }
  return core::kNoId;
}

std::string check_settings(const SettingsChange& c, const core::Directory& dir, core::Id me,
                           Locale l) {
  switch (c.item) {
    case SettingsItem::Status:
      if (c.remove) {
        if (c.move_to == c.status.id) {
          return tr(l, "Диалоги нельзя перенести в удаляемый статус",
                    "Dialogs cannot move to the status being deleted");
        }
        if (c.move_to != core::kNoId && !dir.find_status(c.move_to)) {
          return tr(l, "Выберите статус, куда перенести диалоги", "Choose where the dialogs go");
        }
        return {};
      }
      if (blank(c.status.name)) return tr(l, "Введите название статуса", "Enter the status name");
      return {};
    case SettingsItem::Tag:
      if (!c.remove && blank(c.tag.name))
        return tr(l, "Введите название тега", "Enter the tag name");
      return {};
    case SettingsItem::Template:
      if (c.remove) return {};
      if (blank(c.tmpl.title)) return tr(l, "Введите название шаблона", "Enter the template title");
      if (blank(c.tmpl.text)) return tr(l, "Введите текст шаблона", "Enter the template text");
      return {};
    case SettingsItem::Operator:
      return check_operator(c, dir, me, l);
    case SettingsItem::Block:
      if (c.remove) return {};
      if (blank(c.block.value)) return tr(l, "Введите значение", "Enter a value");
      if (c.block.kind == BlockKind::Client &&
          c.block.value.find_first_not_of("0123456789") != std::string::npos) {
        return tr(l, "Клиент задаётся номером (id)", "A client is given by its id number");
      }
      return {};
  }
  return {};
}

void apply_settings(core::Directory& dir, const SettingsChange& c, core::Id new_id) {
  const core::Id id = c.id();
  switch (c.item) {
    case SettingsItem::Status:
      if (c.remove) {
        remove_id(dir.statuses, id);
      } else {
        save(dir.statuses, c.status, new_id);
      }
      std::stable_sort(dir.statuses.begin(), dir.statuses.end(),
                       [](const core::FunnelStatus& a, const core::FunnelStatus& b) {
                         return a.order < b.order;
                       });
      return;
    case SettingsItem::Tag:
      if (c.remove) return remove_id(dir.tags, id);
      return save(dir.tags, c.tag, new_id);
    case SettingsItem::Template:
      if (c.remove) return remove_id(dir.templates, id);
      return save(dir.templates, c.tmpl, new_id);
    case SettingsItem::Operator:
      if (c.remove) return remove_id(dir.operators, id);
      if (c.link_only()) return;
      return save(dir.operators, c.op, new_id);
    case SettingsItem::Block:
      return;  // not part of the directory
  }
}

std::vector<core::FunnelStatus> reorder_statuses(std::vector<core::FunnelStatus> statuses,
                                                 std::size_t from, std::size_t to) {
  if (from < statuses.size() && to < statuses.size() && from != to) {
    core::FunnelStatus moved = std::move(statuses[from]);
    statuses.erase(statuses.begin() + static_cast<std::ptrdiff_t>(from));
    statuses.insert(statuses.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
  }
  for (std::size_t i = 0; i < statuses.size(); ++i) statuses[i].order = static_cast<int>(i);
  return statuses;
}

const char* status_group_name(core::StatusGroup g, Locale l) {
  switch (g) {
    case core::StatusGroup::Active:
      return tr(l, "В работе", "Active");
    case core::StatusGroup::Success:
      return tr(l, "Успешно", "Success");
    case core::StatusGroup::Failure:
      return tr(l, "Неуспешно", "Failure");
    case core::StatusGroup::NotALead:
      return tr(l, "Не лид", "Not a lead");
  }
  return "";
}

const char* role_name(core::Role r, Locale l) {
  switch (r) {
    case core::Role::Owner:
      return tr(l, "Владелец", "Owner");
    case core::Role::Admin:
      return tr(l, "Администратор", "Administrator");
    case core::Role::Manager:
      return tr(l, "Менеджер", "Manager");
  }
  return "";
}

const char* block_kind_name(BlockKind k, Locale l) {
  switch (k) {
    case BlockKind::Client:
      return tr(l, "Клиент", "Client");
    case BlockKind::Post:
      return tr(l, "Пост", "Post");
    case BlockKind::StopWord:
      return tr(l, "Стоп-слово", "Stop word");
  }
  return "";
}

}  // namespace app
