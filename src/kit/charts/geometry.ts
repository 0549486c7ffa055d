// Small pure helpers for the chart components: margins, integer quarter ticks, nearest index.
// No DOM access here so Vitest can test it in Node.

export const MARGIN = { top: 12, right: 14, bottom: 30, left: 56 } as const;

/** Integer ticks for an x axis of quarters, at most `maxTicks` of them. */
export function quarterTicks(xs: readonly number[], maxTicks: number): number[] {
  if (xs.length === 0) return [];
  const first = xs[0];
  const last = xs[xs.length - 1];
  const span = Math.max(1, last - first);
  const wanted = Math.max(2, Math.floor(maxTicks));
  const raw = span / (wanted - 1);
  const steps = [1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100];
  const step = steps.find((s) => s >= raw) ?? Math.ceil(raw);
  const out: number[] = [];
  const start = Math.ceil(first / step) * step;
  for (let v = start; v <= last; v += step) out.push(v);
  if (out[0] !== first && first % 1 === 0 && (out.length === 0 || out[0] - first >= step / 2)) out.unshift(first);
  return out;
}

/** Index of the x value closest to `value` (xs sorted ascending). */
export function nearestIndex(xs: readonly number[], value: number): number {
  if (xs.length === 0) return -1;
  let best = 0;
  let bestDist = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const d = Math.abs(xs[i] - value);
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  }
  return best;
}

/** Clamp a focus index into [0, n-1] after a key press. */
export function keyStep(key: string, index: number, n: number): number | null {
  if (n === 0) return null;
  const page = Math.max(1, Math.round(n / 10));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(n - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, index - 1);
    case 'PageUp':
      return Math.min(n - 1, index + page);
    case 'PageDown':
      return Math.max(0, index - page);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}

export function isFiniteNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
