// Result files through the board's own path (checkFile: read, parse, re-simulate, hash; board.ts: judged against
// the class) with the real engine and scenario files: a genuine run verifies; edited decisions, figures or scores
// are caught and never shown; a run on another seed, or one that deleted `lock=…` from the class link and used
// the control, is flagged and not ranked; other model or scenario versions are named.
import { describe, expect, it } from 'vitest';
import { catalogScenario } from '@/features/teach/catalog';
import { makeChecker, type FileLike } from '@/features/teach/checkFile';
import { boardRows, classVerdict, rankRows, type CheckedFile, type ClassSettings } from '@/features/teach/board';
import { makeReplayContext, teachControls } from '@/features/teach/replay';
import { engines } from '@/features/teach/engines';
import { parseResultFile, verifyResultFile } from '@/features/teach/resultCheck';
import { serializeResultFile, type Decision, type ResultFile } from '@/features/teach/resultFile';
import { edit, genuineFile, loadScenarios, rounds } from './fixtures';

const scenarios = loadScenarios();
const scenario = scenarios.find((s) => s.id === 'expectation-trap')!;
const catalog = catalogScenario(scenario, 'en');
const check = makeChecker(scenarios);
const asFile = (f: ResultFile | string, name = 'file.json'): FileLike => {
  const text = typeof f === 'string' ? f : serializeResultFile(f);
  return { name, size: text.length, text: async () => text };
};
let keys = 0;
async function checked(f: ResultFile | string, name?: string): Promise<CheckedFile> {
  const c = await check(asFile(f, name));
  if (!c.ok) throw new Error(`not read: ${c.reason}`);
  return { ...c, key: `k${keys++}` };
}
const open = teachControls(scenario).filter((c) => !c.locked);
const promise = open.find((c) => c.id === 'promiseLevel')!;
const classA: ClassSettings = { scenarioId: scenario.id, seed: 'class-7', locks: [] };
const withPromise = (value: number): Decision[] => rounds(scenario, { promiseLevel: value });

