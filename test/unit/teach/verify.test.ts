// Result files against the real engine: a genuine run verifies; a tampered decision, figure or score is
// caught; a genuine file from another seed is not mistaken for this class's; other model or scenario
// versions are flagged. Runs the scenarios in content/scenarios through the same path as the board.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, type Scenario } from '@sim/scenario';
import { claimedFrom, makeReplayContext, playScenario, teachControls } from '@/features/teach/replay';
import { engines } from '@/features/teach/engines';
import {
  createResultFile,
  parseResultFile,
  serializeResultFile,
  verifyResultFile,
  type Decision,
  type ResultFile,
} from '@/features/teach/resultFile';
import { MODEL_VERSION } from '@sim/index';

const dir = join(process.cwd(), 'content/scenarios');
const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parseScenario(parse(readFileSync(join(dir, f), 'utf8')), f));
const scenario = scenarios.find((s) => s.id === 'expectation-trap') ?? scenarios[0];

/** Every round at the controls' initial values, except the first open control set to `value`. */
function decisionsFor(s: Scenario, value?: number): Decision[] {
  const open = teachControls(s).filter((c) => !c.locked);
  return Array.from({ length: s.rounds }, () => {
    const d: Decision = {};
    for (const c of open) d[c.id] = c.initial;
    if (value !== undefined && open.length > 0) d[open[0].id] = value;
    return d;
  });
}

function genuine(s: Scenario, seed: string, decisions: Decision[], locks: string[] = []): ResultFile {
  const outcome = playScenario(s, seed, decisions, locks);
  return createResultFile({
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed,
    locks,
    modelVersion: MODEL_VERSION,
    decisions,
    claimed: claimedFrom(outcome),
    name: 'Test Student',
  });
}

/** What a student would do to a file by hand: edit the JSON text and hand it in. */
function edit(file: ResultFile, change: (o: ResultFile) => void): ResultFile {
  const o = JSON.parse(serializeResultFile(file)) as ResultFile;
  change(o);
  const parsed = parseResultFile(JSON.stringify(o));
  if (!parsed.ok) throw new Error(`edited file no longer parses: ${parsed.reason}`);
  return parsed.file;
}

