// The market view's arithmetic without a canvas: every customer keeps one slot from arrival to departure, leavers
// are drawn where they were, newcomers never land on a leaver, the grid fits its height, and the pixels drawn for a
// quarter are the census's customers by state (shape and colour), bonds, newcomers and leavers by reason.
import { describe, expect, it } from 'vitest';
import { simulateObserved, CENSUS_ARRIVED, CENSUS_BONDED, CENSUS_STATE_MASK, censusQuarter, type Census } from '@sim/index';
import { defaultSettings, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { gridGeometry, layoutCensus } from '@/features/market-lab/marketLayout';
import { drawQuarter, glyphMasks, pixel, slotIndex, slotXY, type Palette } from '@/features/market-lab/marketDraw';

function censusOf(marketId: string, quarters: number, change?: (s: ReturnType<typeof defaultSettings>) => void): Census {
  const s = { ...defaultSettings(marketId), quarters };
  change?.(s);
  return simulateObserved(marketById(marketId), toStrategy(s), toRunOptions(s), { census: true }).census!;
}

describe('layoutCensus', () => {
  for (const id of ['default', 'competitive', 'kotler-few-high']) {
    it(`${id}: a customer keeps one slot; leavers and newcomers never share one in a quarter`, () => {
      const c = censusOf(id, 12);
      const layout = layoutCensus(c);
      const slotOf = new Map<number, number>();
      for (let q = 0; q <= c.quarters; q++) {
        const v = censusQuarter(c, q);
        const used = new Set<string>();
        for (let j = c.start[q]; j < c.start[q + 1]; j++) {
          const key = c.key[j];
          const slot = layout.slot[j];
          expect(slot).toBeLessThan(layout.capacity[c.segment[j]]);
          if (slotOf.has(key)) expect(slot).toBe(slotOf.get(key));
          slotOf.set(key, slot);
          used.add(`${c.segment[j]}:${slot}`);
        }
        for (let d = c.departStart[q]; d < c.departStart[q + 1]; d++) {
          // A leaver is drawn in the slot they held, which no one present holds this quarter.
          expect(layout.departSlot[d]).toBe(slotOf.get(c.departKey[d]));
          const at = `${c.departSegment[d]}:${layout.departSlot[d]}`;
          expect(used.has(at)).toBe(false);
          used.add(at);
          slotOf.delete(c.departKey[d]);
        }
        expect(used.size).toBe(v.key.length + v.departures.key.length);
      }
    });
  }

  it('reuses freed slots, so the grid stays near the largest market size', () => {
    const c = censusOf('default', 20);
    const layout = layoutCensus(c);
    const total = Array.from(layout.capacity).reduce((a, b) => a + b, 0);
    let most = 0;
    for (let q = 0; q <= 20; q++) most = Math.max(most, c.start[q + 1] - c.start[q] + (c.departStart[q + 1] - c.departStart[q]));
    expect(total).toBeLessThan(most * 1.25);
  });
});

describe('gridGeometry', () => {
  it.each([
    [[8784, 2567, 326], 440, 300, 1],
    [[8784, 2567, 326], 340, 640, 1],
    [[8784, 2567, 326], 440, 300, 2],
    [[313], 440, 300, 1],
  ])('fits %j in %i × %i px at ratio %i, whole pixels, one band per segment', (capacity, width, height, dpr) => {
    const g = gridGeometry(capacity, width, height, dpr);
    expect(g.bands).toHaveLength(capacity.length);
    expect(Number.isInteger(g.cell) && Number.isInteger(g.glyph)).toBe(true);
    expect(g.glyph).toBeLessThan(g.cell);
    expect(g.height).toBeLessThanOrEqual(height * dpr);
    g.bands.forEach((b, s) => {
      expect(b.cols * b.rows).toBeGreaterThanOrEqual(capacity[s]);
      expect(b.cols * g.cell).toBeLessThanOrEqual(g.width);
    });
  });
  it('gives a few customers large marks and ten thousand small ones', () => {
    expect(gridGeometry([313], 440, 300, 1).cell).toBe(8);
    expect(gridGeometry([8784, 2567, 326], 440, 300, 1).cell).toBe(3);
  });
});

describe('glyphMasks', () => {
  it('draws three states in three shapes (a second cue beside colour) at every size', () => {
    for (const g of [2, 3, 5, 7]) {
      const m = glyphMasks(g);
      const sizes = m.state.map((s) => s.length / 2);
      expect(new Set(sizes).size).toBe(3);
      expect(sizes[2]).toBe(g * g);
      for (const s of [...m.state, m.bond, m.arrival, m.departed])
        for (let k = 0; k < s.length; k++) expect(s[k] >= 0 && s[k] < g).toBe(true);
    }
  });
});

describe('drawQuarter', () => {
  const palette: Palette = {
    background: pixel('#ffffff'),
    state: [pixel('#a4245b'), pixel('#5c6670'), pixel('#2d7d46')],
    bond: pixel('rgb(27, 31, 36)'),
    arrival: pixel('#0b5cad'),
    reasons: [pixel('#a40000'), pixel('#b3541e'), pixel('#505050')],
    cursor: pixel('#000000'),
  };
  it('puts each customer of the quarter in its slot, by state, newcomer or leaver', () => {
    const c = censusOf('kotler-few-high', 6);
    const layout = layoutCensus(c);
    const geo = gridGeometry(layout.capacity, 300, 400, 1);
    const masks = glyphMasks(geo.glyph);
    const frame = { buf: new Uint32Array(geo.width * geo.height), width: geo.width, height: geo.height };
    const q = 5;
    drawQuarter(frame, { census: c, layout, geo, masks, palette, quarter: q });
    // The top-left pixel of a filled or hollow mark, or the first pixel of its mask, carries its colour.
    const at = (s: number, slot: number, dx: number, dy: number) => {
      const [x, y] = slotXY(geo, s, slot);
      return frame.buf[(y + dy) * frame.width + x + dx];
    };
    let seen = 0;
    for (let j = c.start[q]; j < c.start[q + 1]; j++) {
      const f = c.flags[j];
      const mask = f & CENSUS_ARRIVED ? masks.arrival : masks.state[f & CENSUS_STATE_MASK];
      const color = f & CENSUS_ARRIVED ? palette.arrival : palette.state[f & CENSUS_STATE_MASK];
      const bonded = !(f & CENSUS_ARRIVED) && (f & CENSUS_BONDED) !== 0;
      // A pixel of the mark that the bond dot does not cover.
      let k = 0;
      while (bonded && masks.bond.some((_, i) => i % 2 === 0 && masks.bond[i] === mask[k] && masks.bond[i + 1] === mask[k + 1])) k += 2;
      expect(at(c.segment[j], layout.slot[j], mask[k], mask[k + 1])).toBe(color);
      seen++;
    }
    expect(seen).toBe(c.start[q + 1] - c.start[q]);
    for (let d = c.departStart[q]; d < c.departStart[q + 1]; d++) {
      expect(at(c.departSegment[d], layout.departSlot[d], masks.departed[0], masks.departed[1])).toBe(palette.reasons[c.departReason[d]]);
    }
    // Slot lookup for picking: the entry at each drawn slot, leavers as negative indexes.
    const index = slotIndex(c, layout, q);
    expect(index[0][layout.slot[c.start[q]]]).toBe(c.start[q]);
    const firstLeaver = c.departStart[q];
    if (firstLeaver < c.departStart[q + 1]) expect(index[0][layout.departSlot[firstLeaver]]).toBe(-2 - firstLeaver);
  });

  it('moves leavers to the right edge and newcomers in from the left while a quarter plays in', () => {
    const c = censusOf('kotler-few-high', 6);
    const layout = layoutCensus(c);
    const geo = gridGeometry(layout.capacity, 300, 400, 1);
    const masks = glyphMasks(geo.glyph);
    const frame = { buf: new Uint32Array(geo.width * geo.height), width: geo.width, height: geo.height };
    const q = 5;
    drawQuarter(frame, { census: c, layout, geo, masks, palette, quarter: q, progress: 0.999 });
    const d = c.departStart[q];
    expect(d).toBeLessThan(c.departStart[q + 1]);
    // Near the end of the move, the leaver's square sits at the right edge of the canvas.
    const right = geo.width - geo.cell;
    let found = false;
    for (let y = 0; y < geo.height && !found; y++)
      if (frame.buf[y * geo.width + right] === palette.reasons[c.departReason[d]]) found = true;
    expect(found).toBe(true);
  });
});
