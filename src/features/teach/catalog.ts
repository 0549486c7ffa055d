// The scenarios as the class board and the link builder show them (CatalogScenario): controls described and
// labelled in the page's language by the engine, at build time, so those islands run no engine and ship no schema.
// Pages and tests import this; islands never do.
import type { Scenario } from '@sim/scenario';
import { t, type Locale } from '@/i18n';
import { localText } from '@/kit/localText';
import { ScenarioRunState } from './ScenarioRunState.svelte';
import type { CatalogScenario } from './types';

/** A scenario with its controls described and labelled in `locale`, for islands that run no engine. */
export function catalogScenario(s: Scenario, locale: Locale): CatalogScenario {
  const game = new ScenarioRunState(s);
  const info = game.info;
  const tl = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(locale, key, params);
  return {
    id: info.id,
    version: info.version,
    title: localText(info.title, locale),
    seed: info.seed,
    rounds: info.rounds,
    quartersPerRound: info.quartersPerRound,
    goalMetric: info.goalMetric,
    goalTarget: info.goalTarget,
    controls: game.controls.map((c) => ({
      id: c.id,
      label: game.label(c, tl, locale),
      levelPreset: c.kind === 'levelPreset',
      initial: c.initial,
      locked: c.locked,
    })),
  };
}
