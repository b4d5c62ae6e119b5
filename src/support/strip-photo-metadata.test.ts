import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from './strip-photo-metadata.ts';

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
const has = (data: Buffer, text: string) => data.includes(Buffer.from(text, 'latin1'));

describe('stripping JPEG metadata', () => {
  /** A marker segment: FF, marker, two length bytes (counting themselves), payload. */
  const segment = (marker: number, ...payload: (string | number[])[]) => {
    const body = bytes(...payload);
    return bytes([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff], body);
  };
  const SOI = bytes([0xff, 0xd8]);
  const jfif = segment(0xe0, 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const exif = segment(0xe1, 'Exif\0\0', 'MM\0*GPS 35.6586N 139.7454E Canon EOS');
  const xmp = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>');
  const icc = segment(0xe2, 'ICC_PROFILE\0', [1, 1], 'colour profile');
  const mpf = segment(0xe2, 'MPF\0', 'second picture');
  const comment = segment(0xfe, 'Shot on a phone in Shibuya');
  const dqt = segment(
    0xdb,
    [0],
    Array.from({ length: 64 }, (_, i) => i + 1),
  );
  const adobe = segment(0xee, 'Adobe', [0, 100, 0, 0, 0, 0, 1]);
  const sof = segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
  // The scan: its header, then entropy-coded data (with a stuffed FF 00 and a restart marker).
  const scan = bytes(segment(0xda, [1, 1, 0, 0, 0x3f, 0]), [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 9]);
  const EOI = bytes([0xff, 0xd9]);

  it('drops Exif, XMP and other APPn segments and keeps JFIF, ICC, Adobe and the image', () => {
    const photo = bytes(SOI, jfif, exif, icc, xmp, mpf, comment, dqt, adobe, sof, scan, EOI);
    const out = stripPhotoMetadata(photo, 'image/jpeg')!;
    expect(out).toEqual(bytes(SOI, jfif, icc, dqt, adobe, sof, scan, EOI));
    for (const gone of ['Exif', 'GPS', 'xmpmeta', 'MPF', 'Shibuya'])
      expect(has(out, gone)).toBe(false);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(out.includes(bytes(scan, EOI))).toBe(true);
  });

  it('copies everything from the scan on verbatim, metadata-looking bytes included', () => {
    // Bytes after SOS are image data; an APP1 there is not parsed, so it is kept as it is.
    const tail = bytes(scan, segment(0xe1, 'Exif\0\0later'), EOI);
    expect(stripPhotoMetadata(bytes(SOI, exif, tail), 'image/jpeg')).toEqual(bytes(SOI, tail));
  });

  it('accepts fill bytes before a marker and leaves a clean photo byte for byte', () => {
    const clean = bytes(SOI, jfif, [0xff], dqt, sof, scan, EOI);
    expect(stripPhotoMetadata(clean, 'image/jpeg')).toEqual(clean);
  });

  it('gives null for a broken file instead of throwing', () => {
    const photo = bytes(SOI, jfif, exif, dqt, sof, scan, EOI);
    // Cut inside the Exif segment.
    expect(stripPhotoMetadata(photo.subarray(0, SOI.length + jfif.length + 10), 'image/jpeg')).toBe(
      null,
    );
    // Cut inside a segment's length bytes, and right after a marker's FF.
    expect(stripPhotoMetadata(bytes(SOI, [0xff, 0xe1, 0x00]), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes(SOI, jfif, [0xff]), 'image/jpeg')).toBe(null);
    // No scan at all, a scan header cut short, junk between segments, a length below 2.
    expect(stripPhotoMetadata(bytes(SOI, jfif, dqt), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes(SOI, jfif, [0xff, 0xda, 0, 12, 1]), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes(SOI, jfif, [0x00], scan, EOI), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes(SOI, [0xff, 0xe1, 0, 1], scan, EOI), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes(SOI, EOI), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(bytes([0xff, 0xd8, 0xff]), 'image/jpeg')).toBe(null);
    expect(stripPhotoMetadata(new Uint8Array(), 'image/jpeg')).toBe(null);
  });
});

describe('stripping PNG metadata', () => {
  const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  /** A chunk with its real CRC: length, type, data, CRC over type and data. */
  const chunk = (type: string, ...data: (string | number[])[]) => {
    const typed = bytes(type, ...data);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(typed.length - 4);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return bytes(head, typed, crc);
  };
  const ihdr = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const exif = chunk('eXIf', 'MM\0*GPS 35.6586N 139.7454E');
  const text = chunk('tEXt', 'Comment\0GPS Shibuya');
  const itxt = chunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>');
  const ztxt = chunk('zTXt', 'Software\0\0', [0x78, 0x9c, 3, 0, 0, 0, 0, 1]);
  const gama = chunk('gAMA', [0, 0, 0xb1, 0x8f]);
  const idat = chunk('IDAT', [0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1]);
  const iend = chunk('IEND');

  it('drops eXIf and the text chunks and keeps the others with their CRCs', () => {
    const photo = bytes(SIGNATURE, ihdr, exif, text, gama, itxt, idat, ztxt, iend);
    const out = stripPhotoMetadata(photo, 'image/png')!;
    expect(out).toEqual(bytes(SIGNATURE, ihdr, gama, idat, iend));
    for (const gone of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'GPS', 'xmpmeta'])
      expect(has(out, gone)).toBe(false);
  });

  it('keeps a clean PNG byte for byte and leaves out anything after IEND', () => {
    // The smallest valid PNG: 1×1, one transparent pixel.
    const real = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    expect(stripPhotoMetadata(real, 'image/png')).toEqual(real);
    expect(stripPhotoMetadata(bytes(real, 'GPS appended'), 'image/png')).toEqual(real);
  });

  it('gives null for a broken file instead of throwing', () => {
    const photo = bytes(SIGNATURE, ihdr, exif, idat, iend);
    expect(stripPhotoMetadata(photo.subarray(0, photo.length - 3), 'image/png')).toBe(null);
    expect(stripPhotoMetadata(bytes(SIGNATURE, ihdr, idat), 'image/png')).toBe(null);
    expect(
      stripPhotoMetadata(bytes(SIGNATURE, [0xff, 0xff, 0xff, 0xff], 'IDAT'), 'image/png'),
    ).toBe(null);
    expect(
      stripPhotoMetadata(bytes(SIGNATURE, [0, 0, 0, 0], '\0\0\0\0', [0, 0, 0, 0]), 'image/png'),
    ).toBe(null);
    expect(stripPhotoMetadata(Buffer.from(SIGNATURE), 'image/png')).toBe(null);
  });
});

describe('stripping WebP metadata', () => {
  /** A RIFF chunk: FourCC, little-endian size, data, a pad byte when the size is odd. */
  const chunk = (fourcc: string, ...data: (string | number[])[]) => {
    const body = bytes(...data);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return bytes(fourcc, size, body, body.length % 2 ? [0] : []);
  };
  const riff = (...chunks: Buffer[]) => {
    const body = bytes('WEBP', ...chunks);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return bytes('RIFF', size, body);
  };
  // Flags: ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04; then reserved bytes, width-1, height-1.
  const vp8x = (flags: number) => chunk('VP8X', [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const iccp = chunk('ICCP', 'colour profile');
  const image = chunk('VP8L', [0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11]);
  const exif = chunk('EXIF', 'MM\0*GPS 35.6586N 139.7454E');
  const xmp = chunk('XMP ', '<x:xmpmeta>GPSLatitude</x:xmpmeta>');

  it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', () => {
    const photo = riff(vp8x(0x3c), iccp, image, exif, xmp);
    const out = stripPhotoMetadata(photo, 'image/webp')!;
    expect(out).toEqual(riff(vp8x(0x30), iccp, image));
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    for (const gone of ['EXIF', 'XMP ', 'GPS']) expect(has(out, gone)).toBe(false);
    // The caller's bytes are not changed.
    expect(photo[20]).toBe(0x3c);
  });

  it('keeps a clean WebP byte for byte and leaves out bytes after the RIFF container', () => {
    const clean = riff(image);
    expect(stripPhotoMetadata(clean, 'image/webp')).toEqual(clean);
    expect(stripPhotoMetadata(bytes(clean, 'trailer'), 'image/webp')).toEqual(clean);
  });

  it('gives null for a broken file instead of throwing', () => {
    const photo = riff(vp8x(0x08), image, exif);
    // The RIFF size promises more than the file holds.
    expect(stripPhotoMetadata(photo.subarray(0, photo.length - 4), 'image/webp')).toBe(null);
    // A chunk longer than its container, a chunk header cut short, no chunks at all.
    const long = riff(image);
    long.writeUInt32LE(1000, 16);
    expect(stripPhotoMetadata(long, 'image/webp')).toBe(null);
    expect(stripPhotoMetadata(riff(image, Buffer.from('EXI')), 'image/webp')).toBe(null);
    expect(stripPhotoMetadata(riff(), 'image/webp')).toBe(null);
    expect(stripPhotoMetadata(Buffer.from('RIFF\u0010\u0000\u0000\u0000WEBP'), 'image/webp')).toBe(
      null,
    );
  });
});

describe('GIF', () => {
  it('is kept as it is', () => {
    const gif = bytes(
      'GIF89a',
      [1, 0, 1, 0, 0, 0, 0],
      ',',
      [0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 0, 0x3b],
    );
    expect(stripPhotoMetadata(gif, 'image/gif')).toEqual(gif);
  });
});
