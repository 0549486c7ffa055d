// How Teach writes figures where rounds must be told apart: axis ticks with as many digits as it takes for every
// tick to read differently (never two ticks "1.1M"), and round boundaries on time charts. Pure: the ticks follow
// the chart frame's own layout rule, so the labels match what it draws.
import { frameLayout, valueExtent } from '@/kit/charts/scales';
import type { ChartMarker, ChartSeries } from '@/kit/charts/types';
import type { Formatters } from '@/kit/format';

/** The value-axis ticks the chart frame draws for `series` (its own layout rule, at any width). */
export function valueTicks(series: readonly ChartSeries[], options: { zero?: boolean; yDomain?: [number, number] | null } = {}): number[] {
  const valueDomain = options.yDomain ?? valueExtent({ series, zero: options.zero ?? false });
  return frameLayout({
    kind: 'xy',
    width: 600,
    height: 220,
    compact: false,
    x: [],
    xDomain: [0, 1],
    valueDomain,
    rows: 0,
    seriesCount: series.length,
  }).yTicks;
}

/**
 * A tick formatter for an xy chart of `series`: the short form with the fewest significant digits (2 to 6)
 * that writes each of the frame's ticks differently.
 */
export function distinctTickFormat(
  series: readonly ChartSeries[],
  fmt: Pick<Formatters, 'compactTo'>,
  options: { zero?: boolean; yDomain?: [number, number] | null } = {},
): (v: number) => string {
  const ticks = valueTicks(series, options);
  for (let digits = 2; digits < 6; digits++) {
    const labels = ticks.map((v) => fmt.compactTo(v, digits));
    if (new Set(labels).size === labels.length) return (v) => fmt.compactTo(v, digits);
  }
  return (v) => fmt.compactTo(v, 6);
}

/** Dashed rules where each round after the first begins (between its first quarter and the one before). */
export function roundMarkers(rounds: number, quartersPerRound: number, label: (round: number) => string): ChartMarker[] {
  return Array.from({ length: Math.max(0, rounds - 1) }, (_, k) => ({
    id: `round-${k + 2}`,
    x: (k + 1) * quartersPerRound + 0.5,
    label: label(k + 2),
  }));
}
