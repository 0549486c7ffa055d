// The labs that <Predict> can open, with the string namespace each one needs and its page path.
// Pure data: the Svelte loaders live in Predict.svelte so this stays importable from Astro and tests.

import type { Locale, Strings } from '@/i18n/client';

/** What every concept lab island takes: its strings, the page's language, and the lesson's query inside
 *  <Predict> (null or absent on the lab's own page, where the state lives in the page URL). */
export interface ConceptLabProps {
  strings: Strings;
  locale: Locale;
  query?: string | null;
}

export const LAB_IDS = ['perceived-value', 'expectations', 'clv', 'level-matrix', 'life-cycle', 'market'] as const;
export type LabId = (typeof LAB_IDS)[number];

/** UI-string prefix of each lab (see src/i18n/strings/*.json). */
export const LAB_STRING_PREFIX: Readonly<Record<LabId, string>> = {
  'perceived-value': 'labs.perceivedValue.',
  expectations: 'labs.expectations.',
  clv: 'labs.clv.',
  'level-matrix': 'labs.levelMatrix.',
  'life-cycle': 'labs.lifeCycle.',
  market: 'labs.market.',
};

/** The five concept labs that have a page of their own (`market` opens the main lab instead). */
export const CONCEPT_LAB_IDS = ['perceived-value', 'expectations', 'clv', 'level-matrix', 'life-cycle'] as const;
export type ConceptLabId = (typeof CONCEPT_LAB_IDS)[number];

/** Every string namespace a lab island needs, on its own page and inside <Predict> (the mini market lab also names markets and loss reasons). */
export function labStringPrefixes(lab: LabId): string[] {
  const extra = lab === 'market' ? ['vocab.market.', 'vocab.loss.'] : [];
  return ['kit.', 'labs.common.', 'vocab.level.', 'vocab.state.', 'vocab.segment.', ...extra, LAB_STRING_PREFIX[lab]];
}

/** Keys of the mini market lab's query that only the mini lab reads (the chart to watch, the run to compare with);
 *  the rest of its query is the main lab's, so the main lab opens the same situation without them. */
export const MARKET_VIEW_KEYS = ['watch', 'vs'] as const;

export function isLabId(value: unknown): value is LabId {
  return typeof value === 'string' && (LAB_IDS as readonly string[]).includes(value);
}

/** Path (without base) of a lab's own page; `market` opens the main lab with the same settings. */
export function labPath(locale: string, lab: LabId, query: string): string {
  const q = query.replace(/^\?/, '');
  if (lab === 'market') {
    const params = new URLSearchParams(q);
    for (const key of MARKET_VIEW_KEYS) params.delete(key);
    const rest = params.toString().replace(/%2C/g, ',');
    return `/${locale}/lab/${rest ? `?${rest}` : ''}`;
  }
  return `/${locale}/lab/${lab}/${q ? `?${q}` : ''}`;
}
