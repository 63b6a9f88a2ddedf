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

// Text that arrived (answers, live events, typing, a paste): the symbols and
// emoji it uses are fetched and added to the atlas.
void note_text(std::string_view utf8);
app::GlyphDemand& glyph_demand();
// A chunk of the symbol font (fonts/symbols-N.ttf); empty when it could not be had.
void set_symbol_file(int chunk, std::vector<std::uint8_t> bytes);

}  // namespace platform
