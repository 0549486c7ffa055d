// Pure parts of the shared charts, table-driven in LayerCake's manner ({name, args, expected}): the frame's value
// domain and layout, the layers' path data, the data table and readout, spoken trend summaries and the geometry helpers.
import { describe, expect, it } from 'vitest';
import { describeTrend, trendKey } from '@/kit/charts/summary';
import { keyStep, nearestIndex, quarterTicks } from '@/kit/charts/geometry';
import { frameLayout, heatScale, valueExtent, type ExtentInput, type LayoutInput } from '@/kit/charts/scales';
import { bandPath, linePath, lonePoints, stackedPaths } from '@/kit/charts/paths';
import { chartTable, readoutAt, readoutText, type ReadoutInput } from '@/kit/charts/readout';
import type { ChartSeries } from '@/kit/charts/types';
import { pathEnd } from '@/kit/charts/exportSvg';

const q = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('describeTrend', () => {
  const cases: { name: string; values: number[]; key: string; after?: number | null }[] = [
    { name: 'level, then a fall after quarter 6', values: [0.91, 0.91, 0.905, 0.91, 0.9, 0.91, 0.86, 0.84], key: 'fellAfter', after: 6 },
    { name: 'a steady rise', values: [1, 2, 3, 4, 5], key: 'rose', after: null },
    { name: 'a rise after a flat start', values: [10, 10, 10, 20, 30], key: 'roseAfter', after: 3 },
    { name: 'flat within 1 %', values: [100, 100.5, 99.7, 100.2], key: 'flat', after: null },
    { name: 'a steady fall', values: [5, 4, 3, 2], key: 'fell', after: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tr = describeTrend(q(c.values.length), c.values)!;
      expect(trendKey(tr)).toBe(c.key);
      expect(tr.after).toBe(c.after);
      expect(tr.from).toBe(c.values[0]);
      expect(tr.to).toBe(c.values[c.values.length - 1]);
    });
  }
  it('skips gaps and returns null without data', () => {
    expect(describeTrend([], [])).toBeNull();
    expect(describeTrend([1, 2, 3], [Number.NaN, 2, 4])!.from).toBe(2);
  });
  it('uses an absolute tolerance for shares', () => {
    expect(describeTrend(q(3), [0.01, 0.012, 0.014], { absolute: true, flatTolerance: 0.005 })!.kind).toBe('flat');
    expect(describeTrend(q(3), [0.01, 0.012, 0.014])!.kind).toBe('rose');
  });
});

