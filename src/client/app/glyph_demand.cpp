#include "app/glyph_demand.hpp"

namespace app {
namespace {

const std::set<char32_t> kNone;

// The code point of the multi-byte sequence at `text[i]` and its length;
// {0, 1} when it is broken.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto continues = [&](std::size_t k) {
    return i + k < text.size() && (byte(k) & 0xC0) == 0x80;
  };
  const unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead < 0xE0 && continues(1)) {
    return {static_cast<char32_t>((lead & 0x1Fu) << 6 | (byte(1) & 0x3Fu)), 2};
  }
  if (lead >= 0xE0 && lead < 0xF0 && continues(1) && continues(2)) {
    const char32_t point = (lead & 0x0Fu) << 12 | (byte(1) & 0x3Fu) << 6 | (byte(2) & 0x3Fu);
    return point >= 0x800 ? std::pair{point, std::size_t{3}}
                          : std::pair{char32_t{0}, std::size_t{1}};
  }
  if (lead >= 0xF0 && lead < 0xF5 && continues(1) && continues(2) && continues(3)) {
    const char32_t point =
        (lead & 0x07u) << 18 | (byte(1) & 0x3Fu) << 12 | (byte(2) & 0x3Fu) << 6 | (byte(3) & 0x3Fu);
    if (point >= 0x10000 && point <= 0x10FFFF) return {point, 4};
  }
  return {0, 1};
}

}  // namespace

GlyphDemand::GlyphDemand(std::vector<CodepointRanges> chunks)
    : chunks_(std::move(chunks)), state_(chunks_.size(), State::Idle), wanted_(chunks_.size()) {}

void GlyphDemand::note(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    // ASCII, Latin-1 (lead bytes up to C3) and Cyrillic (D0–D4) are in the
    // atlas from the start: passed over byte by byte, as are continuations.
    const auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead < 0xC4 || (lead >= 0xD0 && lead <= 0xD4)) {
      ++i;
      continue;
    }
    const auto [point, length] = decode(utf8, i);
    if (point != 0) want(point);
    i += length;
  }
}

int GlyphDemand::chunk_of(char32_t point) const {
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    for (const auto& [first, last] : chunks_[c]) {
      if (point >= first && point <= last) return static_cast<int>(c);
    }
  }
  return -1;
}

void GlyphDemand::want(char32_t point) {
  const int chunk = chunk_of(point);
  if (chunk < 0 || !wanted_[chunk].insert(point).second) return;
  if (state_[chunk] == State::Idle) state_[chunk] = State::Wanted;
  if (state_[chunk] == State::Usable) behind_ = true;
}

std::vector<int> GlyphDemand::take_chunks_to_fetch() {
  std::vector<int> out;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    if (state_[c] != State::Wanted) continue;
    state_[c] = State::Asked;
    out.push_back(static_cast<int>(c));
  }
  return out;
}

void GlyphDemand::chunk_arrived(int chunk, bool usable) {
  if (chunk < 0 || chunk >= chunk_count()) return;
  state_[chunk] = usable ? State::Usable : State::Failed;
  if (usable && !wanted_[chunk].empty()) behind_ = true;
}

bool GlyphDemand::usable(int chunk) const {
  return chunk >= 0 && chunk < chunk_count() && state_[chunk] == State::Usable;
}

const std::set<char32_t>& GlyphDemand::wanted(int chunk) const {
  return usable(chunk) ? wanted_[chunk] : kNone;
}

}  // namespace app
