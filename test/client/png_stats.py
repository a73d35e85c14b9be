#!/usr/bin/env python3
# png_stats.py: reads a PNG (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium's
# --screenshot writes) with nothing but zlib, and prints what test/client/report_render.sh
# asserts on: width, height, the share of pixels that are not near-white, and the number
# of rows that have any such pixel.  With --crop Y0 Y1 OUT it also writes rows Y0..Y1-1
# as a new PNG (for looking at a part of a tall screenshot).
import struct, sys, zlib

def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG: %s' % path)
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or interlace or ctype not in (0, 2, 6):
        sys.exit('unsupported PNG: depth %d, colour type %d, interlace %d' % (depth, ctype, interlace))
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, ctype, rows

def write_png(path, w, ctype, rows):
    raw = b''.join(b'\x00' + r for r in rows)
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, len(rows), 8, ctype, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))

w, h, bpp, ctype, rows = read_png(sys.argv[1])
if len(sys.argv) > 2 and sys.argv[2] == '--crop':
    y0, y1 = int(sys.argv[3]), int(sys.argv[4])
    write_png(sys.argv[5], w, ctype, rows[y0:y1])
    sys.exit(0)
dark = 0
dark_rows = 0
for r in rows:
    n = 0
    for x in range(0, w * bpp, bpp):
        if min(r[x:x + min(bpp, 3)]) < 200:
            n += 1
    dark += n
    dark_rows += n > 0
print('width=%d height=%d ink=%.4f ink_rows=%d' % (w, h, dark / float(w * h), dark_rows))
