// URL codec of the main lab: round trips, and broken, foreign or out-of-range queries fall back to defaults with a notice.
import { describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings, parseInRange } from '@/features/market-lab/urlState';
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
    const { settings, ignored } = decodeSettings(q, labLimits);
    expect(ignored).toEqual([]);
    expect(settings).toEqual(s);
  });

  it('round-trips the defaults of every lab market', () => {
    for (const id of labLimits.marketIds) {
      const s = defaultSettings(id);
      expect(decodeSettings(encodeSettings(s, labLimits), labLimits)).toEqual({ settings: s, ignored: [] });
    }
  });

  it('an empty query gives the defaults silently', () => {
    expect(decodeSettings('', labLimits)).toEqual({ settings: defaults, ignored: [] });
  });

  const cases: { name: string; query: string; ignored: string[]; check?: (s: LabSettings) => void }[] = [
    { name: 'foreign query without a version', query: 'utm_source=x&seed=5', ignored: ['utm_source', 'seed'] },
    { name: 'another version', query: 'v=2&seed=5', ignored: ['v', 'seed'] },
    { name: 'out-of-range horizon', query: 'v=1&h=1000&seed=7', ignored: ['h'], check: (s) => expect(s.seed).toBe(7) },
    { name: 'negative seed', query: 'v=1&seed=-3', ignored: ['seed'] },
    { name: 'fractional seed', query: 'v=1&seed=2.5', ignored: ['seed'] },
    { name: 'exponent notation', query: 'v=1&q=1e1', ignored: ['q'] },
    { name: 'Infinity and NaN', query: 'v=1&pr=Infinity&q=NaN', ignored: ['pr', 'q'] },
    { name: 'promise above 5', query: 'v=1&pr=5.5', ignored: ['pr'] },
    { name: 'unknown market', query: 'v=1&m=atlantis&seed=9', ignored: ['m'], check: (s) => expect(s.marketId).toBe('default') },
    { name: 'unknown segment', query: 'v=1&s.pirates=basic', ignored: ['s.pirates'] },
    { name: 'unknown level name', query: 'v=1&s.consumers=platinum', ignored: ['s.consumers'] },
    { name: 'wrong number of investments', query: 'v=1&s.consumers=1,2,3', ignored: ['s.consumers'] },
    { name: 'investment out of range', query: 'v=1&s.consumers=1,2,3,99999', ignored: ['s.consumers'] },
    {
      name: 'markup in a parameter name is reported as plain text, shortened',
      query: 'v=1&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1',
      ignored: ['<img src=x onerror=alert…']
    },
    { name: 'valid parts are kept next to broken ones', query: 'v=1&seed=42&h=abc&q=4', ignored: ['h'], check: (s) => expect([s.seed, s.quality]).toEqual([42, 4]) }
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { settings, ignored } = decodeSettings(c.query, labLimits);
      expect(ignored).toEqual(c.ignored);
      if (c.check) c.check(settings);
      for (const k of ['quarters', 'promiseLevel', 'quality', 'acquisitionSpendPerQuarter'] as const) {
        if (c.ignored.includes({ quarters: 'h', promiseLevel: 'pr', quality: 'q', acquisitionSpendPerQuarter: 'acq' }[k])) {
          expect(settings[k]).toBe(defaults[k]);
        }
      }
    });
  }

  it('caps the number of reported names for a hostile query', () => {
    const q = 'v=1&' + Array.from({ length: 500 }, (_, i) => `junk${i}=1`).join('&');
    const { settings, ignored } = decodeSettings(q, labLimits);
    expect(ignored.length).toBe(8);
    expect(settings).toEqual(defaults);
  });

  it('keeps a segment set by preset name equal to the preset investments', () => {
    const { settings } = decodeSettings('v=1&s.small-business=basic', labLimits);
    expect(settings.investment['small-business']).toEqual({ reactive: 0, accountable: 0, proactive: 0, partnership: 0 });
  });
});

describe('parseInRange', () => {
  const r = { min: 1, max: 5, step: 0.1 };
  it.each([
    ['3', 3],
    [' 4.25 ', 4.3],
    ['1', 1],
    ['5', 5],
    ['0.9', null],
    ['5.01', null],
    ['', null],
    ['0x3', null],
    ['3,5', null],
    ['+3', null]
  ])('%j → %j', (raw, expected) => {
    expect(parseInRange(raw, r)).toBe(expected);
  });
});
