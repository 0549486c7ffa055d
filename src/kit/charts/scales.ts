// The chart frame's domain rule, layout and d3 scales as pure functions of its props and width.
// No DOM here, so Vitest checks them in Node; the frame only binds its width and calls these.
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { MARGIN, isFiniteNumber, quarterTicks } from './geometry';
import type { ChartBand, ChartKind, ChartSeries } from './types';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ExtentInput {
  series: readonly ChartSeries[];
  baseline?: readonly ChartSeries[] | null;
  band?: ChartBand | null;
  /** Series stacked on each other (their values must be ≥ 0): the domain runs from 0 to the tallest stack. */
  stacked?: boolean;
  /** Include zero (counts, money, bars). */
  zero?: boolean;
}

/**
 * The value domain from the data: every finite value of the series, the baseline and the band (or the tallest
 * stack). A flat line is padded by 5 % so it sits mid-plot; data that are all zero give [0, 1].
 */
export function valueExtent({ series, baseline = null, band = null, stacked = false, zero = false }: ExtentInput): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number | null | undefined) => {
    if (!isFiniteNumber(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  if (stacked) {
    const n = series.reduce((m, s) => Math.max(m, s.values.length), 0);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (const s of series) {
        const v = s.values[i];
        if (isFiniteNumber(v)) total += Math.max(0, v);
      }
      take(total);
    }
    lo = 0;
  } else {
    for (const s of series) for (const v of s.values) take(v);
    if (band) {
      for (const v of band.lower) take(v);
      for (const v of band.upper) take(v);
    }
  }
  for (const s of baseline ?? []) for (const v of s.values) take(v);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (zero || stacked) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  if (lo === hi) {
    if (lo === 0) return [0, 1];
    const pad = Math.abs(lo) * 0.05;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

export interface LayoutInput {
  kind: ChartKind;
  /** The plot's width on screen (bound from the page). */
  width: number;
  /** Height of an xy chart; bar and grid charts size themselves from their rows. */
  height: number;
  compact: boolean;
  /** Positions along x: quarters, spend levels (xy, grid). */
  x: readonly number[];
  xDomain: [number, number] | null;
  /** The value domain (xy: y; bars: x) or the y extent of a grid. */
  valueDomain: [number, number];
  /** Rows of a bar chart (categories) or of a grid (series). */
  rows: number;
  /** Series per category of a bar chart (each gets a thin bar). */
  seriesCount: number;
}

export interface FrameLayout {
  margin: Margin;
  /** Size of the SVG. */
  width: number;
  height: number;
  /** Size of the plotting area inside the margins. */
  innerW: number;
  innerH: number;
  /** Horizontal scale: x positions (xy, grid) or values (bars). */
  xScale: ScaleLinear<number, number>;
  /** Vertical scale: values (xy) or y positions (grid); a bar chart places its rows with `rowScale` instead. */
  yScale: ScaleLinear<number, number>;
  /** Bars: one band per category (by index), top to bottom; its label takes the first `rowLabel` px of the band. */
  rowScale: ScaleBand<number> | null;
  rowLabel: number;
  xTicks: number[];
  yTicks: number[];
}

// Bars: the left margin holds the value written left of the longest negative bar; the category labels stand above
// their bars, so a long name ("Rival A (postal service)") is never cut, whatever the width or language.
const BAR_MARGIN: Margin = { top: 0, right: 56, bottom: 26, left: 44 };
const BAR_ROW_LABEL = 18;
// Right: room for half of the last x tick ("100"), which is centred on the plot's edge.
const GRID_MARGIN: Margin = { top: 8, right: 16, bottom: 40, left: 56 };

/** Margins, sizes, scales and ticks of a chart of `kind` at `width` pixels. */
export function frameLayout(p: LayoutInput): FrameLayout {
  if (p.kind === 'bars') {
    const margin = BAR_MARGIN;
    // Each category gets its label line and 16 px per series plus air: more series make taller rows, not thinner bars.
    const rowH = BAR_ROW_LABEL + p.seriesCount * 16 + 14;
    const innerH = p.rows * rowH;
    const innerW = Math.max(60, p.width - margin.left - margin.right);
    const xScale = scaleLinear().domain(p.valueDomain).range([0, innerW]).nice(4);
    const rowScale = scaleBand<number>()
      .domain(Array.from({ length: p.rows }, (_, i) => i))
      .range([0, innerH])
      .padding(0.15);
    return {
      margin,
      width: p.width,
      height: innerH + margin.top + margin.bottom,
      innerW,
      innerH,
      xScale,
      yScale: scaleLinear().range([innerH, 0]),
      rowScale,
      rowLabel: BAR_ROW_LABEL,
      xTicks: xScale.ticks(4),
      yTicks: [],
    };
  }
  if (p.kind === 'grid') {
    const margin = GRID_MARGIN;
    // A square plot: cells stay square, and it stops growing at 460 px so the page keeps room beside it.
    const size = Math.max(160, Math.min(p.width, 460));
    const inner = size - margin.left - margin.right;
    const xScale = scaleLinear()
      .domain(p.xDomain ?? extentOf(p.x))
      .range([0, inner]);
    const yScale = scaleLinear().domain(p.valueDomain).range([inner, 0]);
    return {
      margin,
      width: size,
      height: inner + margin.top + margin.bottom,
      innerW: inner,
      innerH: inner,
      xScale,
      yScale,
      rowScale: null,
      rowLabel: 0,
      xTicks: xScale.ticks(5),
      yTicks: yScale.ticks(5),
    };
  }
  const margin = MARGIN;
  const innerW = Math.max(40, p.width - margin.left - margin.right);
  const innerH = Math.max(40, p.height - margin.top - margin.bottom);
  const xScale = scaleLinear()
    .domain(p.xDomain ?? extentOf(p.x))
    .range([0, innerW]);
  const yScale = scaleLinear()
    .domain(p.valueDomain)
    .range([innerH, 0])
    .nice(p.compact ? 3 : 5);
  return {
    margin,
    width: p.width,
    height: p.height,
    innerW,
    innerH,
    xScale,
    yScale,
    rowScale: null,
    rowLabel: 0,
    xTicks: quarterTicks(p.xDomain ?? p.x, Math.max(2, Math.floor(innerW / (p.compact ? 70 : 56)))),
    yTicks: yScale.ticks(p.compact ? 3 : 5),
  };
}

function extentOf(x: readonly number[]): [number, number] {
  return x.length > 1 ? [x[0], x[x.length - 1]] : [0, 1];
}

/** Colours of a grid: losses orange, zero near white, gains blue (the ends of the legend too). */
export const HEAT_COLORS = ['#b3541e', '#f4f4f2', '#0b5cad'] as const;

/** The extent of a grid's values (always including 0) and a colour scale diverging around zero. */
export function heatScale(series: readonly ChartSeries[]): { extent: [number, number]; color: (v: number) => string } {
  let lo = 0;
  let hi = 0;
  for (const s of series)
    for (const v of s.values) {
      if (!isFiniteNumber(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  const color = scaleLinear<string>()
    .domain([lo < 0 ? lo : -1, 0, hi > 0 ? hi : 1])
    .range([...HEAT_COLORS])
    .clamp(true);
  return { extent: [lo, hi], color };
}
