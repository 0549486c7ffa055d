// Data shapes shared by the chart components in this folder (LABS and TEACH reuse them).
// Plain data only: no strings are looked up here, callers pass translated labels in.

export interface ChartSeries {
  /** Stable id, used as the {#each} key and for colours. */
  id: string;
  /** Translated label for the legend, tooltip and data table. */
  label: string;
  /** One value per x position; NaN or null leaves a gap. */
  values: readonly (number | null)[];
  /** CSS colour; defaults to var(--c1)… in series order. */
  color?: string;
}

/** A 10–90 % band (or any lower/upper pair) with an optional median line. */
export interface ChartBand {
  lower: readonly number[];
  upper: readonly number[];
  median?: readonly number[];
  /** Index of the series the band belongs to (for its colour); default 0. */
  seriesIndex?: number;
}

/** Translated words the charts need; pass them from the page (no i18n inside charts). */
export interface ChartLabels {
  baseline: string;
  difference: string;
  band: string;
  median: string;
}

export const DEFAULT_COLORS = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)', 'var(--c6)'];

export function seriesColor(s: { color?: string }, i: number): string {
  return s.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length];
}
