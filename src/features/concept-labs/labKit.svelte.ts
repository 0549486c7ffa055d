// What every concept lab opens with, once: the bridge to its URL state, the translator, the formatters and the id
// base of its controls, shared with its parts (controls, panels, challenges) as Svelte context. No maths, no markup:
// a lab still owns its pure module and its results. Construct it during a lab component's initialisation.
import { getContext, onMount, setContext } from 'svelte';
import { createT, type Translate } from '@/i18n/client';
import { makeFormatters, type Formatters } from '@/kit/format';
import type { Schema } from '@/kit/urlState';
import { ConceptLabState } from './ConceptLabState.svelte';
import type { ConceptLabId, ConceptLabProps } from './registry';

const KEY = Symbol('concept-lab');

export class LabKit<S extends Schema = Schema> {
  readonly id: ConceptLabId;
  /** Base of the element ids of the lab's controls (`{uid}-{control}-slider`). */
  readonly uid: string;
  readonly lab: ConceptLabState<S>;
  readonly #props: () => ConceptLabProps;

  t: Translate = $derived.by(() => createT(this.#props().strings, this.#props().locale));
  f: Formatters = $derived.by(() => makeFormatters(this.#props().locale));

  /**
   * @param props the lab component's props, read through a getter so strings and the lesson's query stay reactive.
   * @param onConnect runs once the start state has been read (e.g. a lab that follows a setting after a pause).
   */
  constructor(id: ConceptLabId, schema: S, props: () => ConceptLabProps, uid: string, onConnect?: () => void) {
    this.id = id;
    this.uid = uid;
    this.#props = props;
    this.lab = new ConceptLabState(schema, () => props().query ?? null);
    setContext(KEY, this);
    onMount(() => {
      const stop = this.lab.connect();
      onConnect?.();
      return stop;
    });
  }

  /** The lab's settings (the bridge's state), for `const { lab, t, f, s } = $derived(kit)`. */
  get s() {
    return this.lab.state;
  }

  /** Money in the model's neutral currency units, every unit shown, with its (pluralised) unit word. */
  money = (v: number): string => this.t('labs.common.currencyUnits', { count: Math.round(v), n: this.f.moneyInFull(v) });
  /** Money in a compact form for the phone's results strip (1.9M units, 190万 货币单位). */
  moneyShort = (v: number): string => this.t('labs.common.currencyUnits', { count: Math.round(v), n: this.f.money(v) });
}

/** The lab a part belongs to (set by the lab component that constructed it). */
export function labKit(): LabKit {
  const kit = getContext<LabKit | undefined>(KEY);
  if (!kit) throw new Error('a concept-lab part must be placed inside a lab that constructed a LabKit');
  return kit;
}
