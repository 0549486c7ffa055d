// The Teach lock rule, in one place: a control is locked when the scenario locks it or the teacher's link
// does, and a link may lock only a control the scenario shows and leaves open. The link codec, the player,
// the replay and the board's check of a result file all go through lockControls(). Pure: no DOM, no engine.

export type LockedBy = 'scenario' | 'teacher' | null;

/** What the rule needs of a control: its id and whether the scenario itself locks it. */
export interface LockableControl {
  id: string;
  locked: boolean;
  lockedBy: LockedBy;
}

/** The ids a teacher's link may lock: the controls the scenario leaves open, in display order. */
export function lockableIds(controls: readonly LockableControl[]): string[] {
  return controls.filter((c) => c.lockedBy !== 'teacher' && !c.locked).map((c) => c.id);
}

export interface Locked<C> {
  /** Every control, with the link's locks applied (lockedBy 'teacher'). */
  controls: C[];
  /** Link locks that name no open control (unknown, or already locked by the scenario). */
  refused: string[];
}

/** Applies a link's extra locks to a scenario's controls (which carry only the scenario's own locks). */
export function lockControls<C extends LockableControl>(controls: readonly C[], extraLocks: readonly string[]): Locked<C> {
  const open = new Set(lockableIds(controls));
  const refused = extraLocks.filter((id) => !open.has(id));
  const locked = new Set(extraLocks.filter((id) => open.has(id)));
  return {
    controls: controls.map((c) => (locked.has(c.id) ? { ...c, locked: true, lockedBy: 'teacher' as const } : c)),
    refused,
  };
}
