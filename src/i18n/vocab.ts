// The one id → string-key map for the model's concepts: the model emits ids ('reactive',
// 'delighted', 'competitor'), views show t(levelKey(id)). No text here: the labels live in the
// strings files under vocab.*, where the parity and vocabulary tests cover them.
import type { LevelId, QuarterRow } from '@sim/index';
import type { StringKey } from './core';

export type SatisfactionState = keyof QuarterRow['satisfactionShare'];
export type LossReason = keyof QuarterRow['lost'];

/** A relationship level's short name ("Reactive" / "反应型"); the glossary term adds "marketing" / "营销". */
export const levelKey = (level: LevelId): StringKey => `vocab.level.${level}` as const;
export const stateKey = (state: SatisfactionState): StringKey => `vocab.state.${state}` as const;
export const lossKey = (reason: LossReason): StringKey => `vocab.loss.${reason}` as const;
