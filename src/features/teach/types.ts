// Plain data shapes that Astro pages hand to the teach islands (already translated, JSON-safe).
// No engine types here, so islands that only need these stay small.
import type { ChartSeries } from '@/kit/charts/types';
import type { DecisionValue } from './resultFile';

/** A control of a scenario as the board and the link builder show it (labels in the page's language). */
export interface CatalogControl {
  id: string;
  label: string;
  /** Level presets hold a level's name; the others numbers. */
  levelPreset: boolean;
  /** Its value in the scenario's starting strategy. */
  initial: DecisionValue;
  /** Locked by the scenario itself (a class link cannot lock it again). */
  locked: boolean;
}

/**
 * A scenario as the class board and the link builder need it, prepared at build time (collection.ts): those
 * pages run no engine and ship no schema.
 */
export interface CatalogScenario {
  id: string;
  version: number;
  title: string;
  seed: string;
  rounds: number;
  quartersPerRound: number;
  goalMetric: 'customerEquity' | 'cumulativeDiscountedProfit' | 'retentionRate' | 'meanSatisfaction';
  goalTarget: number;
  controls: CatalogControl[];
}

/** One of Teach's time charts (RunCharts.svelte): translated caption and summary, locale formatters. */
export interface RunChart {
  id: string;
  caption: string;
  series: ChartSeries[];
  format: (v: number) => string;
  /** Ticks in the short form with as many digits as it takes for each to read differently (money, counts). */
  shortTicks?: boolean;
  yDomain?: [number, number] | null;
  zero?: boolean;
  summary?: string;
}
