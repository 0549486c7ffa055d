// The one number formatter of the site: Intl.NumberFormat for the page's locale, one cached instance per style.
// Formatting only: no strings are looked up here (units and sentences come from the i18n strings), and money is
// in the model's neutral currency units, so it is formatted as a plain number without a currency symbol.
import { langTag, type Locale } from '@/i18n/client';

export interface Formatters {
  /** Exactly `digits` decimals, grouped (12,345 · 0.250); default 0. For figures that line up or show a step. */
  num: (v: number, digits?: number) => string;
  /** At most `maxDigits` decimals, trailing zeros dropped (3.5 · 3.25); default 2. */
  decimal: (v: number, maxDigits?: number) => string;
  /** A whole number of things, grouped (12,345 customers). */
  count: (v: number) => string;
  /** Short form for axis ticks (1.2M, 120万). */
  compact: (v: number) => string;
  /** Short form with at most `significant` significant digits (1.06M · 106万), for ticks close together. */
  compactTo: (v: number, significant: number) => string;
  /** A share 0..1 as a percentage with exactly `digits` decimals (91 % · 91.5 %); default 0. */
  pct: (v: number, digits?: number) => string;
  /** A share 0..1 as a percentage with at most one decimal (91.5 % · 90 %), for figures that move by tenths. */
  percent: (v: number) => string;
  /** Money where space is short (key figures, charts): whole units below 100,000, the short form above. */
  money: (v: number) => string;
  /** Money with every unit shown, where a learner compares small changes of large sums (the concept labs). */
  moneyInFull: (v: number) => string;
  /** A change with its sign (+, − or ±) in front of its size formatted by `size`. */
  signed: (v: number, size: (v: number) => string) => string;
}

const byLocale = new Map<Locale, Formatters>();

/** The formatters of a locale (made once per locale and shared by every island on the page). */
export function makeFormatters(locale: Locale): Formatters {
  const known = byLocale.get(locale);
  if (known) return known;
  const tag = langTag(locale);
  const styles = new Map<string, Intl.NumberFormat>();
  // One Intl.NumberFormat per style and number of digits: building one costs far more than formatting with it.
  const nf = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
    let f = styles.get(key);
    if (!f) {
      f = new Intl.NumberFormat(tag, options);
      styles.set(key, f);
    }
    return f;
  };
  const num = (v: number, digits = 0) => nf(`num${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  const decimal = (v: number, maxDigits = 2) => nf(`dec${maxDigits}`, { maximumFractionDigits: maxDigits }).format(v);
  const compact = (v: number) => nf('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  const count = (v: number) => decimal(v, 0);
  const formatters: Formatters = {
    num,
    decimal,
    count,
    compact,
    compactTo: (v, significant) => nf(`compact-s${significant}`, { notation: 'compact', maximumSignificantDigits: significant }).format(v),
    pct: (v, digits = 0) =>
      nf(`pct${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v),
    percent: (v) => nf('percent', { style: 'percent', maximumFractionDigits: 1 }).format(v),
    money: (v) => (Math.abs(v) >= 1e5 ? compact(v) : count(v)),
    moneyInFull: (v) => num(v, 0),
    signed: (v, size) => (v > 0 ? '+' : v < 0 ? '−' : '±') + size(Math.abs(v)),
  };
  byLocale.set(locale, formatters);
  return formatters;
}
