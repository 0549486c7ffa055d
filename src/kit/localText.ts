// Picks the side of a bilingual text ({ en, zh }, as markets, scenarios, quizzes and the glossary
// carry them) for a page's language. It must not translate, fall back or build text.
import type { Locale } from '@/i18n/client';

/** A text (or any value) given in both course languages. */
export interface LocalText<T = string> {
  en: T;
  zh: T;
}

/** Which side of a bilingual text a page shows: `zh` on Chinese pages, `en` otherwise. */
export function textSide(locale: Locale): keyof LocalText {
  return locale === 'zh-cn' ? 'zh' : 'en';
}

/** The side of `text` for the page's language. */
export function localText<T>(text: LocalText<T>, locale: Locale): T {
  return text[textSide(locale)];
}
