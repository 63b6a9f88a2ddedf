// The fonts the page hands over (bytes fetched by the loader) and the ImGui
// atlas built from them at the screen's pixel density.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "app/glyph_demand.hpp"

namespace platform {

enum class FontFile { Regular = 0, Bold = 1, Icons = 2 };

void set_font_file(FontFile which, std::vector<std::uint8_t> bytes);
bool fonts_ready();
// Rebuilds the atlas for a device pixel ratio, with the symbols the text
// seen so far uses; the renderer's texture must be recreated afterwards.
void build_fonts(float device_pixel_ratio);

// Text that arrived (answers, live events, typing, a paste): the letters,
// symbols and emoji it uses that the atlas lacks are fetched and added to it.
void note_text(std::string_view utf8);
app::GlyphDemand& glyph_demand();
// A chunk's font file beside the page ("fonts/symbols-0.ttf"), and its bytes
// once fetched; empty when it could not be had.
const char* chunk_file(int chunk);
void set_chunk_file(int chunk, std::vector<std::uint8_t> bytes);

}  // namespace platform
