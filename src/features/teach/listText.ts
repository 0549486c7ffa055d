// Names written as one list the way the page's language writes lists ("A, B and C" · "A、B和C"), so that no
// sentence is built by joining fragments by hand. Tiny on purpose: the worksheet's script imports it too.
import { langTag, type Locale } from '@/i18n/client';

/** The items as one list in the page's language; an empty list is an empty string. */
export function listText(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(langTag(locale), { style: 'long', type: 'conjunction' }).format(items);
}
