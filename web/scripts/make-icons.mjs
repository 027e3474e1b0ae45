#!/usr/bin/env node
/**
 * Draws ICARO's app icons as PNG files with no image library: a blue tile with a white
 * "i", anti-aliased by supersampling, written with a minimal PNG encoder (zlib from Node).
 * Run with `node scripts/make-icons.mjs`; the output is committed under static/icons.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');
const BLUE = [11, 61, 145];
const WHITE = [255, 255, 255];
const YELLOW = [255, 221, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signed distance helpers on a unit square (0..1). */
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** The colour at a point: the glyph is scaled by `s` around the centre. */
function shade(x, y, maskable) {
  const tile = maskable ? -1 : roundedBox(x, y, 0.5, 0.5, 0.5, 0.5, 0.18);
  if (tile > 0) return null;
  const s = maskable ? 0.72 : 0.9;
  const gx = (x - 0.5) / s + 0.5;
  const gy = (y - 0.5) / s + 0.5;
  if (circle(gx, gy, 0.5, 0.25, 0.09) <= 0) return YELLOW;
  if (roundedBox(gx, gy, 0.5, 0.6, 0.075, 0.22, 0.06) <= 0) return WHITE;
  if (roundedBox(gx, gy, 0.5, 0.8, 0.17, 0.035, 0.03) <= 0) return WHITE;
  return BLUE;
}

function draw(size, maskable) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4; // 4x4 samples per pixel
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) rgba.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (n * n))], i);
    }
  }
  return encodePng(size, rgba);
}

mkdirSync(OUT, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon-180.png', 180, true],
]) {
  writeFileSync(join(OUT, name), draw(size, maskable));
  console.log(`wrote static/icons/${name}`);
}
