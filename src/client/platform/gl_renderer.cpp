// ImGui's triangles to WebGL2 (see gl_renderer.hpp).
#include "platform/gl_renderer.hpp"

#include <GLES3/gl3.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace platform {
namespace {

const char* const kVertexShader = R"(#version 300 es
precision highp float;
uniform mat4 projection;
in vec2 position;
in vec2 uv;
in vec4 color;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
  frag_uv = uv;
  frag_color = color;
  gl_Position = projection * vec4(position, 0, 1);
})";

// The font atlas holds coverage only (one byte a pixel: a quarter of RGBA to
// build and upload); every other texture is RGBA. One program for each.
const char* const kAtlasFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D pixels;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() {
  out_color = vec4(frag_color.rgb, frag_color.a * texture(pixels, frag_uv).r);
})";

const char* const kImageFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D pixels;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() {
  out_color = frag_color * texture(pixels, frag_uv);
})";

struct Program {
  GLuint id = 0;
  GLint projection = -1;
  ImVec2 display_pos{-1, -1}, display_size{-1, -1};  // what the projection was set for
};

struct Renderer {
  Program atlas, image;
  Program* current = nullptr;
  GLuint vertex_array = 0, vertices = 0, indices = 0;
  GLuint font_texture = 0;
  // Every draw list's vertices and indices, one after another, for one upload each.
  std::vector<ImDrawVert> vertex_data;
  std::vector<ImDrawIdx> index_data;
  int viewport_w = 0, viewport_h = 0;
};

Renderer r;

// Its status is not asked for: each query waits for the GPU process. A
// failure shows in the program's link status and log.
GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

// The vertex attributes' locations, the same in both programs (one vertex array).
constexpr GLuint kPosition = 0, kUv = 1, kColor = 2;

// Starts linking the vertex shader with `fragment`; finish_link waits for it.
void start_link(Program& program, GLuint vertex, const char* fragment) {
  const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment);
  program.id = glCreateProgram();
  glAttachShader(program.id, vertex);
  glAttachShader(program.id, fs);
  glBindAttribLocation(program.id, kPosition, "position");
  glBindAttribLocation(program.id, kUv, "uv");
  glBindAttribLocation(program.id, kColor, "color");
  glLinkProgram(program.id);
  glDeleteShader(fs);
}

// The link's status (the first query waits for the GPU process to finish it)
// and the uniforms; the sampler reads texture unit 0.
bool finish_link(Program& program) {
  GLint linked = 0;
  glGetProgramiv(program.id, GL_LINK_STATUS, &linked);
  if (!linked) {
    char log[512] = "";
    glGetProgramInfoLog(program.id, sizeof log, nullptr, log);
    std::fprintf(stderr, "shader program: %s\n", log);
    return false;
  }
  program.projection = glGetUniformLocation(program.id, "projection");
  glUseProgram(program.id);
  glUniform1i(glGetUniformLocation(program.id, "pixels"), 0);
  return true;
}

// The vertex layout, from the vertex `first` of the bound buffer on.
void point_attributes(std::size_t first) {
  const auto at = [first](std::size_t field) {
    return reinterpret_cast<const void*>(first * sizeof(ImDrawVert) + field);
  };
  constexpr GLsizei stride = sizeof(ImDrawVert);
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        at(offsetof(ImDrawVert, col)));
}

// Makes `program` current, mapping the display's rectangle (ImGui's
// coordinates) to clip space when it changed since the program last drew.
void use(Program& program, ImVec2 pos, ImVec2 size) {
  if (r.current != &program) {
    glUseProgram(program.id);
    r.current = &program;
  }
  if (pos.x == program.display_pos.x && pos.y == program.display_pos.y &&
      size.x == program.display_size.x && size.y == program.display_size.y) {
    return;
  }
  const float left = pos.x, right = pos.x + size.x, top = pos.y, bottom = pos.y + size.y;
  // clang-format off
  const float projection[16] = {
      2 / (right - left),              0,                               0,  0,
      0,                               2 / (top - bottom),              0,  0,
      0,                               0,                               -1, 0,
      (right + left) / (left - right), (top + bottom) / (bottom - top), 0,  1,
  };
  // clang-format on
  glUniformMatrix4fv(program.projection, 1, GL_FALSE, projection);
  program.display_pos = pos;
  program.display_size = size;
}

}  // namespace

