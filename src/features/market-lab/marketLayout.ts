// Where each customer of a run sits in the market view: a slot in their segment's grid that they keep from arrival
// to departure, so a quarter's change shows as marks leaving and arriving, not as everyone moving. Computed once per
// run (in the engine worker) from the census; pure typed-array arithmetic, no DOM, no drawing.
import { CENSUS_ARRIVED, type Census } from '@sim/observe';

export interface MarketLayout {
  /** Slots each segment's grid needs: every slot ever opened (present customers plus a quarter's leavers, at most). */
  capacity: Uint32Array;
  /** Slot of every census entry (indexed like census.key), within its segment's grid. */
  slot: Uint32Array;
  /** Slot every leaver had in the quarter before they left (indexed like census.departKey). */
  departSlot: Uint32Array;
}

/**
 * Slots for a census. The census keeps customers in a stable order (older first, each quarter's arrivals last), so a
 * quarter's kept customers are those of the quarter before in the same order, less its leavers: one walk per
 * quarter carries every slot forward. A leaver's slot is freed after the quarter, so this quarter's arrivals never
 * land on a leaver still being shown; freed slots are reused oldest first, lowest first.
 */
export function layoutCensus(c: Census): MarketLayout {
  const ns = c.segments.length;
  const slot = new Uint32Array(c.key.length);
  const departSlot = new Uint32Array(c.departKey.length);
  const next = new Uint32Array(ns);
  // Per segment, a queue of free slots (a ring over a growable array).
  const free: number[][] = Array.from({ length: ns }, () => []);
  const head = new Uint32Array(ns);
  const take = (s: number): number => {
    const q = free[s]!;
    if (head[s]! < q.length) return q[head[s]!++]!;
    return next[s]!++;
  };

  // Quarter 0: the initial base, slot by slot in order.
  for (let j = c.start[0]!; j < c.start[1]!; j++) slot[j] = take(c.segment[j]!);

  const leftSlots = new Map<number, number>();
  for (let q = 1; q <= c.quarters; q++) {
    const prevA = c.start[q - 1]!;
    const prevB = c.start[q]!;
    const curA = c.start[q]!;
    const curB = c.start[q + 1]!;
    let arrivals = 0;
    for (let j = curB - 1; j >= curA && (c.flags[j]! & CENSUS_ARRIVED) !== 0; j--) arrivals++;
    const keptB = curB - arrivals;
    // Walk the previous quarter: a customer kept in order keeps the slot; one missing has left.
    leftSlots.clear();
    let i = curA;
    for (let j = prevA; j < prevB; j++) {
      if (i < keptB && c.key[i] === c.key[j]) slot[i++] = slot[j]!;
      else leftSlots.set(c.key[j]!, slot[j]!);
    }
    if (i !== keptB) throw new Error(`census order broken in quarter ${q}`);
    const da = c.departStart[q]!;
    const db = c.departStart[q + 1]!;
    const freed: number[][] = Array.from({ length: ns }, () => []);
    for (let d = da; d < db; d++) {
      const s = c.departSegment[d]!;
      const at = leftSlots.get(c.departKey[d]!);
      if (at === undefined) throw new Error(`a leaver of quarter ${q} was not there before`);
      departSlot[d] = at;
      freed[s]!.push(at);
    }
    for (let j = keptB; j < curB; j++) slot[j] = take(c.segment[j]!);
    for (let s = 0; s < ns; s++) {
      const f = freed[s]!.sort((a, b) => a - b);
      // Compact the queue now and then so it does not grow without bound over a long run.
      if (head[s]! > 4096) {
        free[s] = free[s]!.slice(head[s]!);
        head[s] = 0;
      }
      for (const x of f) free[s]!.push(x);
    }
  }
  return { capacity: next, slot, departSlot };
}

/** One segment's band in the market view, in device pixels. */
export interface GridBand {
  /** Top of the band's label line and of its first row of marks. */
  labelY: number;
  y: number;
  cols: number;
  rows: number;
}

/** The market view's grid for a canvas width: cell size and one band per segment, in device pixels. */
export interface GridGeometry {
  /** Cell and mark sizes (a mark is the cell less a gap), and the canvas size. */
  cell: number;
  glyph: number;
  width: number;
  height: number;
  bands: GridBand[];
}

/**
 * The largest cell (2–8 CSS px) at which every segment's slots fit `maxHeight`, each segment a band under its label;
 * if none fits, 2 px cells and a taller canvas. Sizes are whole device pixels so marks stay crisp.
 */
export function gridGeometry(
  capacity: ArrayLike<number>,
  cssWidth: number,
  cssMaxHeight: number,
  dpr: number,
  cssLabel = 16,
): GridGeometry {
  const ratio = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  const width = Math.max(1, Math.floor(cssWidth * ratio));
  const label = Math.round(cssLabel * ratio);
  const gap = Math.max(1, Math.round(ratio));
  const fit = (cssCell: number) => {
    const cell = Math.max(2, Math.round(cssCell * ratio));
    const cols = Math.max(1, Math.floor(width / cell));
    const bands: GridBand[] = [];
    let y = 0;
    for (let s = 0; s < capacity.length; s++) {
      const rows = Math.ceil(capacity[s]! / cols);
      bands.push({ labelY: y, y: y + label, cols, rows });
      y += label + rows * cell + gap * 2;
    }
    return { cell, glyph: cell - gap, width, height: Math.max(1, y), bands };
  };
  for (let c = 8; c > 2; c--) {
    const g = fit(c);
    if (g.height <= cssMaxHeight * ratio) return g;
  }
  return fit(2);
}
