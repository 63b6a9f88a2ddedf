// The owner's account settings as changes: a funnel status, tag, template or
// operator saved or deleted, a block-list entry added or removed. The checks
// a form passes before it is sent live here, and so does applying a change to
// a directory (the demo's answer, with the same rules).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

enum class SettingsItem { Status, Tag, Template, Operator, Block };
enum class BlockKind { Client, Post, StopWord };

struct BlockEntry {
  core::Id id = core::kNoId;
  BlockKind kind = BlockKind::StopWord;
  std::string value;
};

struct SettingsChange {
  SettingsItem item = SettingsItem::Status;
  bool remove = false;  // delete the item with the id below; else save (kNoId: create)
  core::FunnelStatus status;
  core::Tag tag;
  core::Template tmpl;
  core::Operator op;
  std::string password;  // a new operator's; "" on an edit keeps the current one
  // An operator created with an invitation link instead of a password; on an
  // existing one, a fresh link and nothing else (a link-only change).
  bool invite = false;
  BlockEntry block;
  core::Id move_to = core::kNoId;  // a deleted status's dialogs go here (kNoId: no status)

  core::Id id() const;  // of the item the change is about
  // Asks for an existing operator's new link: changes nothing in the directory.
  bool link_only() const { return item == SettingsItem::Operator && invite && op.id > 0; }
};

// The colours offered by the swatches of statuses and tags.
inline constexpr std::uint32_t kSettingsPalette[] = {0x64748B, 0x2563EB, 0x0EA5E9, 0x10B981,
                                                     0x84CC16, 0xF59E0B, 0xF97316, 0xEF4444,
                                                     0xEC4899, 0x8B5CF6};

// What is wrong with the change in the operator's words; "" when it can be sent.
// `me` is the signed-in operator: nobody deletes themself or an owner.
std::string check_settings(const SettingsChange& change, const core::Directory& directory,
                           core::Id me, Locale locale);

// Applies a checked change to a directory; a created item gets `new_id`.
void apply_settings(core::Directory& directory, const SettingsChange& change, core::Id new_id);

// The statuses in the order shown, with one moved from `from` to `to` (positions),
// renumbered 0, 1, 2…: each one whose order changed needs saving.
std::vector<core::FunnelStatus> reorder_statuses(std::vector<core::FunnelStatus> statuses,
                                                 std::size_t from, std::size_t to);

const char* status_group_name(core::StatusGroup group, Locale locale);
const char* role_name(core::Role role, Locale locale);
const char* block_kind_name(BlockKind kind, Locale locale);

}  // namespace app
