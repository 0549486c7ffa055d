// Result files are untrusted: these tests feed malformed, huge and hostile input to the parser.
import { describe, expect, it } from 'vitest';
import {
  MAX_RESULT_BYTES,
  cleanName,
  createResultFile,
  fileNamePart,
  resultFileName,
  serializeResultFile,
  type CreateInput,
} from '@/features/teach/resultFile';
import { parseResultFile } from '@/features/teach/resultCheck';
import { MAX_QUARTERS, MAX_ROUNDS } from '@sim/limits';

const input: CreateInput = {
  scenarioId: 'demo',
  scenarioVersion: 1,
  seed: 'abc',
  locks: ['quality'],
  modelVersion: '1.0.0',
  decisions: [{ promiseLevel: 3 }, { promiseLevel: 4 }],
  claimed: { equity: [10, 12, 13, 15], retention: [0.8, 0.82, 0.81, 0.83], score: 15, goalMet: true },
  name: '  Li Lei  ',
};

describe('result file creation', () => {
  it('round-trips through text and keeps only the declared fields', () => {
    const file = createResultFile(input);
    const parsed = parseResultFile(serializeResultFile(file));
    expect(parsed).toEqual({ ok: true, file });
    expect(Object.keys(file).sort()).toEqual([
      'claimed',
      'decisions',
      'format',
      'formatVersion',
      'locks',
      'modelVersion',
      'name',
      'scenarioId',
      'scenarioVersion',
      'seed',
    ]);
    expect(file.name).toBe('Li Lei');
  });

  it("names the download after the student and the time, so a class's files never overwrite each other", () => {
    const at = new Date(2026, 10, 30, 14, 5);
    expect(resultFileName(createResultFile(input), at)).toBe('crm-lab-demo-li-lei-2026-11-30-1405.json');
    expect(resultFileName(createResultFile({ ...input, name: '王 小明' }), at)).toBe('crm-lab-demo-王-小明-2026-11-30-1405.json');
    expect(resultFileName(createResultFile({ ...input, name: 'Ann' }), new Date(2026, 0, 2, 3, 4))).toBe(
      'crm-lab-demo-ann-2026-01-02-0304.json',
    );
    // Characters a file system or a shell would trip over never reach the name.
    expect(fileNamePart('../../etc/passwd <x>|"*?')).toBe('etc-passwd-x');
    expect(fileNamePart('x'.repeat(100))).toHaveLength(40);
    // Without a name (only older pages allowed that) the seed stands in.
    const file = createResultFile({ ...input, name: '   ' });
    expect('name' in file).toBe(false);
    expect(resultFileName(file, at)).toBe('crm-lab-demo-abc-2026-11-30-1405.json');
  });

  it('holds the longest game a scenario allows (the model caps on rounds and quarters), and no more', () => {
    const longest = { ...input, decisions: Array.from({ length: MAX_ROUNDS }, () => ({ promiseLevel: 3 })) };
    const quarters = Array.from({ length: MAX_QUARTERS }, () => 0.9);
    const file = createResultFile({ ...longest, claimed: { ...input.claimed, equity: quarters, retention: quarters } });
    expect(parseResultFile(serializeResultFile(file))).toEqual({ ok: true, file });
    expect(() => createResultFile({ ...longest, decisions: [...longest.decisions, { promiseLevel: 3 }] })).toThrow(/decisions/);
    expect(() => createResultFile({ ...input, claimed: { ...input.claimed, equity: [...quarters, 1] } })).toThrow(/claimed\.equity/);
  });

  it('strips control and bidi characters from names and caps their length', () => {
    expect(cleanName('a\u202eb\u0000c')).toBe('abc');
    expect(cleanName('x'.repeat(500))?.length).toBe(60);
  });
});

describe('result file parsing rejects bad input one reason at a time', () => {
  const good = serializeResultFile(createResultFile(input));
  const mutate = (fn: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(good) as Record<string, unknown>;
    fn(o);
    return JSON.stringify(o);
  };

  it('refuses a huge file by its size before parsing', () => {
    expect(parseResultFile('{}', MAX_RESULT_BYTES + 1)).toMatchObject({ ok: false, reason: 'tooLarge' });
    const padded = good.replace('{', `{"pad":"${'x'.repeat(MAX_RESULT_BYTES)}",`);
    expect(parseResultFile(padded)).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it('refuses text that is not JSON', () => {
    expect(parseResultFile('not json {')).toMatchObject({ ok: false, reason: 'notJson' });
    expect(parseResultFile('')).toMatchObject({ ok: false, reason: 'notJson' });
  });

  it('refuses prototype-polluting keys anywhere in the tree', () => {
    const hostile = good.replace('"promiseLevel": 3', '"__proto__": {"polluted": 1}, "promiseLevel": 3');
    expect(parseResultFile(hostile)).toMatchObject({ ok: false, reason: 'hostile' });
    const ctor = good.replace('"format"', '"constructor": {"prototype": {"x": 1}}, "format"');
    expect(parseResultFile(ctor)).toMatchObject({ ok: false, reason: 'hostile' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses other JSON, other format versions and schema violations', () => {
    expect(parseResultFile('[1,2]')).toMatchObject({ ok: false, reason: 'notResult' });
    expect(parseResultFile('{"format":"something-else"}')).toMatchObject({ ok: false, reason: 'notResult' });
    expect(parseResultFile(mutate((o) => (o.formatVersion = 2)))).toMatchObject({ ok: false, reason: 'formatVersion' });
    expect(parseResultFile(mutate((o) => (o.seed = '<img src=x>')))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseResultFile(mutate((o) => (o.extra = 'email@example.com')))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseResultFile(mutate((o) => (o.decisions = [{ 'bad key!': 1 }])))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseResultFile(mutate((o) => (o.decisions = [])))).toMatchObject({ ok: false, reason: 'schema' });
    const badFigure = mutate((o) => ((o.claimed as { retention: unknown[] }).retention[0] = 'x'));
    expect(parseResultFile(badFigure)).toMatchObject({
      ok: false,
      reason: 'schema',
      detail: expect.stringContaining('claimed.retention.0'),
    });
  });

  it('survives deeply nested input without throwing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseResultFile(deep).ok).toBe(false);
  });
});
