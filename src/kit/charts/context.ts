// The context a ChartFrame gives its layers: its data, layout and scales, read through getters so that a layer's
// $derived values follow the frame's. Layers read it and draw; they never write to it or fetch data of their own.
import { createContext } from 'svelte';
import type { FrameLayout } from './scales';
import type { ChartBand, ChartCategory, ChartKind, ChartLabels, ChartMarker, ChartSeries, ChartSpan } from './types';

export interface ChartContext {
  readonly kind: ChartKind;
  readonly x: readonly number[];
  readonly categories: readonly ChartCategory[];
  readonly series: readonly ChartSeries[];
  readonly baseline: readonly ChartSeries[];
  readonly band: ChartBand | null;
  readonly markers: readonly ChartMarker[];
  readonly spans: readonly ChartSpan[];
  readonly labels: ChartLabels;
  readonly layout: FrameLayout;
  /** Fill of a grid cell for its value (grids only; diverging around zero). */
  readonly color: (v: number) => string;
  /** Formats a value for labels drawn on the plot (bar ends). */
  readonly format: (v: number) => string;
  /** The x index or category under the pointer or keyboard focus; −1 when none. */
  readonly focus: number;
}

export const [getChart, setChart] = createContext<ChartContext>();
