// The fonts the page hands over (bytes fetched by the loader) and the ImGui
// atlas built from them at the screen's pixel density.
#pragma once

#include <cstdint>
#include <vector>

namespace platform {

enum class FontFile { Regular = 0, Bold = 1, Icons = 2 };

void set_font_file(FontFile which, std::vector<std::uint8_t> bytes);
bool fonts_ready();
// Rebuilds the atlas for a device pixel ratio; the renderer's texture must be
// recreated afterwards.
void build_fonts(float device_pixel_ratio);

}  // namespace platform
