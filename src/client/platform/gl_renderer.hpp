// Draws ImGui's draw data with WebGL2. The app owns its context alone, so the
// state is set once and never read back: a query of GL state in the browser
// is a synchronous round trip to the GPU process, which waits there for the
// previous frame (software-rendered under SwiftShader). Each frame uploads
// every vertex and index in one call each.
#pragma once

#include <imgui.h>

namespace platform {

// Starts compiling and linking the shaders and makes the buffers; false when
// WebGL refuses. The GPU process links them while the caller goes on.
bool renderer_init();
// Waits for the links renderer_init started and reads the programs' uniforms:
// call it after other work. False, with the log on stderr, when one failed.
bool renderer_programs_linked();
// (Re)creates the font texture from ImGui's atlas, after every atlas build.
void renderer_upload_fonts();
// An RGBA picture (rows from the top, 4 bytes a pixel, not premultiplied) as a
// texture whose name is its ImTextureID; 0 when WebGL refuses.
unsigned renderer_create_texture(const unsigned char* rgba, int width, int height);
void renderer_delete_texture(unsigned texture);
// Clears the framebuffer to `clear` and draws the frame.
void renderer_draw(const ImDrawData& data, int fb_width, int fb_height, const ImVec4& clear);

}  // namespace platform
