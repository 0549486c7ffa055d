// URL codec of the main lab: round trips, and broken, foreign or out-of-range queries fall back to defaults with a notice.
import { describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings } from '@/features/market-lab/urlState';
import type { UrlProblem } from '@/kit/urlState';
import { labLimits, defaultSettings } from '@/features/market-lab/limits';
import type { LabSettings } from '@/features/market-lab/settings';

const defaults = defaultSettings('default');

function custom(): LabSettings {
  const s = defaultSettings('default');
  s.seed = 123456;
  s.quarters = 24;
  s.promiseLevel = 4.2;
  s.quality = 2.7;
  s.acquisitionSpendPerQuarter = 35000;
  s.investment['consumers'] = { reactive: 1.5, accountable: 0, proactive: 7, partnership: 0 };
  s.investment['key-accounts'] = labLimits.presetInvestment('default', 'key-accounts', 'partnership');
  return s;
}

describe('encodeSettings / decodeSettings', () => {
  it('round-trips custom settings exactly and reports nothing', () => {
    const s = custom();
    const q = encodeSettings(s, labLimits);
    expect(q).toContain('v=1');
    expect(q).toContain('s.key-accounts=partnership');
    const { settings, problems } = decodeSettings(q, labLimits);
    expect(problems).toEqual([]);
    expect(settings).toEqual(s);
  });

  it('round-trips the defaults of every lab market', () => {
    for (const id of labLimits.marketIds) {
      const s = defaultSettings(id);
      expect(decodeSettings(encodeSettings(s, labLimits), labLimits)).toEqual({
        settings: s,
        baseline: null,
        problems: [],
        problemCount: 0,
      });
    }
  });

  it('an empty query gives the defaults silently', () => {
    expect(decodeSettings('', labLimits)).toEqual({ settings: defaults, baseline: null, problems: [], problemCount: 0 });
  });

  /** What a notice names for a problem: the parameter, or the version for a link of another version. */
  const named = (ps: UrlProblem[]) => ps.map((p) => (p.kind === 'version' ? `v=${p.value}` : p.name));
  const cases: { name: string; query: string; ignored: string[]; check?: (s: LabSettings) => void }[] = [
    { name: 'foreign query without a version', query: 'utm_source=x&seed=5', ignored: ['utm_source', 'seed'] },
    { name: 'another version', query: 'v=2&seed=5&m=competitive', ignored: ['v=2'], check: (s) => expect(s).toEqual(defaults) },
    { name: 'out-of-range horizon', query: 'v=1&h=1000&seed=7', ignored: ['h'], check: (s) => expect(s.seed).toBe(7) },
    { name: 'negative seed', query: 'v=1&seed=-3', ignored: ['seed'] },
    { name: 'fractional seed', query: 'v=1&seed=2.5', ignored: ['seed'] },
    { name: 'exponent notation', query: 'v=1&q=1e1', ignored: ['q'] },
    { name: 'Infinity and NaN', query: 'v=1&pr=Infinity&q=NaN', ignored: ['pr', 'q'] },
    { name: 'promise above 5', query: 'v=1&pr=5.5', ignored: ['pr'] },
    {
      name: 'unknown market',
      query: 'v=1&m=atlantis&seed=9',
      ignored: ['m'],
      check: (s) => expect([s.marketId, s.seed]).toEqual(['default', 9]),
    },
    {
      name: 'another market with its own segments',
      query: 'v=1&m=competitive&seed=9',
      ignored: [],
      check: (s) => expect(s.marketId).toBe('competitive'),
    },
    { name: 'unknown segment', query: 'v=1&s.pirates=basic', ignored: ['s.pirates'] },
    { name: 'unknown level name', query: 'v=1&s.consumers=platinum', ignored: ['s.consumers'] },
    { name: 'wrong number of investments', query: 'v=1&s.consumers=1,2,3', ignored: ['s.consumers'] },
    { name: 'investment out of range', query: 'v=1&s.consumers=1,2,3,99999', ignored: ['s.consumers'] },
    // One rule everywhere: a repeated key is refused by name (this page used to take the first value).
    {
      name: 'a repeated key',
      query: 'v=1&seed=5&seed=6&q=4',
      ignored: ['seed'],
      check: (s) => expect([s.seed, s.quality]).toEqual([defaults.seed, 4]),
    },
    { name: 'a repeated market', query: 'v=1&m=competitive&m=default', ignored: ['m'], check: (s) => expect(s.marketId).toBe('default') },
    {
      name: 'markup in a parameter name is reported as plain text, shortened',
      query: 'v=1&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1',
      ignored: ['<img src=x onerror=alert…'],
    },
    {
      name: 'valid parts are kept next to broken ones',
      query: 'v=1&seed=42&h=abc&q=4',
      ignored: ['h'],
      check: (s) => expect([s.seed, s.quality]).toEqual([42, 4]),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { settings, problems } = decodeSettings(c.query, labLimits);
      expect(named(problems)).toEqual(c.ignored);
      if (c.check) c.check(settings);
      for (const k of ['quarters', 'promiseLevel', 'quality', 'acquisitionSpendPerQuarter'] as const) {
        if (c.ignored.includes({ quarters: 'h', promiseLevel: 'pr', quality: 'q', acquisitionSpendPerQuarter: 'acq' }[k])) {
          expect(settings[k]).toBe(defaults[k]);
        }
      }
    });
  }

  it('caps the number of reported names for a hostile query, and counts them all', () => {
    const q = 'v=1&' + Array.from({ length: 500 }, (_, i) => `junk${i}=1`).join('&');
    const { settings, problems, problemCount } = decodeSettings(q, labLimits);
    expect(problems.length).toBe(8);
    expect(problemCount).toBe(500);
    expect(settings).toEqual(defaults);
  });

  it('reads links written before the one codec (percent-encoded commas in a custom spend)', () => {
    const { settings, problems } = decodeSettings('v=1&s.consumers=1.5%2C0%2C7%2C0', labLimits);
    expect(problems).toEqual([]);
    expect(settings.investment['consumers']).toEqual({ reactive: 1.5, accountable: 0, proactive: 7, partnership: 0 });
  });

  it('keeps a segment set by preset name equal to the preset investments', () => {
    const { settings } = decodeSettings('v=1&s.small-business=basic', labLimits);
    expect(settings.investment['small-business']).toEqual({ reactive: 0, accountable: 0, proactive: 0, partnership: 0 });
  });
});
