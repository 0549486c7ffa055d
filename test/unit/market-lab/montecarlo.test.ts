// Uncertainty band: quantiles by the R-7 rule, bands per quarter, distinct derived seeds, and a real engine band.
import { describe, expect, it } from 'vitest';
import { BandCollector, bandFromRuns, bandSeeds, quantileSorted } from '@/features/market-lab/montecarlo';
import { bandForSettings, runSeeds } from '@/features/market-lab/jobs';
import { BAND_FIRST_DRAW, BandProgress, bandsFromSeries, splitSeeds, type SeedSeries } from '@/features/market-lab/montecarlo';
import { defaultSettings, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { simulate } from '@sim/index';

describe('quantileSorted', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 0.1, 1.4],
    [[1, 2, 3, 4, 5], 0.9, 4.6],
    [[10], 0.9, 10],
    [[0, 10], 0.25, 2.5],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ])('%j at %d → %d', (values, p, expected) => {
    expect(quantileSorted(values, p)).toBeCloseTo(expected, 12);
  });
  it('is NaN for no values', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('bandFromRuns', () => {
  it('takes quantiles across runs, quarter by quarter', () => {
    const runs = Array.from({ length: 11 }, (_, k) => [k, 100 - k * 10]);
    const band = bandFromRuns(runs);
    expect(band.lower).toEqual([1, 10]);
    expect(band.median).toEqual([5, 50]);
    expect(band.upper).toEqual([9, 90]);
  });
  it('collects named series', () => {
    const c = new BandCollector(['a', 'b'] as const);
    for (let k = 1; k <= 5; k++) c.add({ a: [k], b: [k * 2] });
    expect(c.count).toBe(5);
    expect(c.bands().b.median).toEqual([6]);
  });
});

describe('bandSeeds', () => {
  it('gives n distinct whole seeds below 2^32, reproducibly', () => {
    const s = bandSeeds(4294967295, 100);
    expect(new Set(s).size).toBe(100);
    expect(s.every((v) => Number.isInteger(v) && v >= 0 && v < 4294967296)).toBe(true);
    expect(bandSeeds(4294967295, 100)).toEqual(s);
  });
});

describe('bandForSettings', () => {
  it('brackets the median and reports progress to the end', () => {
    const settings = { ...defaultSettings('default'), quarters: 8 };
    let last = 0;
    const bands = bandForSettings(settings, 10, (done) => (last = done));
    expect(last).toBe(10);
    expect(bands.equity.median).toHaveLength(8);
    for (let q = 0; q < 8; q++) {
      expect(bands.equity.lower[q]).toBeLessThanOrEqual(bands.equity.median[q]);
      expect(bands.equity.median[q]).toBeLessThanOrEqual(bands.equity.upper[q]);
      expect(bands.retention.upper[q]).toBeLessThanOrEqual(1);
    }
    expect(bands.equity.upper[7]).toBeGreaterThan(bands.equity.lower[7]);
  });
});

describe('splitting the band over workers', () => {
  it('splitSeeds hands every seed to exactly one share', () => {
    const seeds = bandSeeds(1, 23);
    const parts = splitSeeds(seeds, 3);
    expect(parts).toHaveLength(3);
    expect(parts.flat().sort((a, b) => a - b)).toEqual([...seeds].sort((a, b) => a - b));
    expect(splitSeeds(seeds.slice(0, 2), 4)).toHaveLength(2);
  });
  it('bands from several shares equal the band from one run over all seeds', () => {
    const settings = { ...defaultSettings('default'), quarters: 6 };
    const seeds = bandSeeds(settings.seed, 12);
    const whole = bandForSettings(settings, 12);
    const parts = splitSeeds(seeds, 3).map((share) => runSeeds(settings, share));
    expect(bandsFromSeries(parts)).toEqual(whole);
  });
});

describe('runSeeds', () => {
  it('reads each seed’s equity and retention from the engine exactly as a full run gives them', () => {
    const settings = { ...defaultSettings('default'), quarters: 5 };
    const seeds = bandSeeds(settings.seed, 3);
    const series = runSeeds(settings, seeds);
    seeds.forEach((seed, i) => {
      const run = simulate(marketById('default'), toStrategy(settings), toRunOptions(settings, seed));
      expect(series.equity[i]).toEqual(run.overall.map((r) => r.customerEquity));
      expect(series.retention[i]).toEqual(run.overall.map((r) => r.retentionRate));
    });
  });
});

describe('BandProgress (the band drawn while its markets finish)', () => {
  it('gives exactly the one-shot band once every market is in, whatever order the workers’ runs arrive in', () => {
    const settings = { ...defaultSettings('default'), quarters: 6 };
    const n = 14;
    const whole = bandForSettings(settings, n);
    const shares = splitSeeds(bandSeeds(settings.seed, n), 2).map((share) => runSeeds(settings, share));
    // The second worker's runs first, in chunks of two, then the first worker's one by one, interleaved unevenly.
    const progress = new BandProgress(n);
    const chunks: SeedSeries[] = [];
    for (const [k, share] of [...shares.entries()].reverse()) {
      const size = k === 0 ? 1 : 2;
      for (let i = 0; i < share.equity.length; i += size)
        chunks.push({ equity: share.equity.slice(i, i + size), retention: share.retention.slice(i, i + size) });
    }
    const partial: number[] = [];
    for (const c of chunks) {
      progress.add(c);
      partial.push(progress.count);
    }
    expect(partial.at(-1)).toBe(n);
    expect(progress.bands()).toEqual(whole);
  });

  it('is first due once enough markets are in, then at most every redrawMs', () => {
    const p = new BandProgress(100, 250);
    const one = { equity: [[1, 2]], retention: [[0.9, 0.8]] };
    for (let i = 0; i < BAND_FIRST_DRAW - 1; i++) p.add(one);
    expect(p.redrawDue(0)).toBe(false);
    p.add(one);
    expect(p.redrawDue(10)).toBe(true);
    expect(p.redrawDue(200)).toBe(false);
    expect(p.redrawDue(260)).toBe(true);
    // A band of fewer markets than the first draw waits for all of them.
    const small = new BandProgress(3, 250);
    small.add(one);
    small.add(one);
    expect(small.redrawDue(0)).toBe(false);
    small.add(one);
    expect(small.redrawDue(0)).toBe(true);
  });
});
