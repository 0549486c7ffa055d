// Every scenario in content/scenarios parses with the engine's schema, names file and field when broken,
// offers sensible controls, and has a goal that is reachable but not trivial on its own seed.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, ScenarioError, type Scenario } from '@sim/scenario';
import { checkDecisions, playScenario, scenarioInfo, teachControls } from '@/features/teach/replay';
import type { Decision } from '@/features/teach/resultFile';
import { isValidSeed } from '@/features/teach/linkCodec';

const dir = join(process.cwd(), 'content/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const load = (f: string) => parseScenario(parse(readFileSync(join(dir, f), 'utf8')), f);

/** A plan known to meet each goal (what a good team converges on); every round the same. */
const REFERENCE: Record<string, Record<string, number>> = {
  'partnership-temptation': {
    'investment.customers.reactive': 1,
    'investment.customers.accountable': 0,
    'investment.customers.proactive': 0,
    'investment.customers.partnership': 0,
  },
  'key-account-rescue': {
    'investment.customers.reactive': 1,
    'investment.customers.accountable': 3,
    'investment.customers.proactive': 16,
    'investment.customers.partnership': 60,
  },
  'hollow-loyalty': { 'investment.customers.reactive': 1, 'investment.customers.accountable': 3, quality: 3.8 },
  'expectation-trap': { promiseLevel: 3 },
  'budget-cut': { acquisitionSpendPerQuarter: 20000, 'investment.customers.reactive': 1, 'investment.customers.accountable': 3 },
  'membership-store': { 'investment.customers.reactive': 1, 'investment.customers.proactive': 4 },
  'gym-life-cycle': {
    acquisitionSpendPerQuarter: 40000,
    'investment.customers.reactive': 1,
    'investment.customers.accountable': 3,
    'investment.customers.proactive': 16,
  },
  'hotel-recovery': { 'investment.customers.reactive': 3, 'investment.customers.accountable': 3 },
  'tea-members': {
    'investment.consumers.proactive': 0,
    'investment.small-business.proactive': 15,
    'investment.key-accounts.proactive': 40,
  },
};
/** Level presets are chosen by name. */
const REFERENCE_LEVELS: Record<string, Record<string, string>> = {
  'bank-tiers': {
    'levelPreset.consumers': 'reactive',
    'levelPreset.small-business': 'accountable',
    'levelPreset.key-accounts': 'partnership',
  },
};

function rounds(s: Scenario, plan: Record<string, number | string> = {}): Decision[] {
  const d: Decision = {};
  for (const c of teachControls(s).filter((x) => !x.locked)) d[c.id] = (plan[c.id] ?? c.initial) as Decision[string];
  return Array.from({ length: s.rounds }, () => ({ ...d }));
}

describe('scenario files', () => {
  it('there are at least six, with distinct ids matching their file names', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const ids = files.map((f) => load(f).id);
    expect(ids).toEqual(files.map((f) => f.replace(/\.yaml$/, '')));
  });

  it.each(files)('%s parses, teaches a course lesson and has bilingual text throughout', (f) => {
    const s = load(f);
    const lessons = readdirSync(join(process.cwd(), 'content/lessons/en')).map((f) => f.replace(/\.mdx$/, ''));
    expect(lessons).toContain(s.lesson);
    const info = scenarioInfo(s);
    for (const text of [
      info.title,
      info.brief,
      info.goal,
      ...info.questions,
      ...info.notes.goals,
      info.notes.timing45,
      info.notes.timing90,
      ...info.notes.lookFor,
    ]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(info.questions.length).toBeGreaterThanOrEqual(3);
    // The seed travels in links and result files, which accept only URL-safe seeds.
    expect(isValidSeed(info.seed)).toBe(true);
  });

  it.each(files)('%s offers open controls with a valid range that holds the starting value', (f) => {
    const s = load(f);
    const controls = teachControls(s);
    expect(controls.some((c) => !c.locked)).toBe(true);
    for (const c of controls) {
      expect(c.min).toBeLessThan(c.max);
      expect(c.step).toBeGreaterThan(0);
      if (c.kind !== 'levelPreset') {
        expect(c.initial).toBeGreaterThanOrEqual(c.min);
        expect(c.initial).toBeLessThanOrEqual(c.max);
      }
    }
    expect(checkDecisions(s, rounds(s), [])).toBeNull();
  });

  it.each(files)('%s has a goal that is reachable but not trivial on its own seed', (f) => {
    const s = load(f);
    const plan = REFERENCE[s.id] ?? REFERENCE_LEVELS[s.id];
    expect(plan, `no reference plan for ${s.id}`).toBeDefined();
    const standStill = playScenario(s, s.seed, rounds(s), []);
    expect(standStill.goalMet).toBe(false);
    const good = playScenario(s, s.seed, rounds(s, plan), []);
    expect(good.goalMet).toBe(true);
    // A team that only changes course after seeing round one can still make it.
    const late = playScenario(s, s.seed, [rounds(s)[0], ...rounds(s, plan).slice(1)], []);
    expect(late.goalMet).toBe(true);
    expect(good.overall).toHaveLength(s.rounds * s.quartersPerRound);
  });
});

describe('a malformed scenario', () => {
  const good = parse(readFileSync(join(dir, files[0]), 'utf8')) as Record<string, unknown>;

  it('names the file and the missing field', () => {
    const broken = { ...good };
    delete broken.goal;
    expect(() => parseScenario(broken, 'broken.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario(broken, 'broken.yaml')).toThrow(/broken\.yaml[\s\S]*goal/);
  });

  it('names the file and the nested field with a wrong value', () => {
    const broken = { ...good, title: { en: 'Only English' } };
    expect(() => parseScenario(broken, 'half-translated.yaml')).toThrow(/half-translated\.yaml[\s\S]*title\.zh/);
    const badControl = { ...good, controls: { visible: ['investment.nobody.reactive'], locked: [] } };
    expect(() => parseScenario(badControl, 'bad-control.yaml')).toThrow(/bad-control\.yaml[\s\S]*controls\.visible\.0/);
  });
});
