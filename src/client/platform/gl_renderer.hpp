// Draws ImGui's draw data with WebGL2. The app owns its context alone, so the
// state is set once and never read back: a query of GL state in the browser
// is a synchronous round trip to the GPU process, which waits there for the
// previous frame (software-rendered under SwiftShader). Each frame uploads
// every vertex and index in one call each.
#pragma once

#include <imgui.h>

namespace platform {

// Compiles the shader and makes the buffers; false when WebGL refuses.
bool renderer_init();
// (Re)creates the font texture from ImGui's atlas, after every atlas build.
void renderer_upload_fonts();
// An RGBA picture (rows from the top, 4 bytes a pixel, not premultiplied) as a
// texture whose name is its ImTextureID; 0 when WebGL refuses.
unsigned renderer_create_texture(const unsigned char* rgba, int width, int height);
void renderer_delete_texture(unsigned texture);
// Clears the framebuffer to `clear` and draws the frame.
void renderer_draw(const ImDrawData& data, int fb_width, int fb_height, const ImVec4& clear);

}  // namespace platform
