// Icon glyphs of the bundled icon font (Font Awesome 4.7 from Debian's
// fonts-font-awesome), as UTF-8, and the look of each channel. A glyph used
// anywhere must also be in platform/font_glyphs.hpp (tests/client/fonts_test.py).
#pragma once

#include <cstdint>

#include "core/entities.hpp"

namespace ui::icon {

constexpr const char* kSearch = "\xef\x80\x82";       // U+F002
constexpr const char* kClose = "\xef\x80\x8d";        // U+F00D
constexpr const char* kFilter = "\xef\x82\xb0";       // U+F0B0
constexpr const char* kPencil = "\xef\x81\x80";       // U+F040
constexpr const char* kTasks = "\xef\x82\xae";        // U+F0AE
constexpr const char* kClock = "\xef\x80\x97";        // U+F017
constexpr const char* kCheckSquare = "\xef\x85\x8a";  // U+F14A
constexpr const char* kComments = "\xef\x82\x86";     // U+F086
constexpr const char* kUser = "\xef\x80\x87";         // U+F007
constexpr const char* kTag = "\xef\x80\xab";          // U+F02B
constexpr const char* kInbox = "\xef\x80\x9c";        // U+F01C
constexpr const char* kArchive = "\xef\x86\x87";      // U+F187
constexpr const char* kCheck = "\xef\x80\x8c";        // U+F00C
constexpr const char* kCircle = "\xef\x84\x91";       // U+F111
constexpr const char* kEye = "\xef\x81\xae";          // U+F06E

struct ChannelLook {
  const char* glyph;
  std::uint32_t color;  // 0xRRGGBB brand colour
};

ChannelLook channel_look(core::ChannelKind kind);

}  // namespace ui::icon
