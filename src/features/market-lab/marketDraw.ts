// Drawing the market view into a pixel buffer (a Uint32Array over a canvas's ImageData): every present customer as a
// mark in their slot, shaped by state (a second cue beside colour), a dot for customers held by bonds, this quarter's
// newcomers and leavers; and the in-between frames while a quarter plays. Pure typed-array writes: no DOM, no canvas
// calls (the component puts the buffer on screen), so Vitest checks the pixels in Node.
import { CENSUS_ARRIVED, CENSUS_BONDED, CENSUS_STATE_MASK, type Census } from '@sim/observe';
import type { GridGeometry, MarketLayout } from './marketLayout';

/** A mark's shape as pixel offsets (dx, dy pairs) inside a glyph × glyph square. */
export type Mask = Int16Array;

export interface Masks {
  /** By state code: dissatisfied (a hollow square), satisfied (a plus), delighted (a filled square). */
  state: [Mask, Mask, Mask];
  /** Held by bonds: a dot in the middle (on a hollow square it makes spurious loyalty stand out). */
  bond: Mask;
  /** New this quarter: a triangle (top-left half). */
  arrival: Mask;
  /** Left this quarter: a cross where they were. */
  departed: Mask;
  /** A leaver on its way out: a filled square in the reason's colour. */
  leaving: Mask;
}

function mask(g: number, on: (x: number, y: number) => boolean): Mask {
  const pts: number[] = [];
  for (let y = 0; y < g; y++) for (let x = 0; x < g; x++) if (on(x, y)) pts.push(x, y);
  return Int16Array.from(pts);
}

/**
 * The marks for glyphs of g device pixels (g ≥ 2). From 3 px they are shapes (hollow square, plus, filled square);
 * at 2 px (ten thousand customers on a screen of one device pixel per CSS pixel) they keep a second cue as the amount
 * of ink: delighted fills the cell, dissatisfied takes three of its four pixels, satisfied two (a diagonal).
 */
export function glyphMasks(g: number): Masks {
  const n = Math.max(2, Math.floor(g));
  const border = n >= 7 ? 2 : 1;
  const mid = (n - 1) / 2;
  const arm = Math.max(1, Math.round(n / 3));
  const dot = n >= 5 ? Math.max(1, Math.round(n / 3)) : 1;
  const inDot = (x: number, y: number) => Math.abs(x - mid) < dot / 2 + 0.01 && Math.abs(y - mid) < dot / 2 + 0.01;
  const small = n < 3;
  return {
    state: [
      small
        ? mask(n, (x, y) => !(x === n - 1 && y === 0))
        : mask(n, (x, y) => x < border || y < border || x >= n - border || y >= n - border),
      small ? mask(n, (x, y) => x === y) : mask(n, (x, y) => Math.abs(x - mid) < arm / 2 + 0.01 || Math.abs(y - mid) < arm / 2 + 0.01),
      mask(n, () => true),
    ],
    bond: small ? mask(n, (x, y) => x === 0 && y === 0) : mask(n, inDot),
    arrival: mask(n, (x, y) => x + y <= n - 1),
    departed: small ? mask(n, (x, y) => x === y) : mask(n, (x, y) => x === y || x + y === n - 1),
    leaving: mask(n, () => true),
  };
}

/** Colours as canvas pixels (ImageData is RGBA bytes; on little-endian machines a Uint32 reads them as ABGR). */
export interface Palette {
  background: number;
  state: [number, number, number];
  bond: number;
  arrival: number;
  /** By loss reason code: company, competitor, customer. */
  reasons: [number, number, number];
  cursor: number;
}

