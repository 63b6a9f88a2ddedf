// Text is rasterised at the device pixel ratio and drawn scaled back, so it
// stays crisp on high-DPI screens; icons, and the letters, symbols and emoji
// that arrived text uses, are merged into each text font.
#include "platform/fonts.hpp"

#include <array>
#include <type_traits>

#include <imgui.h>

#include "platform/font_glyphs.hpp"
#include "ui/theme.hpp"

namespace platform {
namespace {

static_assert(std::is_same_v<ImWchar, unsigned int>, "font_glyphs.hpp lists 32-bit ImWchar");

// The glyphs fetched when text uses them: each chunk's code points, its file
// beside the page, and how it sits among the letters.
struct ExtraChunk {
  const unsigned int* ranges;
  const char* file;
  float scale;     // of the text's size
  float offset_y;  // CSS pixels down
};
// Symbola's emoji are small for their size: a fifth larger, they read as well
// as the letters beside them.
constexpr ExtraChunk kExtraChunks[] = {
    {kSymbolChunk0, "fonts/symbols-0.ttf", 1.2f, 0.5f},
    {kSymbolChunk1, "fonts/symbols-1.ttf", 1.2f, 0.5f},
    {kSymbolChunk2, "fonts/symbols-2.ttf", 1.2f, 0.5f},
    {kSymbolChunk3, "fonts/symbols-3.ttf", 1.2f, 0.5f},
    {kSymbolChunk4, "fonts/symbols-4.ttf", 1.2f, 0.5f},
    {kLetterChunk0, "fonts/letters-0.ttf", 1.0f, 0.0f},
};
constexpr int kChunkCount = sizeof kExtraChunks / sizeof kExtraChunks[0];

std::array<std::vector<std::uint8_t>, 3> g_files;
std::array<std::vector<std::uint8_t>, kChunkCount> g_chunk_files;
// Each chunk's wanted code points as ImGui's ranges, alive until the atlas is built.
std::array<ImVector<ImWchar>, kChunkCount> g_chunk_ranges;

app::CodepointRanges chunk_ranges(const unsigned int* pairs) {
  app::CodepointRanges out;
  for (; pairs[0] != 0; pairs += 2) out.emplace_back(pairs[0], pairs[1]);
  return out;
}

app::GlyphDemand make_demand() {
  std::vector<app::CodepointRanges> chunks;
  for (const ExtraChunk& chunk : kExtraChunks) chunks.push_back(chunk_ranges(chunk.ranges));
  return app::GlyphDemand(std::move(chunks));
}

bool hidden(ImWchar c) {
  return c >= kHiddenFirst && c <= kHiddenLast;
}

// The fetched glyphs the text uses, merged into the font added last.
void merge_extra_glyphs(float size, float dpr, int oversample) {
  ImGuiIO& io = ImGui::GetIO();
  for (int chunk = 0; chunk < kChunkCount; ++chunk) {
    if (g_chunk_ranges[chunk].empty()) continue;
    std::vector<std::uint8_t>& file = g_chunk_files[chunk];
    ImFontConfig merge;
    merge.FontDataOwnedByAtlas = false;
    merge.MergeMode = true;
    merge.OversampleH = oversample;
    merge.GlyphOffset = ImVec2(0, kExtraChunks[chunk].offset_y * dpr);
    io.Fonts->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()),
                                   size * kExtraChunks[chunk].scale * dpr, &merge,
                                   g_chunk_ranges[chunk].Data);
  }
}

