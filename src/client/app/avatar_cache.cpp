// The avatar pictures' states (see avatar_cache.hpp).
#include "app/avatar_cache.hpp"

namespace app {

const AvatarImage* AvatarCache::use(std::string_view url) {
  if (url.empty()) return nullptr;
  auto it = entries_.find(url);
  if (it == entries_.end()) {
    it = entries_.emplace(std::string(url), Entry{}).first;
    it->second.state = AvatarState::Wanted;
    wanted_.push_back(it->first);
  }
  Entry& entry = it->second;
  entry.drawn = frame_;
  if (entry.state != AvatarState::Ready) return nullptr;
  want_sharper(it->first, entry);
  return &entry.image;
}

void AvatarCache::want_sharper(const std::string& url, Entry& entry) {
  if (entry.state == AvatarState::Ready && entry.sharper == Sharper::No &&
      entry.image.size < side_) {
    entry.sharper = Sharper::Wanted;
    wanted_.push_back(url);
  }
}

void AvatarCache::set_side(int side) {
  if (side == side_) return;
  side_ = side;
  for (auto& [url, entry] : entries_) {
    if (entry.sharper == Sharper::Failed) entry.sharper = Sharper::No;
    // The pictures on screen now: no frame may come to draw them again.
    if (entry.drawn == frame_) want_sharper(url, entry);
  }
}

std::vector<std::string> AvatarCache::take_requests() {
  std::vector<std::string> requests;
  if (wanted_.empty()) return requests;
  std::vector<std::string> still;
  for (std::string& url : wanted_) {
    const auto it = entries_.find(url);
    if (it == entries_.end()) continue;
    Entry& entry = it->second;
    const bool sharper = entry.state == AvatarState::Ready && entry.sharper == Sharper::Wanted;
    if (entry.state != AvatarState::Wanted && !sharper) continue;
    if (entry.drawn != frame_) {
      // Scrolled away before its turn: wanted again when drawn again.
      if (sharper) {
        entry.sharper = Sharper::No;
      } else {
        entries_.erase(it);
      }
    } else if (in_flight_ < kMaxInFlight) {
      if (sharper) {
        entry.sharper = Sharper::Loading;
      } else {
        entry.state = AvatarState::Loading;
      }
      ++in_flight_;
      requests.push_back(std::move(url));
    } else {
      still.push_back(std::move(url));
    }
  }
  wanted_ = std::move(still);
  return requests;
}

void AvatarCache::loaded(const std::string& url, AvatarImage image) {
  const auto it = entries_.find(url);
  if (it != entries_.end() && it->second.sharper == Sharper::Loading) {
    --in_flight_;
    unused_.push_back(it->second.image.texture);
    it->second.image = image;
    it->second.sharper = Sharper::No;
    return;
  }
  if (it == entries_.end() || it->second.state != AvatarState::Loading) {
    unused_.push_back(image.texture);
    return;
  }
  --in_flight_;
  it->second.state = AvatarState::Ready;
  it->second.image = image;
  ++ready_;
  while (ready_ > kMaxTextures) evict_least_recent();
}

void AvatarCache::failed(const std::string& url) {
  const auto it = entries_.find(url);
  if (it != entries_.end() && it->second.sharper == Sharper::Loading) {
    --in_flight_;
    it->second.sharper = Sharper::Failed;  // the smaller picture stays
    return;
  }
  if (it == entries_.end() || it->second.state != AvatarState::Loading) return;
  --in_flight_;
  it->second.state = AvatarState::Failed;
  it->second.failed = ++failures_;
  if (++failed_ > kMaxFailed) drop_oldest_failure();
}

std::vector<std::uint32_t> AvatarCache::take_unused() {
  std::vector<std::uint32_t> out;
  out.swap(unused_);
  return out;
}

void AvatarCache::forget_failures() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = it->second.state == AvatarState::Failed ? entries_.erase(it) : std::next(it);
  }
  failed_ = 0;
}

AvatarState AvatarCache::state(std::string_view url) const {
  const auto it = entries_.find(url);
  return it == entries_.end() ? AvatarState::Unknown : it->second.state;
}

// Eviction and dropping scan every entry: they happen only when an answer
// arrives beyond the bound, a few times per scrolled screen at most.
void AvatarCache::evict_least_recent() {
  auto oldest = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    // One being loaded again sharper is kept: its answer is on the way.
    if (it->second.state != AvatarState::Ready || it->second.sharper == Sharper::Loading) continue;
    if (oldest == entries_.end() || it->second.drawn < oldest->second.drawn) oldest = it;
  }
  if (oldest == entries_.end()) return;
  unused_.push_back(oldest->second.image.texture);
  entries_.erase(oldest);
  --ready_;
}

void AvatarCache::drop_oldest_failure() {
  auto oldest = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.state != AvatarState::Failed) continue;
    if (oldest == entries_.end() || it->second.failed < oldest->second.failed) oldest = it;
  }
  if (oldest == entries_.end()) return;
  entries_.erase(oldest);
  --failed_;
}

}  // namespace app
