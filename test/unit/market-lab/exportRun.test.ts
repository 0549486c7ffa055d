// CSV and JSON export of a lab run: header lines, column set, one row per quarter and scope, values that match the run.
import { describe, expect, it } from 'vitest';
import { simulate, MODEL_VERSION } from '@sim/index';
import { CSV_COLUMNS, csvCell, runToCsv, runToJson } from '@/features/market-lab/exportRun';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { decodeSettings, encodeSettings } from '@/features/market-lab/urlState';

const settings = { ...defaultSettings('default'), quarters: 6, seed: 77 };
const run = simulate(marketById('default'), toStrategy(settings), toRunOptions(settings));
const query = encodeSettings(settings, labLimits);

describe('runToCsv', () => {
  const csv = runToCsv(run, { query });
  const lines = csv.trimEnd().split('\n');
  const meta = lines.filter((l) => l.startsWith('#'));
  const body = lines.filter((l) => !l.startsWith('#'));

  it('starts with the model version, seed, market and settings', () => {
    expect(meta).toContain(`# modelVersion,${MODEL_VERSION}`);
    expect(meta).toContain('# seed,77');
    expect(meta).toContain('# market,default');
    expect(meta.find((l) => l.startsWith('# settings,'))).toBe(`# settings,${query}`);
  });

  it('has the header and one row per quarter for the firm and for each segment', () => {
    expect(body[0]).toBe(CSV_COLUMNS.join(','));
    const segs = Object.keys(run.bySegment);
    expect(body.length - 1).toBe(6 * (1 + segs.length));
    for (const row of body.slice(1)) expect(row.split(',')).toHaveLength(CSV_COLUMNS.length);
    const scopes = new Set(body.slice(1).map((r) => r.split(',')[0]));
    expect([...scopes]).toEqual(['all', ...segs]);
  });

  it('carries the engine numbers exactly', () => {
    const last = body[6].split(',');
    const col = (name: (typeof CSV_COLUMNS)[number]) => Number(last[CSV_COLUMNS.indexOf(name)]);
    const row = run.overall[5];
    expect(col('quarter')).toBe(row.quarter);
    expect(col('customers')).toBe(row.customers);
    expect(col('customerEquity')).toBe(row.customerEquity);
    expect(col('retentionRate')).toBe(row.retentionRate);
    expect(col('lost_competitor')).toBe(row.lost.competitor);
  });

  it('quotes and defuses risky text cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=cmd()')).toBe("'=cmd()");
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('runToJson', () => {
  it('holds seed, settings, model version and the series, and its query restores the settings', () => {
    const doc = JSON.parse(runToJson(run, settings, { query }));
    expect(doc.format).toBe('crm-lab-run');
    expect(doc.modelVersion).toBe(MODEL_VERSION);
    expect(doc.seed).toBe('77');
    expect(doc.settings).toEqual(settings);
    expect(doc.overall).toEqual(run.overall);
    expect(Object.keys(doc.bySegment)).toEqual(Object.keys(run.bySegment));
    expect(decodeSettings(doc.query, labLimits).settings).toEqual(settings);
  });
});
