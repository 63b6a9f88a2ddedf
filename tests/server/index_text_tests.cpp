// TextColumn, the index's search buffer, against a plain per-text find: hits
// never span two texts or fields, replaced texts stop matching, and a large
// buffer compacted after many replacements finds exactly the same.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "server/index/text_column.hpp"

using server::index::TextColumn;

namespace {

constexpr char kSep = TextColumn::kSeparator;

std::vector<std::uint8_t> naive(const std::vector<std::string>& texts, const std::string& needle) {
  std::vector<std::uint8_t> hits(texts.size(), 0);
  if (needle.find(kSep) != std::string::npos) return hits;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    hits[i] = texts[i].find(needle) != std::string::npos;
  }
  return hits;
}

std::vector<std::uint8_t> marked(const TextColumn& column, std::size_t slots,
                                 const std::string& needle) {
  std::vector<std::uint8_t> hits(slots, 0);
  column.mark(needle, hits.data());
  return hits;
}

// Texts like the clients' folded ones: Cyrillic and Latin names, digits, fields.
std::string some_text(std::mt19937& rng) {
  static const char* kWords[] = {"анна",    "иванова", "ольга", "семенов", "alice", "mixed_case",
                                 "mail.ru", "7916",    "123",   "45",      "@nick", "елкина"};
  std::string text;
  const int fields = 1 + static_cast<int>(rng() % 4);
  for (int f = 0; f < fields; ++f) {
    if (f) text += kSep;
    const int words = 1 + static_cast<int>(rng() % 3);
    for (int w = 0; w < words; ++w) {
      if (w) text += ' ';
      text += kWords[rng() % 12];
    }
  }
  return text;
}

const std::vector<std::string> kNeedles = {"анна иванова", "а",           "ова\x1f", "ru", "7916 ",
                                           "6123",         "mixed_case@", "ольга",   "4",  "s",
                                           "zzz",          "ка @n"};

void check_same(const TextColumn& column, const std::vector<std::string>& texts) {
  for (const std::string& needle : kNeedles) {
    CAPTURE(needle);
    CHECK(marked(column, texts.size(), needle) == naive(texts, needle));
  }
}

}  // namespace

TEST_CASE("a search of the text column finds exactly the texts holding the needle") {
  std::mt19937 rng(5);
  std::vector<std::string> texts;
  TextColumn column;
  for (std::uint32_t slot = 0; slot < 3000; ++slot) {
    texts.push_back(some_text(rng));
    column.set(slot, texts.back());
  }
  check_same(column, texts);
  // Replaced texts: the old ones are blanked, the new ones appended.
  for (std::uint32_t slot = 0; slot < 3000; slot += 3) {
    texts[slot] = some_text(rng);
    column.set(slot, texts[slot]);
  }
  check_same(column, texts);
}

TEST_CASE("a large text column compacted after many replacements finds the same texts") {
  std::mt19937 rng(9);
  std::vector<std::string> texts;
  TextColumn column;
  std::size_t bytes = 0;
  for (std::uint32_t slot = 0; bytes < (24u << 20); ++slot) {
    texts.push_back(some_text(rng));
    bytes += texts.back().size() + 1;
    column.set(slot, texts.back());
  }
  check_same(column, texts);
  // Enough replacements to compact the buffer.
  for (std::uint32_t slot = 0; slot < texts.size(); slot += 2) {
    texts[slot] = some_text(rng);
    column.set(slot, texts[slot]);
  }
  for (std::uint32_t slot = 1; slot < texts.size(); slot += 2) {
    texts[slot] = some_text(rng);
    column.set(slot, texts[slot]);
  }
  check_same(column, texts);
}

TEST_CASE("a client's text keeps each field once, so every needle matches as in the whole text") {
  using server::index::distinct_fields;
  const std::string sep(1, kSep);
  CHECK(distinct_fields("анна" + sep + "kir_1" + sep + "7916" + sep + "kir_1") ==
        "анна" + sep + "kir_1" + sep + "7916");
  CHECK(distinct_fields(sep + sep + "7990" + sep + "7990") == "7990");
  CHECK(distinct_fields("") == "");
  CHECK(distinct_fields("one") == "one");
  // Any needle without a separator matches the kept fields exactly when it matches the text.
  std::mt19937 rng(3);
  const std::string letters = "ab1" + sep;
  for (int round = 0; round < 2000; ++round) {
    std::string text, needle;
    for (int i = 0, n = 1 + static_cast<int>(rng() % 12); i < n; ++i) text += letters[rng() % 4];
    for (int i = 0, n = 1 + static_cast<int>(rng() % 3); i < n; ++i) needle += letters[rng() % 3];
    CAPTURE(text);
    CAPTURE(needle);
    CHECK((text.find(needle) != std::string::npos) ==
          (distinct_fields(text).find(needle) != std::string::npos));
  }
}