/** An "rgb(r, g, b)" or "rgba(…)" or "#rrggbb" colour as a canvas pixel (opaque). */
export function pixel(color: string): number {
  let r = 0;
  let g = 0;
  let b = 0;
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(color.trim());
  if (hex) {
    const v = parseInt(hex[1]!, 16);
    r = v >> 16;
    g = (v >> 8) & 255;
    b = v & 255;
  } else if (rgb) {
    r = Number(rgb[1]);
    g = Number(rgb[2]);
    b = Number(rgb[3]);
  }
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** A pixel buffer and its size. */
export interface Frame {
  buf: Uint32Array;
  width: number;
  height: number;
}

function blit(f: Frame, x: number, y: number, m: Mask, color: number): void {
  const { buf, width, height } = f;
  for (let k = 0; k < m.length; k += 2) {
    const px = x + m[k]!;
    const py = y + m[k + 1]!;
    if (px >= 0 && py >= 0 && px < width && py < height) buf[py * width + px] = color;
  }
}

/** Where slot `slot` of segment `s` sits (top-left corner of its cell), in device pixels. */
export function slotXY(geo: GridGeometry, s: number, slot: number): [number, number] {
  const band = geo.bands[s]!;
  return [(slot % band.cols) * geo.cell, band.y + Math.floor(slot / band.cols) * geo.cell];
}

export interface DrawInput {
  census: Census;
  layout: MarketLayout;
  geo: GridGeometry;
  masks: Masks;
  palette: Palette;
  quarter: number;
  /** 0..1 while a quarter plays in (leavers fly out by reason, newcomers fly in); 1 or absent: the quarter at rest. */
  progress?: number;
  /** The cell under the keyboard cursor (segment index and slot), outlined. */
  cursor?: { segment: number; slot: number } | null;
}

const ease = (p: number) => (p < 0.5 ? 2 * p * p : 1 - (-2 * p + 2) ** 2 / 2);

/**
 * Draws quarter `quarter`: at rest, every present customer by state (newcomers as triangles), a bond dot on those held
 * by bonds, and a cross in the reason's colour where each of the quarter's leavers was. While playing in (progress < 1),
 * leavers slide from their place to the right edge, grouped by reason (company at the top of their band, competitor
 * in the middle, customer at the bottom), and newcomers slide in from the left edge.
 */
export function drawQuarter(f: Frame, d: DrawInput): void {
  const { census: c, layout, geo, masks, palette } = d;
  const q = d.quarter;
  const p = d.progress === undefined ? 1 : Math.max(0, Math.min(1, d.progress));
  const moving = p < 1;
  const e = ease(p);
  f.buf.fill(palette.background);
  const a = c.start[q]!;
  const b = c.start[q + 1]!;
  // Ten thousand marks a frame: each slot's place is worked out inline (no [x, y] pair allocated per mark).
  const cell = geo.cell;
  const cols = geo.bands.map((band) => band.cols);
  const tops = geo.bands.map((band) => band.y);
  for (let j = a; j < b; j++) {
    const s = c.segment[j]!;
    const flags = c.flags[j]!;
    const slot = layout.slot[j]!;
    const x = (slot % cols[s]!) * cell;
    const y = tops[s]! + Math.floor(slot / cols[s]!) * cell;
    if (flags & CENSUS_ARRIVED) {
      // A newcomer: from the left edge of its row to its place.
      const sx = moving ? Math.round(-geo.cell + (x + geo.cell) * e) : x;
      blit(f, sx, y, masks.arrival, palette.arrival);
      continue;
    }
    blit(f, x, y, masks.state[flags & CENSUS_STATE_MASK]!, palette.state[flags & CENSUS_STATE_MASK]!);
    if (flags & CENSUS_BONDED) blit(f, x, y, masks.bond, palette.bond);
  }
  if (q >= 1) {
    const da = c.departStart[q]!;
    const db = c.departStart[q + 1]!;
    for (let k = da; k < db; k++) {
      const s = c.departSegment[k]!;
      const r = c.departReason[k]!;
      const [x, y] = slotXY(geo, s, layout.departSlot[k]!);
      if (!moving) {
        blit(f, x, y, masks.departed, palette.reasons[r]!);
        continue;
      }
      const band = geo.bands[s]!;
      const h = band.rows * geo.cell;
      const ty = band.y + Math.round(((r + 0.5) / 3) * h);
      const tx = geo.width - geo.cell;
      blit(f, Math.round(x + (tx - x) * e), Math.round(y + (ty - y) * e), masks.leaving, palette.reasons[r]!);
    }
  }
  const cur = d.cursor;
  if (cur && geo.bands[cur.segment]) {
    const [x, y] = slotXY(geo, cur.segment, cur.slot);
    outline(f, x - 1, y - 1, geo.glyph + 2, palette.cursor);
    outline(f, x - 2, y - 2, geo.glyph + 4, palette.cursor);
  }
}

function outline(f: Frame, x: number, y: number, size: number, color: number): void {
  const { buf, width, height } = f;
  const put = (px: number, py: number) => {
    if (px >= 0 && py >= 0 && px < width && py < height) buf[py * width + px] = color;
  };
  for (let k = 0; k < size; k++) {
    put(x + k, y);
    put(x + k, y + size - 1);
    put(x, y + k);
    put(x + size - 1, y + k);
  }
}

/** Per segment, the census entry (≥ 0) or leaver (−2 − index) in each slot at quarter q, −1 where the slot is empty. */
export function slotIndex(c: Census, layout: MarketLayout, q: number): Int32Array[] {
  const out = Array.from(layout.capacity, (n) => new Int32Array(n).fill(-1));
  if (q >= 1) for (let k = c.departStart[q]!; k < c.departStart[q + 1]!; k++) out[c.departSegment[k]!]![layout.departSlot[k]!] = -2 - k;
  for (let j = c.start[q]!; j < c.start[q + 1]!; j++) out[c.segment[j]!]![layout.slot[j]!] = j;
  return out;
}
