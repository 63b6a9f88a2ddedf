// Dear ImGui's compile-time configuration (IMGUI_USER_CONFIG), seen by ImGui's
// sources and ours alike. IM_ASSERT stays on in every build: a broken ImGui
// invariant (an unbalanced Push/Pop, an index out of range) must stop the page
// with its reason, not go on silently corrupting memory.
#pragma once

// Reports the failed expression to the browser console and aborts (imgui_assert.cpp).
[[noreturn]] void chats_imgui_assert_failed(const char* expression, const char* file, int line);

#define IM_ASSERT(_EXPR) \
  ((_EXPR) ? static_cast<void>(0) : chats_imgui_assert_failed(#_EXPR, __FILE__, __LINE__))

// Code points past U+FFFF (emoji) need 32-bit characters.
#define IMGUI_USE_WCHAR32