// A text font at `size` CSS pixels, rasterised for `dpr`, with the icons
// and the fetched glyphs merged in when `icons`.
ImFont* add_font(FontFile file, float size, float dpr, const ImWchar* ranges, bool icons) {
  ImGuiIO& io = ImGui::GetIO();
  std::vector<std::uint8_t>& text = g_files[static_cast<int>(file)];
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes stay here for the next rebuild
  // Glyphs sit at fractions of a pixel; two samples across keep them sharp at a
  // pixel ratio of 1. From 2 on, the pixels are small enough without.
  config.OversampleH = dpr < 2 ? 2 : 1;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(text.data(), static_cast<int>(text.size()),
                                                size * dpr, &config, ranges);
  if (!icons) return font;
  std::vector<std::uint8_t>& icon_file = g_files[static_cast<int>(FontFile::Icons)];
  if (!icon_file.empty()) {
    ImFontConfig merge;
    merge.FontDataOwnedByAtlas = false;
    merge.MergeMode = true;
    merge.OversampleH = config.OversampleH;
    merge.GlyphMinAdvanceX = size * dpr * 1.1f;  // icons line up in a column
    merge.GlyphOffset = ImVec2(0, 1 * dpr);
    io.Fonts->AddFontFromMemoryTTF(icon_file.data(), static_cast<int>(icon_file.size()),
                                   size * 0.92f * dpr, &merge, kIconRanges);
  }
  merge_extra_glyphs(size, dpr, config.OversampleH);
  return font;
}

// Ranges of the wanted code points of the usable chunks; skin tones apart.
void collect_chunk_ranges(const app::GlyphDemand& demand) {
  for (int chunk = 0; chunk < kChunkCount; ++chunk) {
    ImFontGlyphRangesBuilder builder;
    for (const char32_t c : demand.wanted(chunk)) {
      if (!hidden(c)) builder.AddChar(static_cast<ImWchar>(c));
    }
    g_chunk_ranges[chunk].clear();
    if (!demand.wanted(chunk).empty()) builder.BuildRanges(&g_chunk_ranges[chunk]);
    // A builder with nothing added still yields the terminating zero.
    if (g_chunk_ranges[chunk].Size <= 1) g_chunk_ranges[chunk].clear();
  }
}

// The skin tones the text uses, as glyphs of no width and no pixels.
void add_hidden_glyphs(ImFont* font, const app::GlyphDemand& demand) {
  for (int chunk = 0; chunk < kChunkCount; ++chunk) {
    for (const char32_t c : demand.wanted(chunk)) {
      if (hidden(c)) ImGui::GetIO().Fonts->AddCustomRectFontGlyph(font, c, 1, 1, 0);
    }
  }
}

}  // namespace

app::GlyphDemand& glyph_demand() {
  static app::GlyphDemand demand = make_demand();
  return demand;
}

void note_text(std::string_view utf8) {
  glyph_demand().note(utf8);
}

void set_font_file(FontFile which, std::vector<std::uint8_t> bytes) {
  g_files[static_cast<int>(which)] = std::move(bytes);
}

void set_chunk_file(int chunk, std::vector<std::uint8_t> bytes) {
  if (chunk < 0 || chunk >= kChunkCount) return;
  const bool usable = !bytes.empty();
  g_chunk_files[chunk] = std::move(bytes);
  glyph_demand().chunk_arrived(chunk, usable);
}

const char* chunk_file(int chunk) {
  return chunk >= 0 && chunk < kChunkCount ? kExtraChunks[chunk].file : "";
}

bool fonts_ready() {
  return !g_files[static_cast<int>(FontFile::Regular)].empty() &&
         !g_files[static_cast<int>(FontFile::Bold)].empty();
}

void build_fonts(float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  app::GlyphDemand& demand = glyph_demand();
  collect_chunk_ranges(demand);
  ui::Fonts& f = ui::fonts();
  f.regular = add_font(FontFile::Regular, 15, dpr, kTextRanges, true);
  f.bold = add_font(FontFile::Bold, 15, dpr, kTextRanges, true);
  f.small = add_font(FontFile::Regular, 12.5f, dpr, kTextRanges, true);
  f.title = add_font(FontFile::Bold, 20, dpr, kTitleRanges, false);
  for (ImFont* font : {f.regular, f.bold, f.small}) add_hidden_glyphs(font, demand);
  io.Fonts->Build();
  demand.atlas_built();
  io.FontGlobalScale = 1.0f / dpr;
  io.FontDefault = f.regular;
}

}  // namespace platform
