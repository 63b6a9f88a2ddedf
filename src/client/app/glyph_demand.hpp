// Which glyphs beyond the atlas's start set the text that arrived needs.
// Symbols, emoji and the letters of other alphabets come in chunks (the
// build's fonts/symbols-N.ttf and fonts/letters-N.ttf, from
// platform/font_glyphs.hpp): a chunk is fetched the first time text uses one
// of its code points, and the atlas then holds the code points used so far.
// It grows with the text seen, not with the fonts, and the start pays for
// none of it.
#pragma once

#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace app {

// A chunk's code points: first and last of each range.
using CodepointRanges = std::vector<std::pair<char32_t, char32_t>>;

class GlyphDemand {
 public:
  explicit GlyphDemand(std::vector<CodepointRanges> chunks);

  // Notes the code points of `utf8` that a chunk holds; broken sequences are
  // skipped. A pass over the bytes: most text is ASCII and Cyrillic.
  void note(std::string_view utf8);

  // Chunks with a noted code point that were not asked for yet; each once.
  std::vector<int> take_chunks_to_fetch();
  // A chunk's font arrived (`usable`) or could not be had: then its code
  // points stay as they are drawn now, the missing-glyph mark.
  void chunk_arrived(int chunk, bool usable);

  // True when a noted code point of an arrived chunk is not in the atlas.
  bool atlas_behind() const { return behind_; }
  // The noted code points of a chunk, if it arrived usable, in order.
  const std::set<char32_t>& wanted(int chunk) const;
  bool usable(int chunk) const;
  int chunk_count() const { return static_cast<int>(chunks_.size()); }
  // The atlas was rebuilt with every wanted code point of the usable chunks.
  void atlas_built() { behind_ = false; }

 private:
  enum class State { Idle, Wanted, Asked, Usable, Failed };
  int chunk_of(char32_t point) const;  // -1 for none
  void want(char32_t point);

  std::vector<CodepointRanges> chunks_;
  std::vector<State> state_;
  std::vector<std::set<char32_t>> wanted_;
  bool behind_ = false;
};

}  // namespace app