describe('result-file verification by re-simulation', () => {
  const open = teachControls(scenario).filter((c) => !c.locked);
  const mid = (open[0].min + open[0].max) / 2;
  const file = genuine(scenario, 'class-7', decisionsFor(scenario, mid));
  const ctx = makeReplayContext(scenarios, engines, { expectedSeed: 'class-7', expectedScenarioId: scenario.id });

  it('verifies a genuine file, also after a round trip through its text', () => {
    expect(verifyResultFile(file, ctx)).toEqual({ status: 'verified' });
    const parsed = parseResultFile(serializeResultFile(file));
    expect(parsed.ok && verifyResultFile(parsed.file, ctx)).toEqual({ status: 'verified' });
  });

  it('catches a tampered decision', () => {
    const changed = edit(file, (o) => {
      o.decisions[1][open[0].id] = open[0].min === mid ? open[0].max : open[0].min;
    });
    expect(verifyResultFile(changed, ctx)).toMatchObject({ status: 'tampered', what: 'figures' });
  });

  it('catches a decision on a locked or unknown control, or out of range', () => {
    const locked = teachControls(scenario).find((c) => c.locked);
    if (locked) {
      const sneaky = edit(file, (o) => {
        o.decisions[0][locked.id] = locked.max;
      });
      expect(verifyResultFile(sneaky, ctx)).toMatchObject({ status: 'tampered', what: 'decisions' });
    }
    const unknown = edit(file, (o) => {
      o.decisions[0].notAControl = 1;
    });
    expect(verifyResultFile(unknown, ctx)).toMatchObject({ status: 'tampered', what: 'decisions' });
    const outOfRange = edit(file, (o) => {
      o.decisions[0][open[0].id] = open[0].max + 1000;
    });
    expect(verifyResultFile(outOfRange, ctx)).toMatchObject({ status: 'tampered', what: 'decisions' });
    const shortGame = edit(file, (o) => {
      o.decisions.pop();
    });
    expect(verifyResultFile(shortGame, ctx)).toMatchObject({ status: 'tampered', what: 'decisions' });
  });

  it('catches a tampered claimed figure and a tampered score', () => {
    const equity = edit(file, (o) => {
      o.claimed.equity[o.claimed.equity.length - 1] += 1000;
    });
    expect(verifyResultFile(equity, ctx)).toMatchObject({ status: 'tampered', what: 'figures' });
    const retention = edit(file, (o) => {
      o.claimed.retention[0] = Math.min(1, o.claimed.retention[0] + 0.01);
    });
    expect(verifyResultFile(retention, ctx)).toMatchObject({ status: 'tampered', what: 'figures' });
    const score = edit(file, (o) => {
      o.claimed.score += 1;
    });
    expect(verifyResultFile(score, ctx)).toMatchObject({ status: 'tampered', what: 'score' });
    const goal = edit(file, (o) => {
      o.claimed.goalMet = !o.claimed.goalMet;
    });
    expect(verifyResultFile(goal, ctx)).toMatchObject({ status: 'tampered', what: 'score' });
  });

  it('does not confuse a genuine file from another seed with this class', () => {
    const elsewhere = genuine(scenario, 'class-8', decisionsFor(scenario, mid));
    expect(elsewhere.claimed.equity).not.toEqual(file.claimed.equity);
    expect(verifyResultFile(elsewhere, ctx)).toEqual({ status: 'otherSeed', seed: 'class-8' });
    // Without a class seed on the board it is simply a genuine run.
    expect(verifyResultFile(elsewhere, makeReplayContext(scenarios, engines))).toEqual({ status: 'verified' });
    // Relabelling it with this class's seed does not make it pass.
    const relabelled = edit(elsewhere, (o) => {
      o.seed = 'class-7';
    });
    expect(verifyResultFile(relabelled, ctx)).toMatchObject({ status: 'tampered', what: 'figures' });
  });

  it('flags another model version and another scenario or scenario version', () => {
    const model = edit(file, (o) => {
      o.modelVersion = '0.9.0';
    });
    expect(verifyResultFile(model, ctx)).toEqual({ status: 'otherModel', modelVersion: '0.9.0' });
    const version = edit(file, (o) => {
      o.scenarioVersion += 1;
    });
    expect(verifyResultFile(version, ctx)).toMatchObject({ status: 'otherScenario' });
    const unknown = edit(file, (o) => {
      o.scenarioId = 'no-such-scenario';
    });
    expect(verifyResultFile(unknown, ctx)).toMatchObject({ status: 'otherScenario' });
    const other = scenarios.find((s) => s.id !== scenario.id);
    if (other) {
      const theirs = genuine(other, 'class-7', decisionsFor(other));
      expect(verifyResultFile(theirs, ctx)).toMatchObject({ status: 'otherScenario' });
    }
  });

  it("respects the teacher's extra locks", () => {
    const lockable = open[0].id;
    const withLock = genuine(
      scenario,
      'class-7',
      decisionsFor(scenario).map((d) => {
        const rest: Decision = { ...d };
        delete rest[lockable];
        return rest;
      }),
      [lockable],
    );
    expect(verifyResultFile(withLock, ctx)).toEqual({ status: 'verified' });
    const brokeLock = edit(withLock, (o) => {
      o.decisions[0][lockable] = open[0].max;
    });
    expect(verifyResultFile(brokeLock, ctx)).toMatchObject({ status: 'tampered', what: 'decisions' });
  });

  it('refuses hostile and huge input before any simulation', () => {
    expect(parseResultFile('{"format":"crm-lab-result","__proto__":{"polluted":true}}')).toMatchObject({ ok: false, reason: 'hostile' });
    expect(parseResultFile(' '.repeat(1_000_001))).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
