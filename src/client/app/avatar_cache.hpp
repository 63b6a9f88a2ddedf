// Client pictures by URL: which are wanted, loading, ready as a texture or
// failed. Drawing asks for a URL as it draws an avatar; the platform takes the
// requests after the frame and reports each answer. Only what was drawn is
// asked for, a few at a time; a failed URL is not asked again until the
// failures are forgotten (a new session, the connection back after an
// outage); textures are bounded and the least recently drawn goes first. When
// the pixel ratio grows (a zoom, another screen), a picture drawn is loaded
// again at the new side, and the old one is shown until it comes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// A picture uploaded to the GPU: its texture name and side in pixels.
struct AvatarImage {
  std::uint32_t texture = 0;
  int size = 0;
};

enum class AvatarState { Unknown, Wanted, Loading, Ready, Failed };

class AvatarCache {
 public:
  static constexpr std::size_t kMaxTextures = 256;
  static constexpr std::size_t kMaxInFlight = 6;
  static constexpr std::size_t kMaxFailed = 4096;  // remembered failures; the oldest go

  // A frame begins: what is drawn from now on counts as drawn in it.
  void begin_frame() { ++frame_; }
  // The side in pixels pictures are loaded at (it follows the pixel ratio).
  void set_side(int side);
  // Drawing: the picture at `url` when it is ready, else null (and the URL is
  // wanted, unless it failed). Never a request by itself: see take_requests.
  const AvatarImage* use(std::string_view url);

  // The platform, after the frame: URLs to fetch now (those drawn in the last
  // frame, as many as the in-flight bound allows), marked as loading.
  std::vector<std::string> take_requests();
  // An answer. A texture nobody waits for any more goes to take_unused.
  void loaded(const std::string& url, AvatarImage image);
  void failed(const std::string& url);
  // Textures to delete: evicted, or arrived for a URL that was dropped.
  std::vector<std::uint32_t> take_unused();
  // Failed URLs may be asked again (a new session may be allowed them).
  void forget_failures();

  AvatarState state(std::string_view url) const;
  std::size_t textures() const { return ready_; }
  std::size_t in_flight() const { return in_flight_; }

 private:
  // A Ready picture smaller than side_: a sharper one is wanted, loading, or
  // was tried and failed (then the smaller one stays until the side changes).
  enum class Sharper { No, Wanted, Loading, Failed };
  struct Entry {
    AvatarState state = AvatarState::Unknown;
    Sharper sharper = Sharper::No;
    AvatarImage image;
    std::uint64_t drawn = 0;   // the frame it was last drawn in
    std::uint64_t failed = 0;  // order of failure, for dropping the oldest
  };
  void want_sharper(const std::string& url, Entry& entry);
  void evict_least_recent();
  void drop_oldest_failure();

  std::map<std::string, Entry, std::less<>> entries_;  // finds by string_view: no copy per draw
  std::vector<std::string> wanted_;                    // in the order drawn
  std::vector<std::uint32_t> unused_;
  std::uint64_t frame_ = 1;
  int side_ = 0;
  std::uint64_t failures_ = 0;
  std::size_t ready_ = 0, in_flight_ = 0, failed_ = 0;
};

}  // namespace app