bool renderer_init() {
  const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
  start_link(r.atlas, vs, kAtlasFragmentShader);
  start_link(r.image, vs, kImageFragmentShader);
  glDeleteShader(vs);
  if (r.atlas.id == 0 || r.image.id == 0) return false;

  // Nothing else draws in this context: the state stays as set here.
  glGenVertexArrays(1, &r.vertex_array);
  glBindVertexArray(r.vertex_array);
  glGenBuffers(1, &r.vertices);
  glGenBuffers(1, &r.indices);
  glBindBuffer(GL_ARRAY_BUFFER, r.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indices);
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColor);
  glActiveTexture(GL_TEXTURE0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // the atlas's rows are bytes
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  ImGui::GetIO().BackendRendererName = "chats-webgl2";
  return true;
}

bool renderer_programs_linked() {
  return finish_link(r.atlas) && finish_link(r.image);
}

void renderer_upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (r.font_texture) glDeleteTextures(1, &r.font_texture);
  glGenTextures(1, &r.font_texture);
  glBindTexture(GL_TEXTURE_2D, r.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
}

unsigned renderer_create_texture(const unsigned char* rgba, int width, int height) {
  GLuint texture = 0;
  glGenTextures(1, &texture);
  if (!texture) return 0;
  glBindTexture(GL_TEXTURE_2D, texture);
  // Pictures are drawn smaller than their size and never repeat.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  return texture;
}

void renderer_delete_texture(unsigned texture) {
  const GLuint name = texture;
  if (name) glDeleteTextures(1, &name);
}

void renderer_draw(const ImDrawData& data, int fb_width, int fb_height, const ImVec4& clear) {
  if (fb_width != r.viewport_w || fb_height != r.viewport_h) {
    glViewport(0, 0, fb_width, fb_height);
    r.viewport_w = fb_width;
    r.viewport_h = fb_height;
  }
  glScissor(0, 0, fb_width, fb_height);  // glClear honours the scissor
  glClearColor(clear.x, clear.y, clear.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  if (fb_width <= 0 || fb_height <= 0 || data.TotalVtxCount == 0) return;

  const float left = data.DisplayPos.x, top = data.DisplayPos.y;

  r.vertex_data.resize(static_cast<std::size_t>(data.TotalVtxCount));
  r.index_data.resize(static_cast<std::size_t>(data.TotalIdxCount));
  std::size_t vtx = 0, idx = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    std::memcpy(&r.vertex_data[vtx], list.VtxBuffer.Data, list.VtxBuffer.size_in_bytes());
    std::memcpy(&r.index_data[idx], list.IdxBuffer.Data, list.IdxBuffer.size_in_bytes());
    vtx += static_cast<std::size_t>(list.VtxBuffer.Size);
    idx += static_cast<std::size_t>(list.IdxBuffer.Size);
  }
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vtx * sizeof(ImDrawVert)),
               r.vertex_data.data(), GL_STREAM_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(idx * sizeof(ImDrawIdx)),
               r.index_data.data(), GL_STREAM_DRAW);

  const ImVec2 scale = data.FramebufferScale;
  const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  ImTextureID bound = nullptr;
  vtx = 0;
  idx = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    point_attributes(vtx);  // indices are relative to their list's first vertex
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback) continue;  // the app adds none
      const float x0 = (cmd.ClipRect.x - left) * scale.x, y0 = (cmd.ClipRect.y - top) * scale.y;
      const float x1 = (cmd.ClipRect.z - left) * scale.x, y1 = (cmd.ClipRect.w - top) * scale.y;
      if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
      glScissor(static_cast<int>(x0), static_cast<int>(fb_height - y1), static_cast<int>(x1 - x0),
                static_cast<int>(y1 - y0));
      if (cmd.TextureId != bound) {
        bound = cmd.TextureId;
        const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(bound));
        use(texture == r.font_texture ? r.atlas : r.image, data.DisplayPos, data.DisplaySize);
        glBindTexture(GL_TEXTURE_2D, texture);
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                     reinterpret_cast<const void*>((idx + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    vtx += static_cast<std::size_t>(list.VtxBuffer.Size);
    idx += static_cast<std::size_t>(list.IdxBuffer.Size);
  }
}

}  // namespace platform
