// The one id → string-key map for the model's concepts: the model emits ids ('reactive', 'delighted',
// 'competitor', 'key-accounts'), views show t(levelKey(id)). No text here: the labels live in the
// strings files under vocab.*, where the parity and vocabulary tests cover them.
import type { LevelId, LocalText, PresetId, QuarterRow } from '@sim/index';
import type { Locale, StringKey, Translate } from './core';
import { localText } from '@/kit/localText';

export type SatisfactionState = keyof QuarterRow['satisfactionShare'];
export type LossReason = keyof QuarterRow['lost'];

/** A relationship level's short name ("Reactive" / "反应型"); the glossary term adds "marketing" / "营销". */
export const levelKey = (level: LevelId): StringKey => `vocab.level.${level}` as const;
export const stateKey = (state: SatisfactionState): StringKey => `vocab.state.${state}` as const;
export const lossKey = (reason: LossReason): StringKey => `vocab.loss.${reason}` as const;
export const marketKey = (preset: PresetId): StringKey => `vocab.market.${preset}` as const;
/** Preset segment ids are data (a scenario may rename a segment), so this key is checked by a test, not the compiler. */
export const segmentKey = (segment: string): StringKey => `vocab.segment.${segment}` as StringKey;

/** A segment's name: the scenario's own label if it gave one, else the preset segment's name. */
export function segmentName(segment: { id: string; label?: LocalText }, locale: Locale, t: Translate): string {
  if (segment.label) return localText(segment.label, locale);
  return t(segmentKey(segment.id));
}
