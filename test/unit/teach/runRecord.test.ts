// The run record and its hash: the same run is one record and one SHA-256 however its file was written (key
// order, level by position, lock order, file or student name), and the hash is the standard SHA-256 (checked
// against Node's crypto, also on long and non-ASCII text); any change of what makes the run changes it.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sha256Hex } from '@/features/teach/sha256';
import { RUN_RECORD_VERSION, canonicalRunText, runHash, runRecordOf, type RunRecord } from '@/features/teach/runRecord';

const record: RunRecord = {
  scenarioId: 'demo',
  scenarioVersion: 2,
  modelVersion: '1.0.0',
  seed: 'class-7',
  locks: ['quality', 'promiseLevel'],
  decisions: [
    { promiseLevel: 3, 'levelPreset.customers': 'proactive' },
    { 'levelPreset.customers': 'basic', promiseLevel: 2.6 },
  ],
};

describe('sha256Hex', () => {
  it.each(['', 'abc', 'crm-lab', '顾客资产 and customer equity', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(10_000)])(
    'matches node:crypto for %j',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});

describe('the run record', () => {
  it('is canonical: key order, lock order and repeats, and levels by position do not change it', () => {
    const shuffled: RunRecord = {
      ...record,
      locks: ['promiseLevel', 'quality', 'quality'],
      decisions: [
        { 'levelPreset.customers': 3 as never, promiseLevel: 3 },
        { promiseLevel: 2.6, 'levelPreset.customers': 0 as never },
      ],
    };
    expect(runRecordOf(shuffled)).toEqual(runRecordOf(record));
    expect(canonicalRunText(shuffled)).toBe(canonicalRunText(record));
    expect(runHash(shuffled)).toBe(runHash(record));
    expect(runRecordOf(record).locks).toEqual(['promiseLevel', 'quality']);
    expect(canonicalRunText(record)).toContain(`"crm-lab-run",${RUN_RECORD_VERSION},`);
  });

  it.each([
    ['seed', { seed: 'class-8' }],
    ['scenario version', { scenarioVersion: 3 }],
    ['model version', { modelVersion: '1.0.1' }],
    ['locks', { locks: ['quality'] }],
    ['a decision', { decisions: [record.decisions[0], { ...record.decisions[1], promiseLevel: 2.7 }] }],
    ['the number of rounds', { decisions: [record.decisions[0]] }],
  ])('changes with the %s', (_, change) => {
    expect(runHash({ ...record, ...change })).not.toBe(runHash(record));
  });

  it('keeps nothing personal and nothing claimed', () => {
    const fromFile = runRecordOf({ ...record, name: 'Li Lei', claimed: { equity: [1e308] } } as never);
    expect(Object.keys(fromFile).sort()).toEqual(['decisions', 'locks', 'modelVersion', 'scenarioId', 'scenarioVersion', 'seed']);
  });
});