describe('a file checked by re-simulation', () => {
  const file = genuineFile(scenario, 'class-7', withPromise(3.2), { name: 'Ann' });

  it('verifies a genuine file and carries the re-simulated run, not the claimed one', async () => {
    const c = await checked(file);
    expect(c.verification.verdict).toEqual({ status: 'genuine' });
    expect(c.verification.truth!.equity).toEqual(file.claimed.equity);
    expect(c.name).toBe('Ann');
    expect(classVerdict(c, classA, catalog)).toEqual({ status: 'verified', unlocked: [] });
  });

  it('catches an edited decision, figure or score, and never keeps a claimed figure', async () => {
    const decision = edit(file, (o) => {
      o.decisions[1].promiseLevel = promise.min;
    });
    expect((await checked(decision)).verification.verdict).toMatchObject({ status: 'tampered', what: 'figures' });
    const huge = edit(file, (o) => {
      o.claimed.equity[o.claimed.equity.length - 1] = 1e308;
    });
    const c = await checked(huge);
    expect(c.verification.verdict).toMatchObject({ status: 'tampered', what: 'figures' });
    // The board shows the re-simulated truth of an edited file, never its claim.
    expect(c.verification.truth!.equity).toEqual(file.claimed.equity);
    expect(JSON.stringify(c)).not.toContain('1e+308');
    const score = edit(file, (o) => {
      o.claimed.score += 1;
    });
    expect((await checked(score)).verification.verdict).toMatchObject({ status: 'tampered', what: 'score' });
    const goal = edit(file, (o) => {
      o.claimed.goalMet = !o.claimed.goalMet;
    });
    expect((await checked(goal)).verification.verdict).toMatchObject({ status: 'tampered', what: 'score' });
  });

  it('catches a decision on a scenario-locked or unknown control, out of range, or a short game; replays none of them', async () => {
    const locked = teachControls(scenario).find((c) => c.locked)!;
    for (const change of [
      (o: ResultFile) => (o.decisions[0][locked.id] = locked.max),
      (o: ResultFile) => (o.decisions[0].notAControl = 1),
      (o: ResultFile) => (o.decisions[0].promiseLevel = promise.max + 1000),
      (o: ResultFile) => o.decisions.pop(),
    ]) {
      const c = await checked(edit(file, change));
      expect(c.verification.verdict).toMatchObject({ status: 'tampered', what: 'decisions' });
      expect(c.verification.truth).toBeNull();
    }
  });

  it('names other model versions and other scenarios or scenario versions', async () => {
    expect(
      (
        await checked(
          edit(file, (o) => {
            o.modelVersion = '0.9.0';
          }),
        )
      ).verification.verdict,
    ).toEqual({ status: 'otherModel', modelVersion: '0.9.0' });
    const version = await checked(
      edit(file, (o) => {
        o.scenarioVersion += 1;
      }),
    );
    expect(version.verification.verdict).toMatchObject({ status: 'otherScenario', scenarioVersion: scenario.version + 1 });
    const other = scenarios.find((s) => s.id !== scenario.id)!;
    const theirs = await checked(genuineFile(other, 'class-7', rounds(other)));
    expect(theirs.verification.verdict).toEqual({ status: 'genuine' });
    expect(classVerdict(theirs, classA, catalog)).toMatchObject({ status: 'otherScenario', scenarioId: other.id });
  });

  it('refuses hostile and huge input before any simulation', async () => {
    expect(parseResultFile('{"format":"crm-lab-result","__proto__":{"polluted":true}}')).toMatchObject({ ok: false, reason: 'hostile' });
    expect(await check({ name: 'big.json', size: 2_000_000, text: () => Promise.reject(new Error('never read')) })).toMatchObject({
      ok: false,
      reason: 'tooLarge',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("a file judged against the class's settings", () => {
  it('does not rank a genuine run from another seed with the class; relabelling its seed does not pass', async () => {
    const elsewhere = genuineFile(scenario, 'class-8', withPromise(3.2));
    const c = await checked(elsewhere);
    expect(classVerdict(c, classA, catalog)).toEqual({ status: 'otherSeed', seed: 'class-8' });
    expect(classVerdict(c, { ...classA, seed: 'class-8' }, catalog)).toMatchObject({ status: 'verified' });
    const relabelled = await checked(
      edit(elsewhere, (o) => {
        o.seed = 'class-7';
      }),
    );
    expect(relabelled.verification.verdict).toMatchObject({ status: 'tampered', what: 'figures' });
  });

  describe('a class link that locks the promise', () => {
    const locked: ClassSettings = { ...classA, locks: ['promiseLevel'] };
    const start = Number(promise.initial);

    it('verifies the files of students who played under the lock', async () => {
      const fair = genuineFile(
        scenario,
        'class-7',
        rounds(scenario).map(({ promiseLevel: _, ...rest }) => rest),
        { locks: ['promiseLevel'] },
      );
      expect(classVerdict(await checked(fair), locked, catalog)).toEqual({ status: 'verified', unlocked: [] });
    });

    it('catches a student who deleted lock=… from the link and moved the promise, whatever the file says', async () => {
      // The page without the lock writes the promise into every round and no lock into the file.
      const unlocked = genuineFile(scenario, 'class-7', withPromise(start - 0.4));
      const c = await checked(unlocked);
      expect(c.verification.verdict).toEqual({ status: 'genuine' });
      expect(classVerdict(c, locked, catalog)).toEqual({ status: 'brokeLock', control: 'promiseLevel', round: 1 });
      // Writing the lock back into the file does not help: the file then contradicts itself.
      const relocked = await checked(
        edit(unlocked, (o) => {
          o.locks = ['promiseLevel'];
        }),
      );
      expect(relocked.verification.verdict).toMatchObject({ status: 'tampered', what: 'decisions' });
      // Nor does dropping the promise from the decisions: the figures no longer reproduce.
      const dropped = await checked(
        edit(unlocked, (o) => {
          for (const d of o.decisions) delete d.promiseLevel;
        }),
      );
      expect(dropped.verification.verdict).toMatchObject({ status: 'tampered', what: 'figures' });
      // A move in a later round is caught in that round.
      const later = await checked(
        genuineFile(scenario, 'class-7', [...withPromise(start).slice(0, 2), ...withPromise(promise.min).slice(2)]),
      );
      expect(classVerdict(later, locked, catalog)).toEqual({ status: 'brokeLock', control: 'promiseLevel', round: 3 });
    });

    it('verifies, but names, a run played without the lock that left the control at its starting value', async () => {
      const c = await checked(genuineFile(scenario, 'class-7', withPromise(start)));
      expect(classVerdict(c, locked, catalog)).toEqual({ status: 'verified', unlocked: ['promiseLevel'] });
    });
  });

  it('ranks only the class runs, beyond the goal too, and shows one run once however often it was dropped', async () => {
    const good = genuineFile(scenario, 'class-7', withPromise(3), { name: 'Ann' });
    const same = { ...good, name: 'Ann again' };
    const worse = genuineFile(scenario, 'class-7', withPromise(4.5), { name: 'Bo' });
    const elsewhere = genuineFile(scenario, 'class-8', withPromise(3), { name: 'Cy' });
    const edited = edit(good, (o) => {
      o.claimed.equity[0] += 1;
    });
    const files = [
      await checked(good, 'ann.json'),
      await checked(worse, 'bo.json'),
      await checked(good, 'ann (1).json'),
      await checked(same, 'copy-of-ann.json'),
      await checked(elsewhere, 'cy.json'),
      await checked(edited, 'ann-edited.json'),
    ];
    const ranked = rankRows(boardRows(files, classA, catalog));
    expect(ranked.map((r) => [r.rank, r.verdict.status, r.copies.map((c) => c.fileName)])).toEqual([
      [1, 'verified', ['ann.json', 'ann (1).json', 'copy-of-ann.json']],
      [2, 'verified', ['bo.json']],
      [null, 'otherSeed', ['cy.json']],
      [null, 'tampered', ['ann-edited.json']],
    ]);
    expect(ranked[0].copies.map((c) => c.name)).toEqual(['Ann', 'Ann', 'Ann again']);
    // The score is the goal figure over the target, not capped at 100 %.
    expect(ranked[0].ratio).toBeCloseTo(ranked[0].truth!.value / scenario.goal.target, 12);
    expect(ranked[0].ratio!).toBeGreaterThan(1);
    expect(files[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the verification context', () => {
  it('replays with the engine of the file and reports an engine it does not know', () => {
    const ctx = makeReplayContext(scenarios, engines);
    const file = genuineFile(scenario, 's', withPromise(3));
    expect(verifyResultFile(file, ctx).verdict).toEqual({ status: 'genuine' });
    expect(verifyResultFile({ ...file, modelVersion: '42.0.0' }, ctx)).toEqual({
      verdict: { status: 'otherModel', modelVersion: '42.0.0' },
      truth: null,
    });
  });
});
