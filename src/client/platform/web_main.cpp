// The browser side of the client: the functions shell/inbox.js calls (input,
// size, fonts, frames) and the frame itself. The page owns the loop: it asks
// for a frame only after input, data or a timer, so an idle tab sleeps.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include <imgui.h>

#include "app/inbox_app.hpp"
#include "app/view_hold.hpp"
#include "core/codec.hpp"
#include "core/demo_data.hpp"
#include "net/demo_backend.hpp"
#include "net/http_backend.hpp"
#include "net/http_request.hpp"
#include "platform/avatar_images.hpp"
#include "platform/fonts.hpp"
#include "platform/gl_renderer.hpp"
#include "platform/host_bridge.hpp"
#include "platform/input_queue.hpp"
#include "platform/layout_store.hpp"
#include "platform/outbox_store.hpp"
#include "ui/inbox_screen.hpp"
#include "ui/login_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace {

constexpr int kFramesAfterInput = 3;  // ImGui settles hover and focus over a few frames
constexpr int kMaxInputFrames = 8;    // frames built, not drawn, for queued input per drawn one
constexpr float kInputFrameSeconds = 0.001f;  // the clock of such a frame
constexpr int kCursorBlinkMs = 530;
constexpr int kTimedFrameMs = 250;  // something on screen goes away on time (a toast)

// The last frame's time by phase and the size of what it drew (a test hook:
// the counts do not depend on the machine's load).
struct FrameSplit {
  double update_ms = 0;  // answers and events applied to the app's state
  double ui_ms = 0;      // ImGui's frame: the widgets and their triangles
  double render_ms = 0;  // the triangles handed to WebGL
  int draw_lists = 0, draw_commands = 0, vertices = 0, indices = 0;
};

struct Runtime {
  std::unique_ptr<app::InboxApp> app;
  platform::InputQueue input;
  ui::ScreenState screen;
  ui::LoginState login;
  float css_width = 0, css_height = 0, dpr = 1;
  float font_dpr = 0;  // the ratio the atlas was built for
  double last_frame_ms = 0;
  std::int64_t utc_offset_ms = 0;
  int frames_wanted = kFramesAfterInput;
  ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
  std::string clipboard;  // last text pasted from or copied to the system clipboard
  double frame_cpu_ms = 0;
  bool first_rows_marked = false;
  int frames_drawn = 0;               // the page shows the canvas once there is one
  core::Id sort_guess = core::kNoId;  // whose remembered sort the first list was asked in
  app::ViewHold view_hold;            // a view the operator chose stays off screen until its rows
  FrameSplit split;                   // where the last frame's time went
  app::Locale locale = app::Locale::Ru;
  bool dark = false;
  bool notifications = true;    // the operator app's setting; the page plays and shows them
  std::string help_url;         // from the mount options; else the server's
  bool server_backend = false;  // the outbox is kept in the browser only then
};

Runtime g;

// clang-format off
EM_JS(void, js_set_cursor, (const char* css), {
  if (Module.canvas) Module.canvas.style.cursor = UTF8ToString(css);
});
EM_JS(void, js_copy_text, (const char* text), {
  if (Module.onCopy) Module.onCopy(UTF8ToString(text));
});
EM_JS(void, js_mark, (const char* name), {
  if (typeof performance !== 'undefined' && performance.mark) performance.mark(UTF8ToString(name));
});
// `accept` limits the picker ("image/*" for a picture), "" takes any file.
EM_JS(void, js_pick_file, (const char* accept), {
  if (Module.pickFile) Module.pickFile(UTF8ToString(accept));
});
EM_JS(void, js_fetch_glyphs, (int chunk, const char* file), {
  if (Module.fetchGlyphs) Module.fetchGlyphs(chunk, UTF8ToString(file));
});
// clang-format on

const char* css_cursor(ImGuiMouseCursor c) {
  switch (c) {
    case ImGuiMouseCursor_TextInput:
      return "text";
    case ImGuiMouseCursor_ResizeAll:
      return "move";
    case ImGuiMouseCursor_ResizeNS:
      return "ns-resize";
    case ImGuiMouseCursor_ResizeEW:
      return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW:
      return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE:
      return "nwse-resize";
    case ImGuiMouseCursor_Hand:
      return "pointer";
    case ImGuiMouseCursor_NotAllowed:
      return "not-allowed";
    case ImGuiMouseCursor_None:
      return "none";
    default:
      return "default";
  }
}

