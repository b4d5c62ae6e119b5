import type { PhotoType } from './tables.ts';

/**
 * A photo without what the camera wrote about it (GPS location, camera model, date, editing
 * history), the pixels untouched: only whole metadata segments or chunks are left out, every
 * other byte is copied as it is. Null when the file's structure is broken (a truncated or
 * overlong segment), so it is refused like a file that is not an image.
 *
 * - JPEG: APPn segments before the image data are dropped except APP0 (JFIF), APP2 ICC_PROFILE
 *   (colours) and APP14 (Adobe colour transform); comments (COM) go too. From the first SOS on,
 *   the rest is copied verbatim.
 * - PNG: eXIf, tEXt, iTXt and zTXt chunks are dropped; kept chunks keep their CRCs; nothing after
 *   IEND is kept.
 * - WebP: EXIF and XMP chunks are dropped, the RIFF size is fixed and VP8X loses its EXIF/XMP
 *   flags.
 * - GIF carries no EXIF and is kept as it is.
 */
export function stripPhotoMetadata(bytes: Uint8Array, type: PhotoType): Buffer | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(data);
    case 'image/png':
      return stripPng(data);
    case 'image/webp':
      return stripWebp(data);
    case 'image/gif':
      return Buffer.from(data);
  }
}

const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/** Whether a JPEG segment (marker, payload) is kept. */
function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === COM) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0 || marker === 0xee) return true;
  return marker === 0xe2 && payload.subarray(0, ICC_PROFILE.length).equals(ICC_PROFILE);
}

function stripJpeg(data: Buffer): Buffer | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== SOI) return null;
  const parts: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  while (at < data.length) {
    if (data[at] !== 0xff) return null;
    const start = at;
    // Any number of 0xFF fill bytes may come before a marker.
    while (at < data.length && data[at] === 0xff) at++;
    if (at >= data.length) return null;
    const marker = data[at]!;
    at++;
    if (marker === SOI || marker === EOI || marker === 0x00) return null;
    // Markers without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(data.subarray(start, at));
      continue;
    }
    if (at + 2 > data.length) return null;
    const length = data.readUInt16BE(at);
    if (length < 2 || at + length > data.length) return null;
    const end = at + length;
    if (marker === SOS) {
      // The scan header and the image data after it, to the end of the file, as they are.
      parts.push(data.subarray(start));
      return Buffer.concat(parts);
    }
    if (keepJpegSegment(marker, data.subarray(at + 2, end))) parts.push(data.subarray(start, end));
    at = end;
  }
  // No image data at all.
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

function stripPng(data: Buffer): Buffer | null {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const parts: Buffer[] = [data.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > data.length || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (!PNG_DROPPED.has(type)) parts.push(data.subarray(at, end));
    if (type === 'IEND') return Buffer.concat(parts);
    at = end;
  }
  // Truncated: the file ended before IEND.
  return null;
}

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;
const WEBP_DROPPED = new Set(['EXIF', 'XMP ']);

function stripWebp(data: Buffer): Buffer | null {
  if (data.length < 12) return null;
  if (data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP')
    return null;
  const riffEnd = 8 + data.readUInt32LE(4);
  if (riffEnd > data.length || riffEnd < 12) return null;
  const parts: Buffer[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) return null;
    const fourcc = data.toString('latin1', at, at + 4);
    const size = data.readUInt32LE(at + 4);
    // Chunks are padded to an even size.
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) return null;
    if (fourcc === 'VP8X' && size >= 1) {
      const chunk = Buffer.from(data.subarray(at, end));
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      parts.push(chunk);
    } else if (!WEBP_DROPPED.has(fourcc)) {
      parts.push(data.subarray(at, end));
    }
    at = end;
  }
  if (parts.length === 0) return null;
  const header = Buffer.from(data.subarray(0, 12));
  header.writeUInt32LE(4 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}
