// Teach's one bridge for a played scenario: it reads the teacher's link, keeps values on the controls' grids,
// plays rounds through the same replay the board verifies with, restores saved rounds only for the same
// market, writes a result file that verifies, replays a file for the board, and stores level presets by name. It
// shows its controls without an engine and plays once the engine is loaded.
import { describe, expect, it } from 'vitest';
import { LEVELS } from '@sim/market';
import { ScenarioRunState } from '@/features/teach/ScenarioRunState.svelte';
import { currentEngine } from '@/features/teach/playEngine';
import { makeReplayContext } from '@/features/teach/replay';
import { engines } from '@/features/teach/engines';
import { serializeResultFile } from '@/features/teach/resultFile';
import { parseResultFile, verifyResultFile } from '@/features/teach/resultCheck';
import { runRecordOf } from '@/features/teach/runRecord';
import { spreadByRound } from '@/features/teach/board';
import { createT } from '@/i18n/client';
import en from '@/i18n/strings/en.json';
import { loadScenario as load } from './fixtures';

const trap = load('expectation-trap');
const t = createT(en, 'en');
const num = (v: number) => String(v);

/** Plays every round with the promise at `promise`; returns the finished game. */
function playAll(game: ScenarioRunState, promise: number): ScenarioRunState {
  while (!game.finished) {
    game.setValue('promiseLevel', promise);
    game.advance();
  }
  return game;
}

