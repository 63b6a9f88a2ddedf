// The code points the font atlas holds. The build subsets the fonts to these
// same lists (src/client/CMakeLists.txt reads this file), and
// tests/client/fonts_test.py checks that every character the UI's strings use
// is in them and in the subset fonts.
#pragma once

namespace platform {

// Text (Noto Sans): Latin, Latin-1, Cyrillic with its supplement, general
// punctuation (— « » …), № and ₽. Pairs of first and last, ending in 0.
constexpr unsigned int kTextRanges[] = {0x0020, 0x00FF, 0x0400, 0x052F, 0x2000, 0x206F,
                                        0x2116, 0x2116, 0x20BD, 0x20BD, 0};

// Headings (the title font): the UI's own words only, in English and Russian.
// It is the largest font, so the fewer glyphs, the faster the atlas builds.
constexpr unsigned int kTitleRanges[] = {0x0020, 0x007E, 0x0401, 0x0401, 0x0410,
                                         0x044F, 0x0451, 0x0451, 0};

// Icons (Font Awesome 4.7): only the glyphs the UI's sources name.
constexpr unsigned int kIconRanges[] = {
    0xF002, 0xF002, 0xF007, 0xF007, 0xF00C, 0xF00D, 0xF013, 0xF013, 0xF016, 0xF017, 0xF019, 0xF019,
    0xF01C, 0xF01C, 0xF02B, 0xF02B, 0xF040, 0xF040, 0xF053, 0xF054, 0xF059, 0xF059, 0xF06E, 0xF06E,
    0xF071, 0xF071, 0xF073, 0xF073, 0xF075, 0xF075, 0xF077, 0xF078, 0xF086, 0xF086, 0xF095, 0xF095,
    0xF09A, 0xF09A, 0xF0AE, 0xF0AE, 0xF0B0, 0xF0B0, 0xF0C6, 0xF0C6, 0xF0C9, 0xF0C9, 0xF0D7, 0xF0D7,
    0xF0E0, 0xF0E0, 0xF0E7, 0xF0E7, 0xF0F3, 0xF0F3, 0xF107, 0xF107, 0xF111, 0xF111, 0xF14A, 0xF14A,
    0xF16D, 0xF16D, 0xF187, 0xF187, 0xF189, 0xF189, 0xF1C1, 0xF1C3, 0xF1C5, 0xF1C8, 0xF1D8, 0xF1D8,
    0xF232, 0xF232, 0xF263, 0xF263, 0xF290, 0xF290, 0xF2C6, 0xF2C6, 0};

// Symbols and emoji (Symbola), not in the atlas at start: the build cuts the
// font into these chunks (fonts/symbols-N.ttf), and a chunk is fetched when
// text that arrived uses one of its code points (app/glyph_demand.hpp). The
// first holds the symbols of the BMP a message may use (arrows, ☀ ✓ ❤ ★) with
// the emoji variation selector; the others the emoji planes' blocks.
constexpr unsigned int kSymbolChunk0[] = {0x2190, 0x21FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x2600,
                                          0x27BF, 0x2B00, 0x2BFF, 0xFE00, 0xFE0F, 0};
constexpr unsigned int kSymbolChunk1[] = {0x1F300, 0x1F3FF, 0};  // nature, food, sport; skin tones
constexpr unsigned int kSymbolChunk2[] = {0x1F400, 0x1F4FF, 0};  // animals, hands, hearts, objects
constexpr unsigned int kSymbolChunk3[] = {0x1F500, 0x1F5FF, 0};  // signs, fire, tools
// Faces, gestures, transport, flags' letters.
constexpr unsigned int kSymbolChunk4[] = {0x1F1E6, 0x1F1FF, 0x1F600, 0x1F6FF, 0x1F900, 0x1F9FF, 0};

// Letters of the other Latin alphabets (Turkish, Polish, Czech, Azerbaijani,
// Uzbek, Vietnamese), IPA, combining accents and Greek, from Noto Sans Regular
// (fonts/letters-0.ttf), fetched like a symbol chunk. One weight: a bold name
// shows these letters regular.
constexpr unsigned int kLetterChunk0[] = {0x0100, 0x03FF, 0x1E00, 0x1FFF, 0};

// The emoji skin tones: drawn as nothing (a monochrome face has no skin to
// tone), not as the swatches the symbol font has for them.
constexpr unsigned int kHiddenFirst = 0x1F3FB, kHiddenLast = 0x1F3FF;

}  // namespace platform