const char* get_clipboard(void*) {
  return g.clipboard.c_str();
}
void set_clipboard(void*, const char* text) {
  g.clipboard = text;
  js_copy_text(text);
}

// DOM keyCodes index io.KeysDown; these are the ones ImGui needs to know.
void map_keys(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = 9;
  io.KeyMap[ImGuiKey_LeftArrow] = 37;
  io.KeyMap[ImGuiKey_RightArrow] = 39;
  io.KeyMap[ImGuiKey_UpArrow] = 38;
  io.KeyMap[ImGuiKey_DownArrow] = 40;
  io.KeyMap[ImGuiKey_PageUp] = 33;
  io.KeyMap[ImGuiKey_PageDown] = 34;
  io.KeyMap[ImGuiKey_Home] = 36;
  io.KeyMap[ImGuiKey_End] = 35;
  io.KeyMap[ImGuiKey_Insert] = 45;
  io.KeyMap[ImGuiKey_Delete] = 46;
  io.KeyMap[ImGuiKey_Backspace] = 8;
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_Enter] = 13;
  io.KeyMap[ImGuiKey_Escape] = 27;
  io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
  io.KeyMap[ImGuiKey_A] = 65;
  io.KeyMap[ImGuiKey_C] = 67;
  io.KeyMap[ImGuiKey_V] = 86;
  io.KeyMap[ImGuiKey_X] = 88;
  io.KeyMap[ImGuiKey_Y] = 89;
  io.KeyMap[ImGuiKey_Z] = 90;
}

void wake() {
  g.frames_wanted = kFramesAfterInput;
}

// The settings menu's choice: applied here, and told to the page, which remembers it.
void apply_settings(const ui::SettingsChoice& c) {
  if (c.dark) g.dark = *c.dark;
  if (c.locale) g.locale = *c.locale;
  if (c.notifications) g.notifications = *c.notifications;
  if (c.dark || c.locale) ui::apply_theme(g.dark ? ui::ThemeKind::Dark : ui::ThemeKind::Light);
  if (c.dark || c.locale || c.notifications) {
    platform::push_page_notice(core::Json{
        {"kind", "settingsChanged"},
        {"locale", g.locale == app::Locale::En ? "en" : "ru"},
        {"theme", g.dark ? "dark" : "light"},
        {"notifications",
         g.notifications}}.dump());
  }
  if (c.open_channels) g.screen.channels.opening = true;
  if (c.open_account) g.screen.account.opening = true;
  if (c.open_profile) g.screen.profile.opening = true;
  if (c.open_help && g.screen.settings) {
    platform::push_page_notice(
        core::Json{{"kind", "openHelp"}, {"url", g.screen.settings->help_url}}.dump());
  }
  wake();
}

