// SVG path data the chart layers draw, from d3-shape and the frame's scales. Pure, so the shapes are tested in Node;
// the layers only wrap these in $derived and render the <path>.
import { area, line, stack, stackOffsetNone, stackOrderNone } from 'd3-shape';
import { isFiniteNumber } from './geometry';
import type { ChartSeries } from './types';

type Scale = (v: number) => number;

/** A line through the finite values; a missing value (NaN, null) leaves a gap. */
export function linePath(x: readonly number[], values: readonly (number | null)[], xScale: Scale, yScale: Scale): string {
  const gen = line<number>()
    .defined((i) => i < x.length && isFiniteNumber(values[i]))
    .x((i) => xScale(x[i]))
    .y((i) => yScale(values[i] as number));
  return gen(values.map((_, i) => i)) ?? '';
}

/**
 * Points with no finite neighbour on either side: a line draws nothing there (one quarter of a customer who arrived
 * in the last quarter, a value between two gaps), so the layer marks each with a dot.
 */
export function lonePoints(
  x: readonly number[],
  values: readonly (number | null)[],
  xScale: Scale,
  yScale: Scale,
): { i: number; cx: number; cy: number }[] {
  const ok = (i: number) => i >= 0 && i < x.length && isFiniteNumber(values[i]);
  const out: { i: number; cx: number; cy: number }[] = [];
  for (let i = 0; i < Math.min(x.length, values.length); i++)
    if (ok(i) && !ok(i - 1) && !ok(i + 1)) out.push({ i, cx: xScale(x[i]), cy: yScale(values[i] as number) });
  return out;
}

/** The area between `lower` and `upper` (a 10–90 % band), with gaps where either is missing. */
export function bandPath(x: readonly number[], lower: readonly number[], upper: readonly number[], xScale: Scale, yScale: Scale): string {
  const gen = area<number>()
    .defined((i) => i < x.length && isFiniteNumber(lower[i]) && isFiniteNumber(upper[i]))
    .x((i) => xScale(x[i]))
    .y0((i) => yScale(lower[i]))
    .y1((i) => yScale(upper[i]));
  return gen(lower.map((_, i) => i)) ?? '';
}

/** Series stacked bottom to top in their order (negative or missing values count as 0), one area each. */
export function stackedPaths(
  x: readonly number[],
  series: readonly ChartSeries[],
  xScale: Scale,
  yScale: Scale,
): { id: string; d: string }[] {
  const rows = x.map((_, i) => {
    const row: Record<string, number> = {};
    for (const s of series) {
      const v = s.values[i];
      row[s.id] = isFiniteNumber(v) ? Math.max(0, v) : 0;
    }
    return row;
  });
  const layers = stack<Record<string, number>>()
    .keys(series.map((s) => s.id))
    .order(stackOrderNone)
    .offset(stackOffsetNone)(rows);
  const gen = area<[number, number]>()
    .x((_, i) => xScale(x[i]))
    .y0((p) => yScale(p[0]))
    .y1((p) => yScale(p[1]));
  return layers.map((layer, k) => ({ id: series[k].id, d: gen(layer as unknown as [number, number][]) ?? '' }));
}
