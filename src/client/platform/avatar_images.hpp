// The clients' pictures loaded by the page (shell/inbox.js loadAvatar): the
// browser fetches and decodes them and hands back a small square of pixels,
// which becomes a texture here. The cache (app/avatar_cache.hpp) decides what
// to load; this file only carries requests out and answers in.
#pragma once

#include <cstdint>
#include <string>

#include "app/avatar_cache.hpp"

namespace platform {

// After a frame: starts the loads the cache asks for, at a size that suits the
// largest avatar at this pixel ratio, and deletes the textures it let go.
void pump_avatar_images(app::AvatarCache& cache, float device_pixel_ratio);
// The page's answers: `size` x `size` RGBA pixels, or a failure.
void avatar_image_loaded(app::AvatarCache& cache, const std::string& url, const std::uint8_t* rgba,
                         int size);
void avatar_image_failed(app::AvatarCache& cache, const std::string& url);

}  // namespace platform