double ms_between(std::chrono::steady_clock::time_point from,
                  std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// One frame of the UI built from the app's state (ImGui's draw data, not yet
// drawn), with what it asked for applied: a request leaves before the frame is
// drawn. True when something on screen goes away on time (a toast).
bool build_frame(double now_ms) {
  const auto started = std::chrono::steady_clock::now();
  ImGuiIO& io = ImGui::GetIO();
  app::Intents host;
  if (platform::take_host_intents(host)) {
    g.app->apply(host);
    wake();
  }
  const bool data_changed = g.app->update(static_cast<core::TimeMs>(now_ms));
  if (data_changed) wake();
  // The search box shows the view's search, whoever set it.
  const std::string& search = g.app->list().query.filter.search;
  if (search != g.screen.search && !io.WantTextInput) {
    std::snprintf(g.screen.search, sizeof g.screen.search, "%s", search.c_str());
  }
  if (g.screen.settings) {
    ui::SettingsView& view = *g.screen.settings;
    view.dark = g.dark;
    view.locale = g.locale;
    view.notifications = g.notifications;
    view.help_url = g.help_url.empty() ? g.app->help_url() : g.help_url;
    const core::Operator* me = g.app->directory().find_operator(g.app->operator_id());
    view.can_manage_channels = g.server_backend && me && me->role != core::Role::Manager;
    view.can_manage_account = me && me->role != core::Role::Manager;
    view.has_profile = me != nullptr;
    if (g.screen.server_url.empty()) g.screen.server_url = net::api_url("");
  }
  g.screen.settings_choice = {};

  const auto updated = std::chrono::steady_clock::now();
  ImGui::NewFrame();
  ui::widgets().begin_frame();
  g.app->avatars().begin_frame();
  app::Intents intents;
  bool timed = false;
  const net::Status status = g.app->status();
  if (status.session == net::Session::NeedLogin || status.session == net::Session::LoggingIn) {
    ui::draw_login_screen(status, {g.locale, g.screen.settings.has_value()}, g.login, intents,
                          g.screen.settings_choice);
  } else {
    const core::Id operator_id = g.app->operator_id();
    if (operator_id != core::kNoId && g.sort_guess != core::kNoId) {
      // Another operator's sort was guessed: this one's saved layout sets it.
      if (g.sort_guess != operator_id) {
        app::Intents reset;
        reset.sort = core::Sort{};
        g.app->apply(reset);
      }
      g.sort_guess = core::kNoId;
    }
    platform::restore_layout(operator_id);
    timed = ui::draw_inbox_screen(
        {*g.app, static_cast<core::TimeMs>(now_ms), g.utc_offset_ms, g.locale, &g.app->avatars()},
        g.screen, intents);
  }
  ui::widgets().draw_focus_ring(g.dpr);
  ImGui::Render();
  const auto built = std::chrono::steady_clock::now();
  // Summed over the frames built for input within one drawn frame.
  g.split.update_ms += ms_between(started, updated);
  g.split.ui_ms += ms_between(updated, built);

  platform::save_layout_if_changed();
  if (intents.any()) {
    g.app->apply(intents);
    if (intents.pick_file) js_pick_file("");
    if (intents.pick_avatar) js_pick_file("image/*");
    wake();
  }
  if (g.app->operator_id() != core::kNoId && g.sort_guess == core::kNoId) {
    platform::remember_sort(g.app->operator_id(), g.app->list().query.sort);
  }
  // The demo's dialogs are made anew on every load: its outbox is not kept.
  if (g.server_backend) platform::keep_outbox(*g.app);
  if (g.screen.settings_choice.any()) apply_settings(g.screen.settings_choice);
  return timed;
}

}  // namespace

