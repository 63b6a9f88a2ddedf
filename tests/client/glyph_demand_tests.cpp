#include <doctest/doctest.h>

#include "app/glyph_demand.hpp"

using app::GlyphDemand;

namespace {

// Two chunks as in the build's table: symbols in the BMP, then emoji.
GlyphDemand two_chunks() {
  return GlyphDemand({{{0x2600, 0x27BF}, {0xFE00, 0xFE0F}}, {{0x1F600, 0x1F64F}}});
}

std::vector<char32_t> wanted(const GlyphDemand& d, int chunk) {
  return {d.wanted(chunk).begin(), d.wanted(chunk).end()};
}

}  // namespace

TEST_CASE("Russian and Latin text asks for no chunk") {
  GlyphDemand d = two_chunks();
  d.note("Здравствуйте! Hello, ÄÖÜ — «цена» 1 000 ₽, № 5");
  CHECK(d.take_chunks_to_fetch().empty());
  CHECK_FALSE(d.atlas_behind());
}

TEST_CASE("an emoji asks for its chunk once, and the atlas takes it when the chunk arrives") {
  GlyphDemand d = two_chunks();
  d.note("Спасибо \xF0\x9F\x99\x8F");  // U+1F64F, folded hands
  CHECK(d.take_chunks_to_fetch() == std::vector<int>{1});
  CHECK(d.take_chunks_to_fetch().empty());  // asked for already
  d.note("\xF0\x9F\x98\x80");               // U+1F600 while the chunk is on its way
  CHECK(d.take_chunks_to_fetch().empty());
  CHECK_FALSE(d.atlas_behind());  // nothing to build with yet
  CHECK(wanted(d, 1).empty());

  d.chunk_arrived(1, true);
  CHECK(d.atlas_behind());
  CHECK(wanted(d, 1) == std::vector<char32_t>{0x1F600, 0x1F64F});
  d.atlas_built();
  CHECK_FALSE(d.atlas_behind());

  d.note("\xF0\x9F\x98\x80 again");  // known already
  CHECK_FALSE(d.atlas_behind());
  d.note("\xF0\x9F\x98\x82");  // U+1F602, new, its chunk here
  CHECK(d.atlas_behind());
  CHECK(d.take_chunks_to_fetch().empty());
}

TEST_CASE("a heart with its variation selector wants both from the first chunk") {
  GlyphDemand d = two_chunks();
  d.note("\xE2\x9D\xA4\xEF\xB8\x8F");  // U+2764 U+FE0F
  CHECK(d.take_chunks_to_fetch() == std::vector<int>{0});
  d.chunk_arrived(0, true);
  CHECK(wanted(d, 0) == std::vector<char32_t>{0x2764, 0xFE0F});
}

TEST_CASE("a chunk that could not be had is not asked for again and builds nothing") {
  GlyphDemand d = two_chunks();
  d.note("\xE2\x98\x80");  // U+2600
  CHECK(d.take_chunks_to_fetch() == std::vector<int>{0});
  d.chunk_arrived(0, false);
  CHECK_FALSE(d.atlas_behind());
  CHECK(wanted(d, 0).empty());
  d.note("\xE2\x98\x81");
  CHECK(d.take_chunks_to_fetch().empty());
  CHECK_FALSE(d.atlas_behind());
}

TEST_CASE("broken UTF-8 is skipped without losing what follows") {
  GlyphDemand d = two_chunks();
  d.note("\xF0\x9F\x99");                  // cut short at the end
  d.note("\xE2\x98 \xF0\x9F\x98\x80");     // a cut sequence, then an emoji
  d.note("\xED\xA0\x80\xF8\x88\x80\x80");  // a surrogate, a five-byte lead
  d.note("\xF4\x90\x80\x80");              // past U+10FFFF
  CHECK(d.take_chunks_to_fetch() == std::vector<int>{1});
  d.chunk_arrived(1, true);
  CHECK(wanted(d, 1) == std::vector<char32_t>{0x1F600});
}

TEST_CASE("letters of other alphabets ask for their chunk; Cyrillic and Latin-1 do not") {
  GlyphDemand d({{{0x2600, 0x27BF}}, {{0x0100, 0x03FF}, {0x1E00, 0x1FFF}}});
  d.note("Ёлка, café, Straße, ҚАЗАҚ");  // the atlas has these (U+0400–U+052F included)
  CHECK(d.take_chunks_to_fetch().empty());
  d.note("Şahin Əliyev, Łódź, Việt, Ωμέγα");
  CHECK(d.take_chunks_to_fetch() == std::vector<int>{1});
  d.chunk_arrived(1, true);
  const std::set<char32_t>& got = d.wanted(1);
  for (const char32_t c : {0x015E, 0x018F, 0x0141, 0x017A, 0x1EC7, 0x03A9, 0x03AD}) {
    CHECK(got.count(c) == 1);
  }
  CHECK(got.count(U'a') == 0);
}

TEST_CASE("an unknown chunk's arrival changes nothing") {
  GlyphDemand d = two_chunks();
  d.chunk_arrived(7, true);
  d.chunk_arrived(-1, true);
  CHECK_FALSE(d.atlas_behind());
  CHECK_FALSE(d.usable(7));
}
