// The controls of the concept labs as data: each lab lists which setting a control sets (a schema key, or one position
// of a list setting), its label, help, value format, unit and scale; <LabControl> derives the rest from the lab's
// bridge. Plain data and formatting only: no state, no markup.
import type { MessageKey } from '@/i18n/client';
import type { LabKit } from './labKit.svelte';

/** How a control writes its value for the readout and for screen readers. */
export type ValueFormat = (v: number, kit: LabKit) => string;

export interface ControlSpec {
  /** The setting (a key of the lab's URL schema). */
  key: string;
  /** The position in a list setting (one rating of one offer); absent for a plain number. */
  index?: number;
  /** The element id's middle part, unique in the lab (`{uid}-{id}-slider`); the key when absent. */
  id?: string;
  label: MessageKey;
  labelParams?: Record<string, string | number>;
  help?: MessageKey;
  format: ValueFormat;
  /** Shown after the number box, e.g. '%'. */
  unit?: string;
  /** The box shows value × scale (100 to type a share as a percentage). */
  scale?: number;
  /** Switched off while another setting makes it meaningless (the years of a horizon with no end). */
  disabled?: boolean;
}

/** Controls shown together: a fieldset with its legend (a plain block when there is none) and an optional note. */
export interface ControlGroup {
  id: string;
  legend?: string;
  note?: string;
  controls: readonly ControlSpec[];
}

/** Money in the model's currency units, every unit shown. */
export const money: ValueFormat = (v, kit) => kit.money(v);
/** A share 0..1 as a whole percentage. */
export const percent: ValueFormat = (v, kit) => kit.f.pct(v);
/** A plain number with a fixed number of decimals. */
export const decimals =
  (digits: number): ValueFormat =>
  (v, kit) =>
    kit.f.num(v, digits);
/** A message with the value as `{n}` ("4 of 10", "λ = 0.50"). */
export const message =
  (key: MessageKey, digits = 0): ValueFormat =>
  (v, kit) =>
    kit.t(key, { n: kit.f.num(v, digits) });

/** The element id of a control's base (its slider is `{base}-slider`). */
export function controlId(uid: string, spec: ControlSpec): string {
  return `${uid}-${spec.id ?? (spec.index === undefined ? spec.key : `${spec.key}-${spec.index}`)}`;
}
