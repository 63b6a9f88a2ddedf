// The avatar cache: only drawn pictures are asked for, each once, a few at a
// time; failures stay failed until forgotten; textures are bounded, the least
// recently drawn evicted and handed back for deletion.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "app/avatar_cache.hpp"

namespace {

using app::AvatarCache;
using app::AvatarState;

std::string url(int n) {
  return "avatars/" + std::to_string(n) + ".png";
}

// One frame that draws the pictures first..last.
void draw(AvatarCache& cache, int first, int last) {
  cache.begin_frame();
  for (int n = first; n <= last; ++n) cache.use(url(n));
}

// A cache at `side` with picture 1 loaded, as texture 7.
AvatarCache with_one_picture(int side) {
  AvatarCache cache;
  cache.set_side(side);
  draw(cache, 1, 1);
  cache.take_requests();
  cache.loaded(url(1), {7, side});
  return cache;
}

}  // namespace

TEST_CASE("a drawn picture is asked for once, however often it is drawn") {
  AvatarCache cache;
  draw(cache, 1, 1);
  cache.use(url(1));  // drawn twice in a frame (the row and the dialog header)
  CHECK(cache.take_requests() == std::vector<std::string>{url(1)});
  CHECK(cache.state(url(1)) == AvatarState::Loading);
  draw(cache, 1, 1);
  CHECK(cache.take_requests().empty());
  CHECK(cache.use(url(1)) == nullptr);  // still loading: initials
}

TEST_CASE("an empty URL is never asked for") {
  AvatarCache cache;
  cache.begin_frame();
  CHECK(cache.use("") == nullptr);
  CHECK(cache.take_requests().empty());
}

TEST_CASE("a loaded picture is drawn from its texture") {
  AvatarCache cache;
  draw(cache, 1, 1);
  cache.take_requests();
  cache.loaded(url(1), {7, 56});
  CHECK(cache.state(url(1)) == AvatarState::Ready);
  cache.begin_frame();
  const app::AvatarImage* image = cache.use(url(1));
  REQUIRE(image != nullptr);
  CHECK(image->texture == 7);
  CHECK(image->size == 56);
  CHECK(cache.in_flight() == 0);
}

TEST_CASE("no more than kMaxInFlight pictures load at once; the rest wait their turn") {
  AvatarCache cache;
  draw(cache, 0, 9);
  const std::vector<std::string> first = cache.take_requests();
  CHECK(first.size() == AvatarCache::kMaxInFlight);
  CHECK(first.front() == url(0));  // in the order drawn
  draw(cache, 0, 9);
  CHECK(cache.take_requests().empty());
  cache.loaded(url(0), {1, 56});
  cache.failed(url(1));
  draw(cache, 0, 9);
  CHECK(cache.take_requests() == std::vector<std::string>{url(AvatarCache::kMaxInFlight),
                                                          url(AvatarCache::kMaxInFlight + 1)});
}

TEST_CASE("a picture scrolled away before its turn is not asked for") {
  AvatarCache cache;
  draw(cache, 0, 9);
  cache.take_requests();  // 0..5 loading, 6..9 waiting
  for (int n = 0; n < 6; ++n) cache.failed(url(n));
  draw(cache, 20, 21);  // 6..9 are no longer on screen
  const std::vector<std::string> asked = cache.take_requests();
  CHECK(asked == std::vector<std::string>{url(20), url(21)});
  CHECK(cache.state(url(7)) == AvatarState::Unknown);
  draw(cache, 7, 7);  // back on screen: wanted again
  CHECK(cache.take_requests() == std::vector<std::string>{url(7)});
}

TEST_CASE(
    "a failed picture stays initials and is not asked for again until failures are forgotten") {
  AvatarCache cache;
  draw(cache, 1, 1);
  cache.take_requests();
  cache.failed(url(1));
  CHECK(cache.state(url(1)) == AvatarState::Failed);
  for (int frame = 0; frame < 3; ++frame) {
    draw(cache, 1, 1);
    CHECK(cache.use(url(1)) == nullptr);
    CHECK(cache.take_requests().empty());
  }
  cache.forget_failures();  // a new session
  draw(cache, 1, 1);
  CHECK(cache.take_requests() == std::vector<std::string>{url(1)});
}