describe('ScenarioRunState', () => {
  it("reads the teacher's link: seed, extra locks and what was wrong", () => {
    const game = new ScenarioRunState(trap, currentEngine);
    expect(game.seed).toBe(trap.seed);
    game.applyLink('?v=1&seed=room-7&lock=promiseLevel,quality&zz=1');
    expect(game.seed).toBe('room-7');
    expect(game.extraLocks).toEqual(['promiseLevel']);
    expect(game.fromLink).toBe(true);
    expect(game.seedFromLink).toBe(true);
    expect(game.linkProblems).toEqual([
      { kind: 'invalid', name: 'lock', value: 'quality' },
      { kind: 'unknown', name: 'zz' },
    ]);
    const promise = game.controls.find((c) => c.id === 'promiseLevel')!;
    expect([promise.locked, promise.lockedBy]).toEqual([true, 'teacher']);
    expect(game.setValue('promiseLevel', 4)).toBeNull();
  });

  it('keeps typed values on the grid, plays rounds and fixes past ones', () => {
    const game = new ScenarioRunState(trap, currentEngine);
    expect(game.setValue('promiseLevel', 3.04)).toBe(3);
    expect(game.setValue('promiseLevel', 99)).toBe(5);
    expect(game.setValue('quality', 4)).toBeNull();
    game.setValue('promiseLevel', 3);
    const first = game.advance()!;
    expect(first.round).toBe(1);
    expect(game.round).toBe(2);
    game.setValue('promiseLevel', 2.6);
    game.advance();
    expect(game.history[0]).toEqual(first);
    expect(game.decisions.map((d) => d.promiseLevel)).toEqual([3, 2.6]);
    expect(game.describe(game.decisions[0], t, 'en', num)).toContain('3');
    expect(game.quarters).toHaveLength(2 * trap.quartersPerRound);
    playAll(game, 2.6);
    expect(game.finished).toBe(true);
    expect(game.advance()).toBeNull();
  });

  it('writes a result file the board verifies, and replays a file to the same run', () => {
    const game = playAll(new ScenarioRunState(trap, currentEngine), 3.2);
    game.applyLink('?seed=class-9');
    game.restart();
    playAll(game, 3.2);
    const file = game.resultFile('  Ann  ')!;
    expect(file.name).toBe('Ann');
    const parsed = parseResultFile(serializeResultFile(file));
    expect(parsed.ok && verifyResultFile(parsed.file, makeReplayContext([trap], engines)).verdict).toEqual({ status: 'genuine' });
    expect(file.seed).toBe('class-9');
    const replayed = new ScenarioRunState(trap, currentEngine).load(file);
    expect(replayed.run!.overall.map((q) => q.customerEquity)).toEqual(file.claimed.equity);
  });

  it('continues saved rounds only for the same market and only if they could come from this page', () => {
    const played = new ScenarioRunState(trap, currentEngine);
    played.applyLink('?seed=s1');
    played.setValue('promiseLevel', 2.2);
    played.advance();
    const saved = played.progress();

    const again = new ScenarioRunState(trap, currentEngine);
    again.applyLink('?seed=s1');
    expect(again.restore(saved)).toBe(true);
    expect(again.decisions).toEqual(saved.decisions);
    expect(again.draft.promiseLevel).toBe(2.2);

    const otherSeed = new ScenarioRunState(trap, currentEngine);
    otherSeed.applyLink('?seed=s2');
    expect(otherSeed.restore(saved)).toBe(false);
    const locked = new ScenarioRunState(trap, currentEngine);
    locked.applyLink('?seed=s1&lock=promiseLevel');
    expect(locked.restore(saved)).toBe(false);
    const tampered = new ScenarioRunState(trap, currentEngine);
    tampered.applyLink('?seed=s1');
    expect(tampered.restore({ ...saved, decisions: [{ quality: 5 }] })).toBe(false);
    expect(tampered.decisions).toEqual([]);
  });

  it('shows its controls without the engine, plays nothing until it is loaded, then replays saved rounds', async () => {
    const played = new ScenarioRunState(trap, currentEngine);
    played.applyLink('?seed=s1');
    played.setValue('promiseLevel', 2.2);
    played.advance();
    const saved = played.progress();

    const game = new ScenarioRunState(trap);
    expect(game.engine).toBeNull();
    expect(game.controls.map((c) => c.id)).toEqual(played.controls.map((c) => c.id));
    expect(game.label(game.controls[0], t, 'en')).toBe(played.label(played.controls[0], t, 'en'));
    expect(game.advance()).toBeNull();
    expect(game.decisions).toEqual([]);
    game.applyLink('?seed=s1');
    expect(game.restore(saved)).toBe(true);
    expect([game.pending, game.run, game.history]).toEqual([true, null, []]);
    await game.loadEngine();
    expect(game.pending).toBe(false);
    expect(game.history).toEqual(played.history);
    expect(game.advance()!.round).toBe(2);
  });

  describe('a level-preset control', () => {
    const levels = load('hollow-loyalty', (data) => {
      data.controls.visible = ['levelPreset.customers', 'quality'];
      // The notes' plan is for the file's own controls.
      delete data.teacherNotes.plan;
    });

    it('stores the level by name, verifies, and reads a file of older pages that held its position', () => {
      const game = new ScenarioRunState(levels, currentEngine);
      const control = game.controls.find((c) => c.id === 'levelPreset.customers')!;
      expect(control.initial).toBe('basic');
      expect(game.rangeText(control, t, num)).toBe(
        t('teach.play.range', { min: en['vocab.level.basic'], max: en['vocab.level.partnership'] }),
      );
      expect(game.setValue('levelPreset.customers', 'proactive')).toBe('proactive');
      expect(game.setValue('levelPreset.customers', 'platinum' as never)).toBeNull();
      while (!game.finished) game.advance();
      const file = game.resultFile('')!;
      expect(serializeResultFile(file)).toContain('"levelPreset.customers": "proactive"');
      const ctx = makeReplayContext([levels], engines);
      expect(verifyResultFile(file, ctx).verdict).toEqual({ status: 'genuine' });

      // The same game as an older page would have written it: the level's position (proactive = 3).
      const old = JSON.parse(serializeResultFile(file));
      for (const d of old.decisions) d['levelPreset.customers'] = 3;
      const parsed = parseResultFile(JSON.stringify(old));
      expect(parsed.ok && verifyResultFile(parsed.file, ctx).verdict).toEqual({ status: 'genuine' });
      // Both spellings are the same run: one record, one hash.
      expect(parsed.ok && runRecordOf(parsed.file)).toEqual(runRecordOf(file));
      const rows = spreadByRound([file], ['levelPreset.customers'], LEVELS);
      expect(rows[0].spread).toMatchObject({ min: 3, max: 3 });
      expect(game.valueText(control, rows[0].spread.median, t, num)).toBe(en['vocab.level.proactive']);
    });
  });
});
