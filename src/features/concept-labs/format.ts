// Locale-aware number formatting for the labs (Intl.NumberFormat, cached per locale and style).
// Formatting only: no string tables here; units and sentences come from the i18n strings.
import { langTag, type Locale } from '@/i18n/client';

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(langTag(locale), options);
    cache.set(key, f);
  }
  return f;
}

export interface Formatters {
  /** Plain number with exactly `digits` decimals. */
  num: (x: number, digits?: number) => string;
  /** Share 0..1 shown as a percentage. */
  pct: (x: number, digits?: number) => string;
  /** Money in the course's neutral currency units, grouped, no symbol. */
  money: (x: number, digits?: number) => string;
  /** Signed number (+/−), for changes. */
  signed: (x: number, digits?: number) => string;
}

export function formatters(locale: Locale): Formatters {
  return {
    num: (x, digits = 0) => nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    pct: (x, digits = 0) =>
      nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    money: (x, digits = 0) =>
      nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true }).format(x),
    signed: (x, digits = 0) =>
      nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(x),
  };
}
