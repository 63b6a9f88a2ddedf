#!/usr/bin/python3
"""The subset fonts in the client's site folder against the UI's strings.

Every character a string literal in src/client or src/core uses (the UI's
words, icons and the demo data) must be in the atlas's lists
(src/client/platform/font_glyphs.hpp) and in the subset fonts; and the subset
fonts must keep every glyph of those lists that Debian's fonts have, so the
atlas holds the same glyphs as with the whole fonts. A character of a chunk
fetched when text uses it (the demo's emoji) must be in that chunk, and the
chunks (fonts/symbols-N.ttf from Symbola, fonts/letters-N.ttf from Noto Sans)
must hold all of their source's glyphs in their ranges.
  fonts_test.py SITE_FONTS_DIR SOURCE_ROOT   (needs Debian's fonttools)
"""
import pathlib
import re
import sys

from fontTools.ttLib import TTFont

ORIGINALS = {
    'NotoSans-Regular.ttf': '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
    'NotoSans-Bold.ttf': '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
    'fontawesome-webfont.ttf': '/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf',
}
SYMBOLS = '/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf'
TEXT_FONTS = ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']
ICON_FONT = 'fontawesome-webfont.ttf'
PRIVATE_USE = range(0xE000, 0xF900)


def ranges(header, name):
    body = re.search(name + r'\[\] = \{([^}]*)\}', header).group(1)
    numbers = [int(n, 0) for n in re.findall(r'0x[0-9A-Fa-f]+|\b0\b', body)]
    assert numbers[-1] == 0, name + ' must end in 0'
    pairs = numbers[:-1]
    assert len(pairs) % 2 == 0, name + ' must hold first/last pairs'
    points = set()
    for first, last in zip(pairs[::2], pairs[1::2]):
        assert first <= last, '%s: %04X after %04X' % (name, first, last)
        points.update(range(first, last + 1))
    return points


def literal_characters(text):
    """Code points of the string literals of a C++ source, comments left out."""
    text = re.sub(r'//[^\n]*|/\*.*?\*/', ' ', text, flags=re.S)
    points = set()
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        raw = bytearray()
        i = 0
        while i < len(literal):
            c = literal[i]
            if c == '\\' and i + 1 < len(literal):
                m = re.match(r'x([0-9A-Fa-f]{1,2})', literal[i + 1:])
                if m:
                    raw.append(int(m.group(1), 16))
                    i += 1 + len(m.group(0))
                    continue
                m = re.match(r'u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})', literal[i + 1:])
                if m:
                    raw += chr(int(m.group(1) or m.group(2), 16)).encode('utf-8')
                    i += 1 + len(m.group(0))
                    continue
                raw += b' '  # \n, \", \\ and the like: plain ASCII either way
                i += 2
                continue
            raw += c.encode('utf-8')
            i += 1
        points.update(ord(ch) for ch in raw.decode('utf-8', errors='strict') if ord(ch) >= 0x20)
    return points


def main():
    fonts_dir, root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    header = (root / 'src/client/platform/font_glyphs.hpp').read_text()
    text_ranges, icon_ranges = ranges(header, 'kTextRanges'), ranges(header, 'kIconRanges')
    title_ranges = ranges(header, 'kTitleRanges')
    cmap = {name: set(TTFont(fonts_dir / name)['cmap'].getBestCmap()) for name in ORIGINALS}
    original = {name: set(TTFont(path)['cmap'].getBestCmap()) for name, path in ORIGINALS.items()}
    failures = []

    # The chunks of glyphs fetched when text uses them: (array, file, source, code points).
    chunks = []
    for array, stem, source in (('kSymbolChunk', 'symbols', SYMBOLS),
                                ('kLetterChunk', 'letters', ORIGINALS['NotoSans-Regular.ttf'])):
        for n in sorted(set(re.findall(array + r'(\d+)\[\]', header)), key=int):
            chunks.append((array + n, fonts_dir / ('%s-%s.ttf' % (stem, n)), source,
                           ranges(header, array + n)))

    used = {}
    for path in sorted(list((root / 'src/client').rglob('*.[ch]pp')) +
                       list((root / 'src/core').rglob('*.[ch]pp'))):
        for point in literal_characters(path.read_text(encoding='utf-8')):
            used.setdefault(point, path.relative_to(root))
    for point, where in sorted(used.items()):
        if point < 0x80:
            continue
        if point in PRIVATE_USE:
            if point not in icon_ranges:
                failures.append('U+%04X (%s) is not in kIconRanges' % (point, where))
            if point not in cmap[ICON_FONT]:
                failures.append('U+%04X (%s) is not in the subset icon font' % (point, where))
            continue
        in_chunk = [path for _, path, _, points in chunks if point in points]
        if in_chunk:  # fetched when the text is noted (platform::note_text)
            if not in_chunk[0].exists() or \
               point not in TTFont(in_chunk[0])['cmap'].getBestCmap():
                failures.append('U+%04X (%s) is not in %s' % (point, where, in_chunk[0].name))
            continue
        if point not in text_ranges:
            failures.append('U+%04X %s (%s) is not in kTextRanges' % (point, chr(point), where))
        for name in TEXT_FONTS:
            if point not in cmap[name]:
                failures.append('U+%04X %s (%s) is not in the subset %s' %
                                (point, chr(point), where, name))
    for name in ORIGINALS:
        wanted = (icon_ranges if name == ICON_FONT else text_ranges) & original[name]
        lost = sorted(wanted - cmap[name])
        if lost:
            failures.append('%s lost %d glyphs of the atlas: %s' %
                            (name, len(lost), ' '.join('U+%04X' % p for p in lost[:20])))
        if name == ICON_FONT and not icon_ranges <= original[name]:
            failures.append('kIconRanges names glyphs the icon font does not have')
    # The chunks fetched when text uses them: each holds every glyph its source
    # font has in its ranges, and no two chunks (or a chunk and the atlas)
    # overlap.
    if not any(name.startswith('kSymbolChunk') for name, _, _, _ in chunks) or \
       not any(name.startswith('kLetterChunk') for name, _, _, _ in chunks):
        failures.append('font_glyphs.hpp lacks kSymbolChunkN or kLetterChunkN')
    seen = set()
    for name, path, source, points in chunks:
        if points & (seen | text_ranges):
            failures.append('%s overlaps another chunk or kTextRanges' % name)
        seen |= points
        if not path.exists():
            failures.append('%s is missing' % path.name)
            continue
        available = set(TTFont(source)['cmap'].getBestCmap())
        lost = sorted((points & available) - set(TTFont(path)['cmap'].getBestCmap()))
        if lost:
            failures.append('%s lost %d glyphs: %s' %
                            (path.name, len(lost), ' '.join('U+%04X' % p for p in lost[:20])))
    if not title_ranges <= text_ranges:
        failures.append('kTitleRanges names characters kTextRanges does not: the subset '
                        'fonts would not have them')
    checked = len([p for p in used if p >= 0x80])
    for f in failures:
        print('FAIL', f)
    print('fonts: %d characters of the sources checked, %d failures' % (checked, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