extern "C" {

// Takes a copy of a font file the page fetched (which: 0 regular, 1 bold, 2 icons).
EMSCRIPTEN_KEEPALIVE void app_add_font(int which, const std::uint8_t* data, int size) {
  platform::set_font_file(static_cast<platform::FontFile>(which),
                          std::vector<std::uint8_t>(data, data + size));
}

// A chunk of glyphs the page fetched (platform::chunk_file), or none (size 0)
// when it could not: the atlas takes the glyphs of it the text uses.
EMSCRIPTEN_KEEPALIVE void app_add_glyphs(int chunk, const std::uint8_t* data, int size) {
  platform::set_chunk_file(chunk, std::vector<std::uint8_t>(data, data + std::max(size, 0)));
  wake();
}

// Starts the app on the page's canvas (a CSS selector); returns 0 on success.
// backend: 0 the in-page demo, 1 the server the page came from.
EMSCRIPTEN_KEEPALIVE int app_init(const char* canvas_selector, float css_width, float css_height,
                                  float dpr, double utc_offset_ms, int demo_dialogs, double now_ms,
                                  int backend) {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.alpha = false;
  attrs.depth = false;  // ImGui draws in order, with no depth test
  attrs.antialias = false;
  attrs.preserveDrawingBuffer = true;  // screenshots of an idle page show the last frame
  // WebGL 2 has all the renderer needs; enabling every extension the browser
  // offers is a round trip to the GPU process for each.
  attrs.enableExtensionsByDefault = false;
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx =
      emscripten_webgl_create_context(canvas_selector, &attrs);
  if (ctx <= 0) return 1;
  emscripten_webgl_make_context_current(ctx);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.BackendPlatformName = "chats-web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  map_keys(io);
  ui::apply_theme(ui::ThemeKind::Light);
  if (!platform::renderer_init()) return 1;

  g.css_width = css_width;
  g.css_height = css_height;
  g.dpr = dpr;
  g.utc_offset_ms = static_cast<std::int64_t>(utc_offset_ms);
  std::unique_ptr<net::Backend> chosen;
  g.server_backend = backend == 1;
  if (backend == 1) {
    chosen = std::make_unique<net::HttpBackend>();
  } else {
    // The demo's data passes through no answer: its emoji are noted here.
    for (const std::string_view text : core::demo_message_texts()) platform::note_text(text);
    auto demo = std::make_unique<net::DemoBackend>(demo_dialogs, static_cast<core::TimeMs>(now_ms));
    demo->set_traffic(platform::demo_traffic());
    chosen = std::move(demo);
  }
  // The outbox's idempotency keys must not meet another page's (or a reload's)
  // within the server's 24 hours: a random prefix from the browser's crypto.
  std::random_device random;
  char key[40];
  std::snprintf(key, sizeof key, "out-%08x%08x", random(), random());
  // Without a sort of its own, the first view has the last operator's sort:
  // most often theirs again (checked when the server says who it is).
  core::ViewQuery first = platform::first_view();
  const core::Sort default_sort;
  if (first.sort.key == default_sort.key && first.sort.descending == default_sort.descending) {
    if (const std::optional<platform::RememberedSort> kept = platform::remembered_sort()) {
      first.sort = kept->sort;
      g.sort_guess = kept->operator_id;
    }
  }
  g.app = std::make_unique<app::InboxApp>(
      std::move(chosen), key, first,
      app::LocalClock{static_cast<core::TimeMs>(now_ms), g.utc_offset_ms});
  if (!platform::fonts_ready()) return 2;
  // The atlas is built while the GPU process links the shaders: asked for
  // the link's status at once, the main thread would wait ~30 ms for it.
  platform::build_fonts(g.dpr);
  platform::renderer_upload_fonts();
  g.font_dpr = g.dpr;
  return platform::renderer_programs_linked() ? 0 : 1;
}

// The host page's look: locale 0 Russian, 1 English; theme 0 light, 1 dark.
EMSCRIPTEN_KEEPALIVE void app_set_look(int locale, int theme) {
  g.locale = locale == 1 ? app::Locale::En : app::Locale::Ru;
  g.dark = theme == 1;
  ui::apply_theme(g.dark ? ui::ThemeKind::Dark : ui::ThemeKind::Light);
  wake();
}

// The operator app's own parts: the settings menu, notifications on or off,
// and a help link given by the page (else the server's, if any).
EMSCRIPTEN_KEEPALIVE void app_set_page_options(int settings_menu, int notifications,
                                               const char* help_url) {
  g.notifications = notifications != 0;
  g.help_url = help_url;
  if (settings_menu) {
    g.screen.settings.emplace();
  } else {
    g.screen.settings.reset();
  }
  wake();
}

// The notices since the last call, as a JSON array (see platform/host_bridge.hpp).
EMSCRIPTEN_KEEPALIVE const char* app_take_notices() {
  return platform::drain_notices(*g.app).c_str();
}

EMSCRIPTEN_KEEPALIVE void app_resize(float css_width, float css_height, float dpr) {
  g.css_width = css_width;
  g.css_height = css_height;
  g.dpr = dpr;
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_mouse_move(float x, float y) {
  g.input.mouse_move(x, y);
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_mouse_button(int button, int down) {
  g.input.mouse_button(button, down != 0);
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_wheel(float dx, float dy) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += dx;
  io.MouseWheel += dy;
  wake();
}

// mods: 1 ctrl (or cmd), 2 shift, 4 alt, 8 super
EMSCRIPTEN_KEEPALIVE void app_key(int code, int down, int mods) {
  g.input.key(code, down != 0, mods);
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_text(const char* utf8) {
  platform::note_text(utf8);
  g.input.text(utf8);
  wake();
}

// Text from the system clipboard, delivered by the page's paste event.
EMSCRIPTEN_KEEPALIVE void app_paste(const char* utf8) {
  platform::note_text(utf8);
  g.clipboard = utf8;
  wake();
}

// The widget the page's focus is on (its mirror element, shell/a11y_mirror.js):
// the app rings it. "" when the focus left the mirror.
EMSCRIPTEN_KEEPALIVE void app_focus_widget(const char* id) {
  ui::widgets().set_focused(id);
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_focus(int focused) {
  ImGuiIO& io = ImGui::GetIO();
  if (!focused) g.input.clear_keys(io);
  wake();
}

// Draws one frame. Returns when the next one is wanted: 0 as soon as
// possible, N ms later, or -1 not until something happens.
EMSCRIPTEN_KEEPALIVE int app_frame(double now_ms, double monotonic_ms) {
  const auto started = std::chrono::steady_clock::now();
  ImGuiIO& io = ImGui::GetIO();
  if (g.font_dpr != g.dpr || platform::glyph_demand().atlas_behind()) {
    platform::build_fonts(g.dpr);
    platform::renderer_upload_fonts();
    g.font_dpr = g.dpr;
  }
  io.DisplaySize = ImVec2(g.css_width, g.css_height);
  io.DisplayFramebufferScale = ImVec2(g.dpr, g.dpr);
  const double dt = g.last_frame_ms > 0 ? (monotonic_ms - g.last_frame_ms) / 1000.0 : 1.0 / 60;
  io.DeltaTime = static_cast<float>(dt > 0 ? std::min(dt, 1.0) : 1.0 / 60);
  g.last_frame_ms = monotonic_ms;
  g.split.update_ms = g.split.ui_ms = 0;  // build_frame adds its parts

  // Input ImGui must see in frames apart (a move, the press over what it now
  // hovers, the release) gets frames that are built but not drawn, all before
  // the drawn one: a click costs one drawn frame, not three or four.
  bool more_input = g.input.apply(io);
  for (int i = 0; more_input && i < kMaxInputFrames; ++i) {
    build_frame(now_ms);
    io.DeltaTime = kInputFrameSeconds;
    more_input = g.input.apply(io);
  }
  if (more_input) wake();
  const bool timed = build_frame(now_ms);
  const auto built = std::chrono::steady_clock::now();
  // Rows are awaited while the session is known or being asked for; the
  // sign-in form and a failure show at once.
  const net::Session session = g.app->status().session;
  const bool awaiting_rows =
      g.app->list().loading && (session == net::Session::Ready || session == net::Session::Loading);
  if (const int hold = g.view_hold.hold_ms(awaiting_rows, io.WantTextInput, monotonic_ms);
      hold > 0) {
    g.frame_cpu_ms = ms_between(started, built);
    return hold;  // drawn when the rows come (a wake) or when the hold ends
  }
  g.view_hold.drawn();

  const int fb_w = static_cast<int>(g.css_width * g.dpr + 0.5f);
  const int fb_h = static_cast<int>(g.css_height * g.dpr + 0.5f);
  const ImDrawData& draw_data = *ImGui::GetDrawData();
  platform::renderer_draw(draw_data, fb_w, fb_h, ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
  ++g.frames_drawn;
  ui::widgets().frame_shown();
  const auto rendered = std::chrono::steady_clock::now();
  if (!g.first_rows_marked && !g.app->list().page.rows.empty() &&
      g.app->status().session == net::Session::Ready) {
    g.first_rows_marked = true;
    js_mark("chats:first-rows");  // User Timing, for the host page and the benchmark
  }

  // The pictures the drawn frame showed and has not got yet, and the chunks
  // of glyphs its text needs: asked for once the frame is drawn.
  platform::pump_avatar_images(g.app->avatars(), g.dpr);
  for (const int chunk : platform::glyph_demand().take_chunks_to_fetch()) {
    js_fetch_glyphs(chunk, platform::chunk_file(chunk));
  }

  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  if (cursor != g.cursor) {
    g.cursor = cursor;
    js_set_cursor(css_cursor(cursor));
  }
  g.frame_cpu_ms = ms_between(started, std::chrono::steady_clock::now());
  g.split.render_ms = ms_between(built, rendered);
  g.split.draw_lists = draw_data.CmdListsCount;
  g.split.draw_commands = 0;
  for (int n = 0; n < draw_data.CmdListsCount; ++n) {
    g.split.draw_commands += draw_data.CmdLists[n]->CmdBuffer.Size;
  }
  g.split.vertices = draw_data.TotalVtxCount;
  g.split.indices = draw_data.TotalIdxCount;

  if (g.frames_wanted > 0) {
    --g.frames_wanted;
    return 0;
  }
  if (timed) return kTimedFrameMs;
  int next = io.WantTextInput ? kCursorBlinkMs : -1;  // the text cursor blinks
  if (const core::TimeMs at = g.app->wake_at(); at > 0) {
    const int until = static_cast<int>(std::clamp<double>(at - now_ms, 1, 60000));
    next = next < 0 ? until : std::min(next, until);
  }
  return next;
}

// The host's requests (a view, a dialog to open, a link) applied now, not at
// the next frame: what they need from the server is asked for at once.
EMSCRIPTEN_KEEPALIVE void app_apply_host() {
  app::Intents host;
  if (platform::take_host_intents(host)) {
    g.app->apply(host);
    wake();
  }
}

// The composer's file, as shell/inbox.js uploads it (or keeps it in the page).
EMSCRIPTEN_KEEPALIVE void app_upload_progress(const char* name, double fraction) {
  g.app->upload_progress(name, fraction);
  wake();
}

// `attachment` is the JSON Attachment api/uploads answered.
EMSCRIPTEN_KEEPALIVE void app_upload_done(const char* attachment) {
  try {
    g.app->upload_done(core::decode<core::Attachment>(core::parse_json(attachment)));
  } catch (const std::exception& e) {
    g.app->upload_failed(std::string("Сервер ответил непонятно: ") + e.what());
  }
  wake();
}

EMSCRIPTEN_KEEPALIVE void app_upload_failed(const char* reason) {
  g.app->upload_failed(reason);
  wake();
}

// A file of the history the page could not download (shell/inbox.js openFile):
// why, as a code for app/problem_text, and the server's text.
EMSCRIPTEN_KEEPALIVE void app_open_failed(const char* code, const char* detail) {
  g.app->open_failed(code, detail);
  wake();
}

// A client's picture as the page loaded it: `size` x `size` RGBA pixels. The
// page asks for one frame after each answer: it draws the picture (or the
// initials) and lets the next waiting picture go.
EMSCRIPTEN_KEEPALIVE void app_avatar_loaded(const char* url, const std::uint8_t* rgba, int size) {
  platform::avatar_image_loaded(g.app->avatars(), url, rgba, size);
}

// A picture the page could not load (HTTP error, refused by CORS, not an image).
EMSCRIPTEN_KEEPALIVE void app_avatar_failed(const char* url) {
  platform::avatar_image_failed(g.app->avatars(), url);
}

// The labelled widgets of the last frame, as JSON (see ui/widget_registry.hpp).
EMSCRIPTEN_KEEPALIVE int app_widgets_generation() {
  return ui::widgets().generation();
}

EMSCRIPTEN_KEEPALIVE const char* app_widgets() {
  return ui::widgets().json().c_str();
}

// How many frames went on the screen so far.
// Whether the font atlas draws a character itself, not the missing-glyph mark.
EMSCRIPTEN_KEEPALIVE int app_has_glyph(unsigned codepoint) {
  const ImFont* font = ImGui::GetIO().FontDefault;
  if (!font) return 0;
  const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint));
  return glyph != nullptr ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int app_frames_drawn() {
  return g.frames_drawn;
}

// The app's own CPU time for the last frame, in milliseconds.
EMSCRIPTEN_KEEPALIVE double app_frame_cpu_ms() {
  return g.frame_cpu_ms;
}

// The last frame's split (FrameSplit), as JSON.
EMSCRIPTEN_KEEPALIVE const char* app_frame_split() {
  static std::string json;
  const FrameSplit& s = g.split;
  json = core::Json{{"updateMs", s.update_ms},
                    {"uiMs", s.ui_ms},
                    {"renderMs", s.render_ms},
                    {"drawLists", s.draw_lists},
                    {"drawCommands", s.draw_commands},
                    {"vertices", s.vertices},
                    {"indices", s.indices}}
             .dump();
  return json.c_str();
}

}  // extern "C"
