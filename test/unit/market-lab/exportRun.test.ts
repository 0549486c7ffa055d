// CSV and JSON export of a lab run: the CSV equals the command line's for the same run (the columns themselves are
// tested in simulations/csv.test.ts); the JSON holds seed, settings, version and series.
import { describe, expect, it } from 'vitest';
import { simulate, MODEL_VERSION } from '@sim/index';
import { runToCsv, runToJson } from '@/features/market-lab/exportRun';
import { RUN_COLUMNS } from '@sim/columns';
import { main } from '@sim/cli';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { decodeSettings, encodeSettings } from '@/features/market-lab/urlState';

const settings = { ...defaultSettings('default'), quarters: 6, seed: 77 };
const run = simulate(marketById('default'), toStrategy(settings), toRunOptions(settings));
const query = encodeSettings(settings, labLimits);

describe('runToCsv', () => {
  it('is the file the command line writes for the same run, byte for byte', () => {
    let out = '';
    const args = ['--preset', 'default', '--seed', String(settings.seed), '--quarters', String(settings.quarters), '--format', 'csv'];
    const code = main(args, { stdout: (s) => (out += s), stderr: () => {}, readFile: () => '' });
    expect(code).toBe(0);
    expect(runToCsv(run)).toBe(out);
    expect(out.split('\n')[0]).toBe(RUN_COLUMNS.map((c) => c.id).join(','));
    expect(out).not.toMatch(/^#/m);
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
