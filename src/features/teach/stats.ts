// Small order statistics for the class board (spread of decisions per round).
// Pure and allocation-light; inputs are never mutated.

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** Min, median and max of the finite values; null when there are none. */
export function spread(values: readonly number[]): Spread | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { min: xs[0], median, max: xs[xs.length - 1], n: xs.length };
}
