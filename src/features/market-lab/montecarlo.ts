// Uncertainty over many seeds: which seeds to run and how to turn their series into a 10–90 % band and median.
// Pure functions (no engine, no DOM) so Vitest can test them and the worker only loops and posts progress.

/** Seeds for the N markets of a band: derived from the current seed, distinct, whole numbers below 2^32. */
export function bandSeeds(baseSeed: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push((baseSeed + (k + 1) * 2654435761) % 4294967296);
  return out;
}

/** Quantile of sorted values, linear between order statistics (the R-7 / Excel rule). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (p <= 0 || n === 1) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (h - lo);
}

export interface Band {
  lower: number[];
  median: number[];
  upper: number[];
}

/** Per quarter, the lower/median/upper quantiles across runs (runs × quarters). */
export function bandFromRuns(runs: readonly (readonly number[])[], lowerP = 0.1, upperP = 0.9): Band {
  const quarters = runs.reduce((m, r) => Math.max(m, r.length), 0);
  const band: Band = { lower: [], median: [], upper: [] };
  for (let q = 0; q < quarters; q++) {
    const col: number[] = [];
    for (const r of runs) if (q < r.length && Number.isFinite(r[q])) col.push(r[q]);
    col.sort((a, b) => a - b);
    band.lower.push(quantileSorted(col, lowerP));
    band.median.push(quantileSorted(col, 0.5));
    band.upper.push(quantileSorted(col, upperP));
  }
  return band;
}

/** Collects named series (e.g. equity, retention) run by run, then turns each into a band. */
export class BandCollector<K extends string> {
  private readonly runs = new Map<K, number[][]>();
  constructor(private readonly metrics: readonly K[]) {
    for (const m of metrics) this.runs.set(m, []);
  }
  add(series: Record<K, readonly number[]>): void {
    for (const m of this.metrics) this.runs.get(m)!.push([...series[m]]);
  }
  get count(): number {
    return this.runs.get(this.metrics[0])?.length ?? 0;
  }
  bands(): Record<K, Band> {
    const out = {} as Record<K, Band>;
    for (const m of this.metrics) out[m] = bandFromRuns(this.runs.get(m)!);
    return out;
  }
}

export type BandMetric = 'equity' | 'retention';
/** Per metric, one series per seed run (runs × quarters), as a worker posts them. */
export type SeedSeries = Record<BandMetric, number[][]>;

/** Splits seeds into `parts` interleaved shares (one per worker); together they hold every seed once. */
export function splitSeeds(seeds: readonly number[], parts: number): number[][] {
  const n = Math.max(1, Math.min(parts, seeds.length));
  const out: number[][] = Array.from({ length: n }, () => []);
  seeds.forEach((s, i) => out[i % n].push(s));
  return out;
}

/** Bands from the series of several workers (or one). */
export function bandsFromSeries(parts: readonly SeedSeries[]): Record<BandMetric, Band> {
  const collector = new BandCollector<BandMetric>(['equity', 'retention']);
  for (const p of parts) {
    for (let i = 0; i < p.equity.length; i++) collector.add({ equity: p.equity[i], retention: p.retention[i] });
  }
  return collector.bands();
}

/** Markets a growing band waits for before it is first drawn (fewer say little about a 10–90 % range). */
export const BAND_FIRST_DRAW = 10;
/** Shortest time between two redraws of a growing band (each redraw re-renders the charts and the status). */
export const BAND_REDRAW_MS = 250;

/**
 * A band being computed: runs are added as workers finish them, in any order; the band of all of them equals the
 * one-shot band (each quarter's values are sorted before the quantiles are read). Says when a redraw is due.
 */
export class BandProgress {
  private readonly collector = new BandCollector<BandMetric>(['equity', 'retention']);
  private drawnAt = -Infinity;
  constructor(
    readonly total: number,
    private readonly redrawMs = BAND_REDRAW_MS,
  ) {}
  add(series: SeedSeries): void {
    for (let i = 0; i < series.equity.length; i++) this.collector.add({ equity: series.equity[i], retention: series.retention[i] });
  }
  get count(): number {
    return this.collector.count;
  }
  /** True (and counted as drawn) when enough markets are in and the last redraw is at least redrawMs old, at time `now` (ms). */
  redrawDue(now: number): boolean {
    if (this.count < Math.min(this.total, BAND_FIRST_DRAW) || now - this.drawnAt < this.redrawMs) return false;
    this.drawnAt = now;
    return true;
  }
  bands(): Record<BandMetric, Band> {
    return this.collector.bands();
  }
}
