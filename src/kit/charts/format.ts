// Locale-aware number formatters for charts and key figures (Intl.NumberFormat; no strings looked up here).
// Money is in the model's abstract currency units, so it is formatted as a plain number.

export interface Formatters {
  count: (v: number) => string;
  compact: (v: number) => string;
  money: (v: number) => string;
  percent: (v: number) => string;
  percentPoints: (v: number) => string;
  decimal: (v: number) => string;
  signed: (v: number, f: (v: number) => string) => string;
}

export function makeFormatters(localeTag: string): Formatters {
  const count = new Intl.NumberFormat(localeTag, { maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(localeTag, { notation: 'compact', maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(localeTag, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(localeTag, { maximumFractionDigits: 2 });
  const pp = new Intl.NumberFormat(localeTag, { maximumFractionDigits: 1 });
  return {
    count: (v) => count.format(v),
    compact: (v) => compact.format(v),
    money: (v) => (Math.abs(v) >= 1e5 ? compact.format(v) : count.format(v)),
    percent: (v) => percent.format(v),
    percentPoints: (v) => pp.format(v * 100),
    decimal: (v) => decimal.format(v),
    signed: (v, f) => (v > 0 ? '+' : v < 0 ? '−' : '±') + f(Math.abs(v))
  };
}
