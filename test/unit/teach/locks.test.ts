// The Teach lock rule lives in one function (lockControls) and every place obeys it: the link codec offers
// only what it allows, the replay ignores a locked control, and the board's check refuses a file that moved one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseScenario } from '@sim/scenario';
import { lockControls, lockableIds, type LockableControl } from '@/features/teach/locks';
import { checkDecisions, playScenario, teachControls } from '@/features/teach/replay';
import { parseLink } from '@/features/teach/linkCodec';

const c = (id: string, locked = false): LockableControl => ({ id, locked, lockedBy: locked ? 'scenario' : null });
const controls = [c('promiseLevel', true), c('quality'), c('investment.customers.reactive'), c('acquisitionSpendPerQuarter')];

describe('lockControls', () => {
  it.each([
    { extra: [], locked: ['promiseLevel'], teacher: [], refused: [] },
    { extra: ['quality'], locked: ['promiseLevel', 'quality'], teacher: ['quality'], refused: [] },
    {
      extra: ['quality', 'acquisitionSpendPerQuarter'],
      locked: ['promiseLevel', 'quality', 'acquisitionSpendPerQuarter'],
      teacher: ['quality', 'acquisitionSpendPerQuarter'],
      refused: [],
    },
    // The scenario's own lock cannot be taken over by a link, and an unknown id locks nothing.
    { extra: ['promiseLevel'], locked: ['promiseLevel'], teacher: [], refused: ['promiseLevel'] },
    { extra: ['nope', 'quality'], locked: ['promiseLevel', 'quality'], teacher: ['quality'], refused: ['nope'] },
  ])('extra locks $extra', ({ extra, locked, teacher, refused }) => {
    const r = lockControls(controls, extra);
    expect(r.controls.filter((x) => x.locked).map((x) => x.id)).toEqual(locked);
    expect(r.controls.filter((x) => x.lockedBy === 'teacher').map((x) => x.id)).toEqual(teacher);
    expect(r.refused).toEqual(refused);
  });

  it('offers a link exactly the open controls', () => {
    expect(lockableIds(controls)).toEqual(['quality', 'investment.customers.reactive', 'acquisitionSpendPerQuarter']);
    expect(lockableIds(lockControls(controls, ['quality']).controls)).toEqual([
      'investment.customers.reactive',
      'acquisitionSpendPerQuarter',
    ]);
  });
});

describe('every place obeys the one rule', () => {
  const scenario = parseScenario(parse(readFileSync('content/scenarios/expectation-trap.yaml', 'utf8')), 'expectation-trap.yaml');
  const open = teachControls(scenario).filter((x) => !x.locked);
  const start = Object.fromEntries(open.map((x) => [x.id, x.initial]));
  const rounds = (promise: number) => Array.from({ length: scenario.rounds }, () => ({ ...start, promiseLevel: promise }));

  it('the link codec accepts the lockable controls and refuses the scenario-locked one', () => {
    const parsed = parseLink('?lock=promiseLevel,quality', { seed: 's', lockable: lockableIds(teachControls(scenario)) });
    expect(parsed.state.locks).toEqual(['promiseLevel']);
    expect(parsed.problems).toEqual([{ kind: 'invalid', name: 'lock', value: 'quality' }]);
  });

  it('the replay keeps a teacher-locked control at its start, the check refuses a file that moved it', () => {
    const moved = rounds(4.5);
    const kept = rounds(Number(start.promiseLevel));
    expect(playScenario(scenario, 'x', moved, ['promiseLevel']).overall).toEqual(playScenario(scenario, 'x', kept, []).overall);
    expect(checkDecisions(scenario, moved, [])).toBeNull();
    expect(checkDecisions(scenario, moved, ['promiseLevel'])).toBe('round 1: promiseLevel is locked');
    expect(
      checkDecisions(
        scenario,
        kept.map(() => ({})),
        ['quality'],
      ),
    ).toBe('lock quality');
  });
});
