// The props every view of the lab takes from Lab.svelte: the LabState bridge, the page's translate and number
// formatters, and its locale. Types only; each view adds its own.
import type { LabState } from './LabState.svelte';
import type { Formatters } from '@/kit/format';
import type { Locale, Translate } from '@/i18n/client';

export interface LabViewProps {
  lab: LabState;
  t: Translate;
  f: Formatters;
  locale: Locale;
}
