// Avatar pictures between the page and the renderer (see avatar_images.hpp).
#include "platform/avatar_images.hpp"

#include <emscripten.h>

#include <algorithm>
#include <cmath>

#include "platform/gl_renderer.hpp"
#include "ui/avatar.hpp"

namespace platform {
namespace {

// One texel per screen pixel of the largest avatar: with linear filtering and
// no mipmaps, a picture much larger than where it is drawn would shimmer.
constexpr int kMinSide = 32, kMaxSide = 192;

// clang-format off
EM_JS(void, js_load_avatar, (const char* url, int size), {
  if (Module.loadAvatar) Module.loadAvatar(UTF8ToString(url), size);
});
// clang-format on

int side_for(float dpr) {
  const int side = static_cast<int>(std::ceil(ui::kLargestAvatar * std::max(dpr, 1.0f)));
  return std::clamp(side, kMinSide, kMaxSide);
}

}  // namespace

void pump_avatar_images(app::AvatarCache& cache, float device_pixel_ratio) {
  for (const std::uint32_t texture : cache.take_unused()) renderer_delete_texture(texture);
  const int side = side_for(device_pixel_ratio);
  cache.set_side(side);
  for (const std::string& url : cache.take_requests()) js_load_avatar(url.c_str(), side);
}

void avatar_image_loaded(app::AvatarCache& cache, const std::string& url, const std::uint8_t* rgba,
                         int size) {
  const unsigned texture = size > 0 ? renderer_create_texture(rgba, size, size) : 0;
  if (!texture) return cache.failed(url);
  cache.loaded(url, {texture, size});
}

void avatar_image_failed(app::AvatarCache& cache, const std::string& url) {
  cache.failed(url);
}

}  // namespace platform
