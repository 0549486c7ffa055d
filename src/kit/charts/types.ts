// Data shapes shared by the chart frame and its layers (every area's charts use them).
// Plain data only: no strings are looked up here, callers pass translated labels in.

/** How the frame lays its scales out: values over a continuous x (lines, areas), grouped bars per category, or a grid of cells. */
export type ChartKind = 'xy' | 'bars' | 'grid';

export interface ChartSeries {
  /** Stable id, used as the {#each} key and for colours. */
  id: string;
  /** Translated label for the legend, tooltip and data table. */
  label: string;
  /** One value per x position (or per category); NaN or null leaves a gap. */
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

/** One row of a bar chart. */
export interface ChartCategory {
  id: string;
  label: string;
  /** In a waterfall: a total drawn from zero (the start and the end); other rows float on the running sum. */
  total?: boolean;
}

/**
 * A marked place on the plot: with `y`, a point (a star or a ring); without, an event on the x axis drawn as a
 * dashed rule. Markers appear in the legend and, on an xy chart, in the readout of their x position.
 */
export interface ChartMarker {
  id: string;
  x: number;
  y?: number;
  label: string;
  shape?: 'star' | 'ring';
}

/**
 * Something that acted over a stretch of x (a rival's promotion in quarters 7–8, a loyalty programme, a bond
 * removal): a shaded span behind the data, named in the legend, in the readout of each x it covers and in the data
 * table's events column. A one-quarter event has from = to.
 */
export interface ChartSpan {
  id: string;
  from: number;
  to: number;
  /** Names this span in the readout and the table ("Rival promotion (consumers)"). */
  label: string;
  /** Names its kind once in the legend ("Rival promotion"); spans with the same legend share one entry. */
  legend: string;
  /** CSS colour of the shading; default var(--c2). */
  color?: string;
}

/** Translated words the charts need; pass them from the page (no i18n inside charts). */
export interface ChartLabels {
  baseline: string;
  difference: string;
  band: string;
  median: string;
  /** Header of the data table's events column (needed when spans are given). */
  events?: string;
}

export const DEFAULT_COLORS = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)', 'var(--c6)'];

export function seriesColor(s: { color?: string }, i: number): string {
  return s.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length];
}