describe('geometry', () => {
  it.each([
    [q(40), 8, [1, 8, 16, 24, 32, 40]],
    [q(12), 12, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [q(4), 2, [1, 4]],
  ])('quarterTicks(%#)', (xs, max, expected) => {
    const ticks = quarterTicks(xs, max);
    expect(ticks[0]).toBe(expected[0]);
    expect(ticks.every((t) => Number.isInteger(t) && t >= xs[0] && t <= xs[xs.length - 1])).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(Math.max(max, 2) + 1);
    expect(ticks).toContain(expected[1]);
  });
  it('nearestIndex', () => {
    expect(nearestIndex([1, 2, 3, 4], 2.4)).toBe(1);
    expect(nearestIndex([1, 2, 3, 4], 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
  it('keyStep', () => {
    expect(keyStep('ArrowRight', 3, 10)).toBe(4);
    expect(keyStep('ArrowLeft', 0, 10)).toBe(0);
    expect(keyStep('End', 0, 10)).toBe(9);
    expect(keyStep('Home', 5, 10)).toBe(0);
    expect(keyStep('PageUp', 8, 10)).toBe(9);
    expect(keyStep('a', 1, 10)).toBeNull();
  });
});

const line = (id: string, values: (number | null)[]): ChartSeries => ({ id, label: id.toUpperCase(), values });

describe("valueExtent (the frame's y-domain rule)", () => {
  const cases: { name: string; args: ExtentInput; expected: [number, number] }[] = [
    {
      name: 'series, baseline and band all count',
      args: { series: [line('a', [1, 5])], baseline: [line('a', [0.5, 2])], band: { lower: [0.2, 0.3], upper: [6, 7] } },
      expected: [0.2, 7],
    },
    { name: 'zero pulls the domain down to 0', args: { series: [line('a', [5, 8])], zero: true }, expected: [0, 8] },
    { name: 'zero pulls a loss up to 0', args: { series: [line('a', [-3, -1])], zero: true }, expected: [-3, 0] },
    { name: 'a flat line is padded by 5 %', args: { series: [line('a', [4, 4])] }, expected: [3.8, 4.2] },
    { name: 'all zero gives [0, 1]', args: { series: [line('a', [0, 0])], zero: true }, expected: [0, 1] },
    { name: 'nothing finite gives [0, 1]', args: { series: [line('a', [Number.NaN, null])] }, expected: [0, 1] },
    { name: 'gaps are skipped', args: { series: [line('a', [null, 3, Number.NaN, 9])] }, expected: [3, 9] },
    {
      name: 'stacked: 0 to the tallest stack, negatives and gaps count as 0',
      args: { series: [line('a', [1, 2]), line('b', [3, Number.NaN]), line('c', [-1, 1])], stacked: true },
      expected: [0, 4],
    },
    {
      name: 'stacked: a taller baseline total widens the domain',
      args: { series: [line('a', [1, 2])], baseline: [line('total', [5, 1])], stacked: true },
      expected: [0, 5],
    },
  ];
  for (const c of cases) it(c.name, () => expect(valueExtent(c.args)).toEqual(c.expected));
});

describe('frameLayout (margins, scales, ticks)', () => {
  const base: LayoutInput = {
    kind: 'xy',
    width: 560,
    height: 220,
    compact: false,
    x: q(12),
    xDomain: null,
    valueDomain: [0, 1234],
    rows: 0,
    seriesCount: 2,
  };
  const cases: {
    name: string;
    args: LayoutInput;
    expected: {
      width: number;
      height: number;
      innerW: number;
      innerH: number;
      x: number[];
      y: number[];
      xTicks: number[];
      yTicks: number[];
    };
  }[] = [
    {
      name: 'xy: x over the data, y niced from the value domain',
      args: base,
      expected: {
        width: 560,
        height: 220,
        innerW: 490,
        innerH: 178,
        x: [1, 12],
        y: [0, 1400],
        xTicks: [1, 2, 4, 6, 8, 10, 12],
        yTicks: [0, 200, 400, 600, 800, 1000, 1200, 1400],
      },
    },
    {
      name: 'xy compact: a fixed x extent (the horizon) and three y ticks',
      args: { ...base, width: 300, height: 170, compact: true, x: q(4), xDomain: [1, 40], valueDomain: [0.8, 0.95], seriesCount: 1 },
      expected: {
        width: 300,
        height: 170,
        innerW: 230,
        innerH: 128,
        x: [1, 40],
        y: [0.8, 0.95],
        xTicks: [1, 20, 40],
        yTicks: [0.8, 0.85, 0.9, 0.95],
      },
    },
    {
      name: 'bars: values across, rows of a label line and 16 px per series plus air',
      args: { ...base, kind: 'bars', width: 480, x: [], valueDomain: [-2.3, 4.1], rows: 3, seriesCount: 3 },
      expected: { width: 480, height: 266, innerW: 380, innerH: 240, x: [-4, 6], y: [0, 1], xTicks: [-4, -2, 0, 2, 4, 6], yTicks: [] },
    },
    {
      name: 'grid: square, at most 460 px',
      args: { ...base, kind: 'grid', width: 800, x: [3.125, 96.875], xDomain: [0, 100], valueDomain: [0, 100], rows: 16, seriesCount: 16 },
      expected: {
        width: 460,
        height: 436,
        innerW: 388,
        innerH: 388,
        x: [0, 100],
        y: [0, 100],
        xTicks: [0, 20, 40, 60, 80, 100],
        yTicks: [0, 20, 40, 60, 80, 100],
      },
    },
    {
      name: 'grid: at least 160 px on a narrow screen',
      args: { ...base, kind: 'grid', width: 120, x: [3.125, 96.875], xDomain: [0, 100], valueDomain: [0, 100], rows: 16, seriesCount: 16 },
      expected: {
        width: 160,
        height: 136,
        innerW: 88,
        innerH: 88,
        x: [0, 100],
        y: [0, 100],
        xTicks: [0, 20, 40, 60, 80, 100],
        yTicks: [0, 20, 40, 60, 80, 100],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const l = frameLayout(c.args);
      expect({
        width: l.width,
        height: l.height,
        innerW: l.innerW,
        innerH: l.innerH,
        x: l.xScale.domain(),
        y: l.yScale.domain(),
        xTicks: l.xTicks,
        yTicks: l.yTicks,
      }).toEqual(c.expected);
      expect(l.xScale.range()).toEqual([0, l.innerW]);
    });
  }
  it('bars: one band per category, top to bottom, inside the plot', () => {
    const l = frameLayout({ ...base, kind: 'bars', rows: 3, seriesCount: 2 });
    expect(l.rowScale!.domain()).toEqual([0, 1, 2]);
    expect(l.rowScale!(0)!).toBeLessThan(l.rowScale!(2)!);
    expect(l.rowScale!(2)! + l.rowScale!.bandwidth()).toBeLessThanOrEqual(l.innerH);
  });
  it('heatScale: diverges around zero, clamps, and reports the extent with 0 in it', () => {
    const h = heatScale([line('r0', [-50, 0]), line('r1', [100, Number.NaN])]);
    expect(h.extent).toEqual([-50, 100]);
    expect(h.color(0)).toBe('rgb(244, 244, 242)');
    expect(h.color(-50)).toBe('rgb(179, 84, 30)');
    expect(h.color(500)).toBe('rgb(11, 92, 173)');
  });
});

describe('layer paths', () => {
  const X = (v: number) => v * 10;
  const Y = (v: number) => 100 - v;
  const cases: { name: string; args: () => unknown; expected: unknown }[] = [
    { name: 'linePath: a line through every point', args: () => linePath([1, 2, 3], [0, 10, 20], X, Y), expected: 'M10,100L20,90L30,80' },
    {
      name: 'linePath: a missing value leaves a gap',
      args: () => linePath([1, 2, 3, 4], [0, null, 5, 6], X, Y),
      expected: 'M10,100ZM30,95L40,94',
    },
    { name: 'linePath: values beyond x are not drawn', args: () => linePath([1, 2], [0, 10, 20], X, Y), expected: 'M10,100L20,90' },
    {
      name: 'linePath: nothing finite draws nothing',
      args: () => linePath([1, 2, 3], [Number.NaN, Number.NaN, Number.NaN], X, Y),
      expected: '',
    },
    {
      name: 'lonePoints: a value with no finite neighbour (which a line cannot show), and none beyond x',
      args: () => lonePoints([1, 2, 3, 4, 5], [5, null, 7, 8, null, 9], X, Y),
      expected: [{ i: 0, cx: 10, cy: 95 }],
    },
    {
      name: 'lonePoints: the last quarter alone, after a run of gaps',
      args: () => lonePoints([1, 2, 3], [Number.NaN, null, 4], X, Y),
      expected: [{ i: 2, cx: 30, cy: 96 }],
    },
    {
      name: 'bandPath: upper edge out, lower edge back',
      args: () => bandPath([1, 2, 3], [1, 2, 3], [5, 6, 7], X, Y),
      expected: 'M10,95L20,94L30,93L30,97L20,98L10,99Z',
    },
    {
      name: 'bandPath: a gap splits the band',
      args: () => bandPath([1, 2, 3], [1, Number.NaN, 3], [5, 6, 7], X, Y),
      expected: 'M10,95L10,99ZM30,93L30,97Z',
    },
    {
      name: 'stackedPaths: each layer sits on the one below; negatives count as 0',
      args: () => stackedPaths([1, 2], [line('a', [1, 2]), line('b', [3, -1])], X, Y),
      expected: [
        { id: 'a', d: 'M10,99L20,98L20,100L10,100Z' },
        { id: 'b', d: 'M10,96L20,98L20,98L10,99Z' },
      ],
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.args()).toEqual(c.expected));
});

describe('data table and readout', () => {
  const fmt = (v: number) => v.toFixed(1);
  const words: ReadoutInput = {
    kind: 'xy',
    x: [1, 2],
    categories: [],
    series: [line('ret', [0.5, 0.75]), line('new', [3, null])],
    baseline: [line('ret', [0.25, 1]), line('total', [9, 8])],
    band: { lower: [0.1, 0.2], upper: [0.9, 1] },
    markers: [{ id: 'cut', x: 2, label: 'Budget cut' }],
    labels: { baseline: 'baseline', difference: 'difference', band: '10–90 %', median: 'median' },
    xLabel: 'Quarter',
    yLabel: '',
    format: fmt,
    diffFormat: (v) => (v > 0 ? '+' : '') + fmt(v),
    xFormat: String,
  };
  it('xy: a column per series, its baseline beside it, then stand-alone baselines and the band', () => {
    expect(chartTable(words)).toEqual({
      corner: 'Quarter',
      columns: [
        { key: 'ret', label: 'RET' },
        { key: 'ret:baseline', label: 'RET (baseline)' },
        { key: 'new', label: 'NEW' },
        { key: 'total:baseline', label: 'TOTAL' },
        { key: 'band', label: '10–90 %' },
      ],
      rows: [
        { key: '1', label: '1', cells: ['0.5', '0.3', '3.0', '9.0', '0.1 – 0.9'] },
        { key: '2', label: '2', cells: ['0.8', '1.0', '–', '8.0', '0.2 – 1.0'] },
      ],
    });
  });
  it('xy: the readout compares with the baseline and names a marker at that quarter', () => {
    const r = readoutAt(words, 1);
    expect(r.title).toBe('Quarter 2');
    expect(readoutText(r)).toBe('Quarter 2: RET: 0.8 (baseline 1.0, difference -0.3); NEW: –; TOTAL: 8.0; 10–90 %: 0.2 – 1.0; Budget cut');
    expect(r.lines[0].color).toBe('var(--c1)');
    expect(readoutText(readoutAt(words, 0))).toBe(
      'Quarter 1: RET: 0.5 (baseline 0.3, difference +0.3); NEW: 3.0; TOTAL: 9.0; 10–90 %: 0.1 – 0.9',
    );
  });
  it('bars: one row per category, read by its label', () => {
    const bars: ReadoutInput = {
      ...words,
      kind: 'bars',
      x: [],
      categories: [
        { id: 'us', label: 'Us' },
        { id: 'them', label: 'Them' },
      ],
      baseline: [],
      band: null,
      markers: [],
      xLabel: 'Offer',
    };
    expect(chartTable(bars).rows).toEqual([
      { key: 'us', label: 'Us', cells: ['0.5', '3.0'] },
      { key: 'them', label: 'Them', cells: ['0.8', '–'] },
    ]);
    expect(readoutText(readoutAt(bars, 0))).toBe('Us: RET: 0.5; NEW: 3.0');
  });
  it('grid: rows are the series, columns the x positions, the corner names both axes', () => {
    const grid: ReadoutInput = {
      ...words,
      kind: 'grid',
      x: [5, 15],
      series: [line('r0', [1, 2]), line('r1', [3, 4])],
      baseline: [],
      band: null,
      yLabel: 'Retention spend',
      xLabel: 'Acquisition spend',
      xFormat: (v) => `${v}`,
    };
    expect(chartTable(grid)).toEqual({
      corner: 'Retention spend \\ Acquisition spend',
      columns: [
        { key: '0', label: '5' },
        { key: '1', label: '15' },
      ],
      rows: [
        { key: 'r0', label: 'R0', cells: ['1.0', '2.0'] },
        { key: 'r1', label: 'R1', cells: ['3.0', '4.0'] },
      ],
    });
  });
});

describe('pathEnd (where an exported baseline gets its label)', () => {
  it.each([
    ['M0,10L20,5L40,7.5', [40, 7.5]],
    ['M1,2', [1, 2]],
    ['M0,1e-3L2.5e2,-4', [250, -4]],
    ['', null],
  ])('%s → %j', (d, end) => {
    expect(pathEnd(d)).toEqual(end);
  });
});

describe('spans in the table and the readout', () => {
  const input: ReadoutInput = {
    kind: 'xy',
    x: [1, 2, 3, 4],
    categories: [],
    series: [{ id: 'r', label: 'Retention', values: [0.9, 0.8, 0.85, 0.9] }],
    baseline: [],
    band: null,
    markers: [],
    spans: [
      { id: 'a', from: 2, to: 3, label: 'Rival promotion: Consumers', legend: 'Rival promotion' },
      { id: 'b', from: 3, to: 3, label: 'Bonds removed: Consumers', legend: 'Bonds removed' },
    ],
    labels: { baseline: 'baseline', difference: 'difference', band: 'band', median: 'median', events: 'Events' },
    xLabel: 'Quarter',
    yLabel: '',
    format: (v) => `${Math.round(v * 100)}%`,
    diffFormat: (v) => String(v),
    xFormat: String,
  };
  it('adds an events column naming what acted in each quarter', () => {
    const table = chartTable(input);
    expect(table.columns.map((c) => c.label)).toEqual(['Retention', 'Events']);
    expect(table.rows.map((r) => r.cells[1])).toEqual([
      '–',
      'Rival promotion: Consumers',
      'Rival promotion: Consumers; Bonds removed: Consumers',
      '–',
    ]);
  });
  it('names the events of a quarter in its readout', () => {
    expect(readoutText(readoutAt(input, 2))).toBe('Quarter 3: Retention: 85%; Rival promotion: Consumers; Bonds removed: Consumers');
    expect(readoutText(readoutAt(input, 0))).toBe('Quarter 1: Retention: 90%');
  });
});