TEST_CASE("beyond kMaxTextures the least recently drawn texture is evicted and deleted") {
  AvatarCache cache;
  const int total = static_cast<int>(AvatarCache::kMaxTextures);
  // Load 0..total-1, a few at a time as the in-flight bound allows.
  for (int n = 0; n < total; ++n) {
    draw(cache, n, n);
    REQUIRE(cache.take_requests() == std::vector<std::string>{url(n)});
    cache.loaded(url(n), {static_cast<std::uint32_t>(100 + n), 56});
  }
  CHECK(cache.textures() == AvatarCache::kMaxTextures);
  CHECK(cache.take_unused().empty());
  draw(cache, 0, 0);  // picture 0 drawn again: picture 1 is now the least recent
  draw(cache, total, total);
  cache.take_requests();
  cache.loaded(url(total), {999, 56});
  CHECK(cache.textures() == AvatarCache::kMaxTextures);
  CHECK(cache.take_unused() == std::vector<std::uint32_t>{101});
  CHECK(cache.state(url(1)) == AvatarState::Unknown);
  CHECK(cache.state(url(0)) == AvatarState::Ready);
  draw(cache, 1, 1);  // drawn again: asked for again
  CHECK(cache.take_requests() == std::vector<std::string>{url(1)});
}

TEST_CASE("a texture that arrives for a URL nobody waits for is handed back for deletion") {
  AvatarCache cache;
  cache.loaded(url(5), {42, 56});
  CHECK(cache.take_unused() == std::vector<std::uint32_t>{42});
  CHECK(cache.textures() == 0);
  CHECK(cache.state(url(5)) == AvatarState::Unknown);
}

TEST_CASE("remembered failures are bounded, the oldest forgotten first") {
  AvatarCache cache;
  const int total = static_cast<int>(AvatarCache::kMaxFailed) + 1;
  for (int n = 0; n < total; ++n) {
    draw(cache, n, n);
    cache.take_requests();
    cache.failed(url(n));
  }
  CHECK(cache.state(url(0)) == AvatarState::Unknown);
  CHECK(cache.state(url(1)) == AvatarState::Failed);
  CHECK(cache.state(url(total - 1)) == AvatarState::Failed);
}

TEST_CASE("when the side grows, a drawn picture loads again and the old one shows until then") {
  AvatarCache cache;
  cache.set_side(56);
  draw(cache, 1, 2);
  CHECK(cache.take_requests().size() == 2);
  cache.loaded(url(1), {7, 56});
  cache.loaded(url(2), {8, 56});
  draw(cache, 1, 2);
  CHECK(cache.take_requests().empty());  // sharp enough

  draw(cache, 1, 1);    // only the first is on screen now
  cache.set_side(112);  // the page zoomed to 200 %, after that frame
  CHECK(cache.take_requests() == std::vector<std::string>{url(1)});
  CHECK(cache.in_flight() == 1);
  draw(cache, 1, 1);
  CHECK(cache.use(url(1))->texture == 7);  // the old picture meanwhile
  CHECK(cache.take_requests().empty());    // asked for once
  cache.loaded(url(1), {9, 112});
  CHECK(cache.use(url(1))->texture == 9);
  CHECK(cache.take_unused() == std::vector<std::uint32_t>{7});
  CHECK(cache.in_flight() == 0);
  CHECK(cache.textures() == 2);
  draw(cache, 1, 1);
  CHECK(cache.take_requests().empty());
}

TEST_CASE("a sharper picture that fails leaves the old one, until the side changes again") {
  AvatarCache cache = with_one_picture(56);
  draw(cache, 1, 1);
  cache.set_side(84);
  CHECK(cache.take_requests().size() == 1);
  cache.failed(url(1));
  CHECK(cache.state(url(1)) == AvatarState::Ready);
  CHECK(cache.use(url(1))->texture == 7);
  draw(cache, 1, 1);
  CHECK(cache.take_requests().empty());  // not asked again at this side
  cache.set_side(112);
  CHECK(cache.take_requests().size() == 1);  // drawn in the last frame
}

TEST_CASE("a picture scrolled away before its sharper turn is asked again when drawn again") {
  AvatarCache cache = with_one_picture(56);
  cache.set_side(112);  // picture 1 is on screen: wanted sharper
  draw(cache, 1, 1);
  draw(cache, 2, 2);  // scrolled away before the platform took the requests
  CHECK(cache.take_requests() == std::vector<std::string>{url(2)});
  draw(cache, 1, 1);
  CHECK(cache.take_requests() == std::vector<std::string>{url(1)});
}
