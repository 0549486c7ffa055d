// Accuracy of the deterministic exp/log/pow against the built-ins (which may differ between
// engines in the last bit, which is why the engine does not use them).
import { describe, expect, it } from 'vitest';
import { dexp, dlog, dlogistic, dpow } from '../../../simulations/detmath.ts';

const REL = 4e-15; // stated accuracy: a few units in the last place

describe('detmath', () => {
  it('dexp matches Math.exp within 4e-15 relative on [−700, 700]', () => {
    let worst = 0;
    for (let k = 0; k <= 20000; k++) {
      const x = -700 + (1400 * k) / 20000 + (k % 13) * 1e-4;
      const a = dexp(x);
      const b = Math.exp(x);
      worst = Math.max(worst, Math.abs(a - b) / b);
    }
    expect(worst).toBeLessThan(REL);
  });
  it('dexp handles the edges', () => {
    expect(dexp(0)).toBe(1);
    expect(dexp(800)).toBe(Infinity);
    expect(dexp(-800)).toBe(0);
    expect(Number.isNaN(dexp(NaN))).toBe(true);
  });
  it('dlog matches Math.log within 4e-15 (relative, absolute near 1) over 600 decades', () => {
    let worst = 0;
    for (let k = 1; k <= 20000; k++) {
      const x = 10 ** (-300 + (600 * k) / 20000);
      worst = Math.max(worst, Math.abs(dlog(x) - Math.log(x)) / Math.max(1, Math.abs(Math.log(x))));
    }
    for (let k = 1; k <= 2000; k++) {
      const x = 1 + (k - 1000) * 1e-6;
      worst = Math.max(worst, Math.abs(dlog(x) - Math.log(x)) / Math.max(1e-300, Math.abs(Math.log(x))));
    }
    expect(worst).toBeLessThan(1e-13);
    expect(dlog(1)).toBe(0);
    expect(dlog(0)).toBe(-Infinity);
    expect(Number.isNaN(dlog(-1))).toBe(true);
  });
  it('dpow is exact for small integer powers and accurate otherwise', () => {
    expect(dpow(1.025, 4)).toBe(1.025 * 1.025 * (1.025 * 1.025));
    expect(dpow(3, 0)).toBe(1);
    for (const [a, b] of [
      [1.025, 0.25],
      [2, 10.5],
      [0.85, 37.3],
      [10, -3.2],
    ] as const)
      expect(Math.abs(dpow(a, b) / a ** b - 1)).toBeLessThan(1e-13);
  });
  it('dlogistic is symmetric and bounded', () => {
    expect(dlogistic(0)).toBe(0.5);
    expect(dlogistic(3) + dlogistic(-3)).toBeCloseTo(1, 15);
    expect(dlogistic(-1000)).toBe(0);
  });
  it('uses no transcendental built-ins in its source', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../../simulations/detmath.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/Math\.(exp|log|pow|expm1|log1p|log2|log10)\s*\(/);
  });
});
