// Every scenario in content/scenarios parses with the engine's schema, names file and field when broken, teaches
// a lesson of the course, offers sensible controls, and has a goal that its starting settings miss and the plan in
// its teacher notes reaches on its own seed (also when a team changes course only after round one).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, ScenarioError } from '@sim/scenario';
import { checkDecisions, forStudents, playScenario, scenarioInfo, teachControls } from '@/features/teach/replay';
import { isValidSeed } from '@/features/teach/linkCodec';
import { SCENARIO_DIR as dir, scenarioFiles as files, loadScenario, rounds } from './fixtures';

const load = (f: string) => loadScenario(f.replace(/\.yaml$/, ''));
/** The course's lessons, by slug: every scenario teaches one of them. */
const lessons = readdirSync(join(process.cwd(), 'content/lessons/en')).map((f) => f.replace(/\.mdx$/, ''));

describe('scenario files', () => {
  it('there are at least ten, with distinct ids matching their file names, serving at least nine lessons', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const ids = files.map((f) => load(f).id);
    expect(ids).toEqual(files.map((f) => f.replace(/\.yaml$/, '')));
    const served = new Set(files.map((f) => load(f).lesson));
    expect(served.size).toBeGreaterThanOrEqual(9);
    for (const lesson of ['customer-life-cycle', 'service-relationships']) expect(served).toContain(lesson);
  });

  it.each(files)('%s parses, teaches a course lesson and has bilingual text throughout', (f) => {
    const s = load(f);
    expect(lessons).toContain(s.lesson);
    const info = scenarioInfo(s);
    const plan = s.teacherNotes.plan;
    for (const text of [
      info.title,
      info.brief,
      info.goal,
      ...info.questions,
      ...info.notes.goals,
      info.notes.timing45,
      info.notes.timing90,
      ...info.notes.lookFor,
      ...(plan ? [plan.why] : []),
      ...s.events.map((e) => e.label),
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

  it.each(files)("%s has a goal the starting settings miss and the teacher notes' plan reaches on its own seed", (f) => {
    const s = load(f);
    const plan = s.teacherNotes.plan;
    expect(plan, `${s.id} has no plan in its teacher notes`).toBeDefined();
    const standStill = playScenario(s, s.seed, rounds(s), []);
    expect(standStill.goalMet).toBe(false);
    // The plan is what the notes page shows: every value a move of an open control within its range.
    const good = rounds(s, plan!.decisions);
    expect(checkDecisions(s, good, [])).toBeNull();
    expect(good[0]).not.toEqual(rounds(s)[0]);
    const played = playScenario(s, s.seed, good, []);
    expect(played.goalMet).toBe(true);
    // A team that only changes course after seeing round one can still make it.
    const late = playScenario(s, s.seed, [rounds(s)[0], ...good.slice(1)], []);
    expect(late.goalMet).toBe(true);
    expect(played.overall).toHaveLength(s.rounds * s.quartersPerRound);
  });

  it.each(files)("%s as students' pages get it holds none of the teacher notes and plays the same game", (f) => {
    const s = load(f);
    const student = forStudents(s);
    const shipped = JSON.stringify(student);
    const notes = s.teacherNotes;
    for (const text of [...notes.goals, notes.timing45, notes.timing90, ...notes.lookFor, ...(notes.plan ? [notes.plan.why] : [])]) {
      expect(shipped).not.toContain(text.en);
      expect(shipped).not.toContain(text.zh);
    }
    expect(student.teacherNotes.plan).toBeUndefined();
    expect(teachControls(student)).toEqual(teachControls(s));
    const plan = rounds(s, notes.plan?.decisions ?? {});
    expect(playScenario(student, s.seed, plan, []).overall).toEqual(playScenario(s, s.seed, plan, []).overall);
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

  it("refuses a teacher's plan that sets a control students cannot set", () => {
    const notes = good.teacherNotes as Record<string, unknown>;
    const locked = (good.controls as { locked: string[] }).locked[0];
    const broken = { ...good, teacherNotes: { ...notes, plan: { decisions: { [locked]: 3 }, why: { en: 'x', zh: '中' } } } };
    expect(() => parseScenario(broken, 'bad-plan.yaml')).toThrow(/bad-plan\.yaml[\s\S]*teacherNotes\.plan\.decisions/);
  });
});
