// The mini market lab behind <Predict lab="market">: it reads the main lab's query (so "open on its own page" opens
// the same situation), its own view keys, and its runs equal the main lab's runs of the same settings.
import { describe, expect, it } from 'vitest';
import { simulate, getPreset, uniformLevelStrategy, defaultStrategy } from '@sim/index';
import {
  SPEND_MULTIPLES,
  computeOutcome,
  miniQuery,
  miniSchema,
  parseMiniQuery,
  planRuns,
  segmentLevel,
  spendMultipleOf,
  scaledSpendSettings,
  withSegmentLevel,
} from '@/features/concept-labs/marketMini';
import { decodeSettings } from '@/features/market-lab/urlState';
import { labLimits } from '@/features/market-lab/limits';
import { labPath } from '@/features/concept-labs/registry';
import { defaults, parseQuery, serializeQuery } from '@/kit/urlState';

describe('mini lab query', () => {
  it('reads the main lab keys and its own, and writes them back the same', () => {
    const q = 'v=1&m=kotler-few-high&s.customers=partnership&watch=levels';
    const p = parseMiniQuery(q);
    expect(p.problems).toEqual([]);
    expect(p.settings.marketId).toBe('kotler-few-high');
    expect(segmentLevel(p.settings, 'customers')).toBe('partnership');
    expect(p.view).toBe('levels');
    expect(p.compare).toBe('none');
    expect(parseMiniQuery(miniQuery(p))).toMatchObject({ settings: p.settings, view: 'levels', compare: 'none', problems: [] });
  });

  it('the standalone link is the main lab with the same settings and without the view keys', () => {
    const q = 'v=1&m=competitive&pr=4&watch=loyalty&vs=default';
    const path = labPath('en', 'market', q);
    expect(path).toBe('/en/lab/?v=1&m=competitive&pr=4');
    const main = decodeSettings(path.split('?')[1]!, labLimits);
    expect(main.problems).toEqual([]);
    expect(main.settings).toEqual(parseMiniQuery(q).settings);
  });

  it('reports bad keys and values like every lab, keeping defaults', () => {
    const p = parseMiniQuery('v=1&watch=charts&s.consumers=gold&zzz=1');
    expect(p.view).toBe('time');
    expect(p.problemCount).toBe(3);
    expect(p.problems.map((x) => x.kind).sort()).toEqual(['invalid', 'invalid', 'unknown']);
  });

  it('its schema round-trips its defaults through the kit codec', () => {
    const schema = miniSchema();
    const d = defaults(schema);
    expect(parseQuery(schema, serializeQuery(schema, d))).toMatchObject({ state: d, problems: [] });
  });
});

describe('mini lab runs', () => {
  it('the run is the main lab run of the same settings (seed, horizon, market, strategy)', () => {
    const p = parseMiniQuery('v=1&m=kotler-few-high&s.customers=partnership&watch=time');
    const o = computeOutcome(p);
    const m = getPreset('kotler-few-high');
    const direct = simulate(m, uniformLevelStrategy(m, 'partnership'), { seed: 2026, quarters: 40 });
    expect(o.run.customerEquity).toEqual(direct.overall.map((r) => r.customerEquity));
    expect(o.comparison).toBeNull();
  });

  it('plans a comparison and the sweeps only when the view needs them', () => {
    const ids = (q: string) => planRuns(parseMiniQuery(q)).map((r) => r.id);
    expect(ids('v=1&watch=time')).toEqual(['run']);
    expect(ids('v=1&watch=segments&vs=basic')).toEqual(['run', 'comparison']);
    expect(ids('v=1&watch=levels')).toHaveLength(6);
    expect(ids('v=1&watch=spend')).toHaveLength(1 + SPEND_MULTIPLES.length);
  });

  it('the comparison replaces only the levels: every segment at the default, or at one level', () => {
    const p = parseMiniQuery('v=1&pr=4&s.consumers=basic&watch=segments&vs=default');
    const o = computeOutcome(p);
    const m = getPreset('default');
    const direct = simulate(m, { ...defaultStrategy(m), promiseLevel: 4 }, { seed: 2026, quarters: 40 });
    expect(o.comparison!.finalEquity).toBe(direct.overall.at(-1)!.customerEquity);
    expect(o.run.finalEquity).not.toBe(o.comparison!.finalEquity);
  });

  it('knows a uniform multiple of the default spending, and only that', () => {
    const d = parseMiniQuery('v=1').settings;
    expect(spendMultipleOf(d)).toBe(1);
    expect(spendMultipleOf(scaledSpendSettings(d, 3))).toBeCloseTo(3, 9);
    expect(spendMultipleOf(withSegmentLevel(d, 'consumers', 'partnership'))).toBeNull();
    const three = parseMiniQuery('v=1&s.consumers=3,0,0,0&s.small-business=6,18,0,0&s.key-accounts=15,45,120,0');
    expect(three.problems).toEqual([]);
    expect(spendMultipleOf(three.settings)).toBeCloseTo(3, 9);
  });

  it('sums the Jones & Sasser diagnostic over segments into five bands', () => {
    const o = computeOutcome(parseMiniQuery('v=1&m=competitive&watch=loyalty'));
    expect(o.run.bands.map((b) => b.band)).toEqual([1, 2, 3, 4, 5]);
    const band4 = o.run.bands[3]!;
    expect(band4.customers).toBeGreaterThan(0);
    expect(band4.defectionRate).toBeGreaterThan(0);
    expect(band4.defectionRate).toBeLessThan(1);
  });
});
