// An attachment inside a message bubble: a chip with the file's kind icon,
// its name and size, which opens (downloads) the file on a click.
#pragma once

#include <string>

#include <imgui.h>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace ui {

constexpr float kFileChipHeight = 48.0f;

// The width a chip wants for its name and size, at most `max_width`.
float file_chip_width(const core::Attachment& attachment, app::Locale locale, float max_width);

// Draws the chip at `pos`; true when clicked (only an attachment that can be
// opened is clickable). `on_accent`: drawn on an outgoing (accent) bubble.
// Publishes `id` with the file's name.
bool draw_file_chip(const std::string& id, const core::Attachment& attachment, ImVec2 pos,
                    float width, bool on_accent, app::Locale locale);

}  // namespace ui
