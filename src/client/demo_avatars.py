#!/usr/bin/env python3
"""Writes the demo's client pictures, avatars/0.png .. avatars/23.png (the
names core/demo_data.cpp gives clients): 96x96 abstract profile pictures, a
soft two-colour gradient with a simple light shape, drawn here so that no
image file is kept in the repository. Usage: demo_avatars.py OUTPUT_DIR"""
import math
import os
import struct
import sys
import zlib

SIZE = 96
COUNT = 24

# Gradient pairs (top-left colour, bottom-right colour).
PALETTES = [
    ((0x7F, 0xB2, 0xF0), (0x4C, 0x5F, 0xD5)),  # sky to indigo
    ((0xF6, 0xB1, 0x9A), (0xE0, 0x5A, 0x8C)),  # peach to rose
    ((0x8E, 0xE3, 0xC8), (0x2A, 0x9D, 0x8F)),  # mint to teal
    ((0xFF, 0xD8, 0x7A), (0xF0, 0x8A, 0x4B)),  # sand to orange
    ((0xC3, 0xA6, 0xF5), (0x7B, 0x4F, 0xD0)),  # lilac to violet
    ((0xA8, 0xE0, 0x63), (0x3B, 0x9B, 0x5A)),  # lime to green
    ((0x9C, 0xD7, 0xF7), (0x3E, 0x8E, 0xC7)),  # ice to blue
    ((0xF7, 0xA8, 0xB8), (0x9B, 0x5D, 0xE5)),  # pink to purple
]


def mix(a, b, t):
    return tuple(x + (y - x) * t for x, y in zip(a, b))


def coverage(distance):
    """Anti-aliased coverage of a pixel whose centre is `distance` px inside
    (negative: outside) an edge."""
    return max(0.0, min(1.0, distance + 0.5))


def silhouette(x, y):
    """A head and shoulders, as people expect of a profile picture."""
    head = 17 - math.hypot(x - 48, y - 38)
    # Shoulders: an ellipse centred below, cut by the picture's bottom.
    dx, dy = (x - 48) / 34, (y - 100) / 34
    shoulders = (1 - math.hypot(dx, dy)) * 34
    return max(coverage(head), coverage(shoulders)) * 0.85


def bubbles(x, y):
    """Two overlapping discs of light."""
    a = coverage(26 - math.hypot(x - 38, y - 40)) * 0.55
    b = coverage(20 - math.hypot(x - 62, y - 60)) * 0.45
    return 1 - (1 - a) * (1 - b)


def hills(x, y):
    """A sun over two rolling hills."""
    sun = coverage(11 - math.hypot(x - 66, y - 30)) * 0.9
    far = 62 + 7 * math.sin(x / 14.0 + 1.0)
    near = 74 + 6 * math.sin(x / 11.0 + 3.5)
    slope_far = math.hypot(1, 0.5 * math.cos(x / 14.0 + 1.0))
    slope_near = math.hypot(1, 6 / 11.0 * math.cos(x / 11.0 + 3.5))
    hill_far = coverage((y - far) / slope_far) * 0.35
    hill_near = coverage((y - near) / slope_near) * 0.6
    return 1 - (1 - sun) * (1 - hill_far) * (1 - hill_near)


SHAPES = [silhouette, bubbles, hills]


def picture(n):
    top, bottom = PALETTES[(n * 5) % len(PALETTES)]
    shape = SHAPES[n % len(SHAPES)]
    angle = math.radians(30 + (n * 37) % 60)  # the gradient's direction varies a little
    ux, uy = math.cos(angle), math.sin(angle)
    span = SIZE * (abs(ux) + abs(uy))
    light = (255, 255, 255)
    rows = []
    for y in range(SIZE):
        row = bytearray([0])  # filter type: none
        for x in range(SIZE):
            cx, cy = x + 0.5, y + 0.5
            t = (cx * ux + cy * uy) / span
            colour = mix(top, bottom, t)
            colour = mix(colour, light, shape(cx, cy))
            row.extend(int(round(c)) for c in colour)
        rows.append(bytes(row))
    return png(SIZE, SIZE, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for n in range(COUNT):
        with open(os.path.join(out, "%d.png" % n), "wb") as f:
            f.write(picture(n))


if __name__ == "__main__":
    main()
