// Turns a series into the data for a one-line spoken summary ("Retention fell from 91 % to 84 % after quarter 6").
// Returns a string key and named values only: the caller translates with its own t(); never concatenate sentences here.

export type TrendKind = 'rose' | 'fell' | 'flat';

export interface Trend {
  kind: TrendKind;
  from: number;
  to: number;
  /** The last quarter before the main change, when the series stayed level at first; null otherwise. */
  after: number | null;
}

/**
 * Describes a series by its first and last value. A change smaller than `flatTolerance` (relative to the
 * largest absolute value, or absolute when `absolute` is set) counts as flat. `after` is the last x at which
 * the series was still within 15 % of the way from `from` to `to`, if that is beyond the first point.
 */
export function describeTrend(
  xs: readonly number[],
  values: readonly number[],
  options: { flatTolerance?: number; absolute?: boolean } = {},
): Trend | null {
  const pts: { x: number; v: number }[] = [];
  for (let i = 0; i < values.length && i < xs.length; i++) {
    if (Number.isFinite(values[i])) pts.push({ x: xs[i], v: values[i] });
  }
  if (pts.length === 0) return null;
  const from = pts[0].v;
  const to = pts[pts.length - 1].v;
  const change = to - from;
  const scale = options.absolute ? 1 : Math.max(Math.abs(from), Math.abs(to), 1e-12);
  const tol = options.flatTolerance ?? 0.01;
  if (Math.abs(change) / scale <= tol || pts.length < 2) return { kind: 'flat', from, to, after: null };
  let after: number | null = null;
  for (let i = 0; i < pts.length - 1; i++) {
    const progress = (pts[i].v - from) / change;
    if (progress <= 0.15) after = pts[i].x;
    else break;
  }
  if (after === pts[0].x) after = null;
  return { kind: change > 0 ? 'rose' : 'fell', from, to, after };
}

/** The string key suffix for a trend: rose | roseAfter | fell | fellAfter | flat. */
export function trendKey(trend: Trend): string {
  if (trend.kind === 'flat') return 'flat';
  return trend.after === null ? trend.kind : `${trend.kind}After`;
}
