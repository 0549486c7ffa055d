// The lab's time charts as a list of specs (customers, retention, satisfaction mix, lost by reason, loyalty, profit,
// cumulative profit, equity, CLV) and the props of one chart frame for a run: series, baseline, band, the run's
// events as shaded spans, an honest axis, and the spoken summary. Pure: no DOM, no engine calls, no state.
import type { Component } from 'svelte';
import type { QuarterRow, RunEvent } from '@sim/index';
import type { Band as RunBand } from './montecarlo';
import type { Formatters } from '@/kit/format';
import type { ChartBand, ChartLabels, ChartSeries, ChartSpan } from '@/kit/charts/types';
import { describeTrend, trendKey } from '@/kit/charts/summary';
import type { Locale, MessageKey, StringKey, Translate } from '@/i18n/client';
import { langTag } from '@/i18n/client';
import { lossKey, stateKey } from '@/i18n/vocab';
import Band from '@/kit/charts/Band.svelte';
import Baselines from '@/kit/charts/Baselines.svelte';
import Lines from '@/kit/charts/Lines.svelte';
import StackedArea from '@/kit/charts/StackedArea.svelte';

export const CHART_IDS = ['customers', 'retention', 'satisfaction', 'lost', 'loyalty', 'profit', 'cumProfit', 'equity', 'clv'] as const;
export type ChartId = (typeof CHART_IDS)[number];

type Pick = (r: QuarterRow) => number;
export interface ChartSpec {
  /** Used as {#each} key and `data-chart-id`. */
  id: ChartId;
  title: StringKey;
  /** Series from bottom to top; `color` defaults to the palette in order. */
  series: { id: string; label: StringKey; pick: Pick; color?: string }[];
  /** What the baseline run adds: the same lines dashed (all or only the first), the stack's total, or nothing. */
  baseline?: 'all' | 'first' | { total: StringKey; pick: Pick };
  layers: Component[];
  /** What the spoken summary describes (may be a figure that is not drawn, such as the total lost). */
  summary: { metric: StringKey; pick: Pick; absolute?: boolean };
  format: (v: number) => string;
  diff: (v: number) => string;
  tick?: (v: number) => string;
  unit?: StringKey;
  band?: 'equity' | 'retention';
  stacked?: boolean;
  zero?: boolean;
  yDomain?: [number, number];
  /** The axis may start above zero (retention): then the frame marks and states the cut. */
  cut?: boolean;
}

export const CHART_TITLES: Record<ChartId, StringKey> = {
  customers: 'lab.chart.customers',
  retention: 'lab.chart.retention',
  satisfaction: 'lab.chart.satisfaction',
  lost: 'lab.chart.lost',
  loyalty: 'lab.chart.loyalty',
  profit: 'lab.chart.profit',
  cumProfit: 'lab.chart.cumulativeProfit',
  equity: 'lab.chart.equity',
  clv: 'lab.chart.clv',
};

/** Formats a change in a share as percentage points ("+1.5 percentage points"). */
export function pointsFormatter(t: Translate, f: Formatters): (v: number) => string {
  return (v) => f.signed(v * 100, (a) => t('lab.unit.points', { count: Math.round(a * 100) / 100, n: f.decimal(a) }));
}

export function chartSpecs(t: Translate, f: Formatters): Record<ChartId, ChartSpec> {
  const pct = (v: number) => f.percent(v);
  const signedMoney = (v: number) => f.signed(v, f.money);
  const signedCount = (v: number) => f.signed(v, f.count);
  const signedPct = pointsFormatter(t, f);
  const LINES = [Band, Baselines, Lines];
  /** A money figure over time: one line, its baseline dashed, the summary about that line, the unit above. */
  const moneyLine = (id: ChartId, label: StringKey, pick: Pick): ChartSpec => ({
    id,
    title: CHART_TITLES[id],
    series: [{ id, label, pick }],
    baseline: 'all',
    layers: LINES,
    summary: { metric: label, pick },
    format: f.money,
    diff: signedMoney,
    tick: f.compact,
    unit: 'lab.unit.money',
    zero: true,
  });
  return {
    customers: {
      id: 'customers',
      title: CHART_TITLES.customers,
      series: [
        { id: 'customers', label: 'lab.series.customers', pick: (r) => r.customers },
        { id: 'new', label: 'lab.series.newCustomers', pick: (r) => r.newCustomers },
      ],
      baseline: 'first',
      layers: LINES,
      summary: { metric: 'lab.series.customers', pick: (r) => r.customers },
      format: f.count,
      diff: signedCount,
      tick: f.compact,
      zero: true,
    },
    retention: {
      id: 'retention',
      title: CHART_TITLES.retention,
      series: [{ id: 'retention', label: 'lab.series.retention', pick: (r) => r.retentionRate }],
      baseline: 'all',
      layers: LINES,
      band: 'retention',
      summary: { metric: 'lab.series.retention', pick: (r) => r.retentionRate, absolute: true },
      format: pct,
      diff: signedPct,
      tick: pct,
      cut: true,
    },
    satisfaction: {
      id: 'satisfaction',
      title: CHART_TITLES.satisfaction,
      series: [
        { id: 'dissatisfied', label: stateKey('dissatisfied'), pick: (r) => r.satisfactionShare.dissatisfied, color: 'var(--c5)' },
        { id: 'satisfied', label: stateKey('satisfied'), pick: (r) => r.satisfactionShare.satisfied, color: 'var(--c6)' },
        { id: 'delighted', label: stateKey('delighted'), pick: (r) => r.satisfactionShare.delighted, color: 'var(--c3)' },
      ],
      // Shares add up to 1 in every run, so a baseline total would be a flat line at 100 %: only the summary compares.
      layers: [StackedArea],
      stacked: true,
      yDomain: [0, 1],
      summary: { metric: 'lab.series.delightedShare', pick: (r) => r.satisfactionShare.delighted, absolute: true },
      format: pct,
      diff: signedPct,
    },
    lost: {
      id: 'lost',
      title: CHART_TITLES.lost,
      series: [
        { id: 'company', label: lossKey('company'), pick: (r) => r.lost.company, color: 'var(--c5)' },
        { id: 'competitor', label: lossKey('competitor'), pick: (r) => r.lost.competitor, color: 'var(--c2)' },
        { id: 'customer', label: lossKey('customer'), pick: (r) => r.lost.customer, color: 'var(--c6)' },
      ],
      baseline: { total: 'lab.chart.baselineTotal', pick: (r) => r.lostTotal },
      layers: [StackedArea, Baselines],
      stacked: true,
      summary: { metric: 'lab.series.lostTotal', pick: (r) => r.lostTotal },
      format: f.count,
      diff: signedCount,
    },
    loyalty: {
      id: 'loyalty',
      title: CHART_TITLES.loyalty,
      series: [
        { id: 'true', label: 'lab.series.trueLoyal', pick: (r) => r.trueLoyal },
        { id: 'spurious', label: 'lab.series.spuriousLoyal', pick: (r) => r.spuriousLoyal },
      ],
      baseline: 'all',
      layers: LINES,
      summary: { metric: 'lab.series.spuriousLoyal', pick: (r) => r.spuriousLoyal },
      format: f.count,
      diff: signedCount,
      tick: f.compact,
      zero: true,
    },
    profit: moneyLine('profit', 'lab.series.profit', (r) => r.profit),
    cumProfit: moneyLine('cumProfit', 'lab.series.cumulativeProfit', (r) => r.cumulativeDiscountedProfit),
    equity: { ...moneyLine('equity', 'lab.series.equity', (r) => r.customerEquity), band: 'equity' },
    clv: moneyLine('clv', 'lab.series.meanClv', (r) => r.meanClv),
  };
}

/** The run's events as the charts show them (only what has begun by the last quarter shown, clipped to it). */
export interface EventWords {
  /** The segments' display names by id. */
  segmentName: (id: string) => string;
  t: Translate;
  locale: Locale;
}

const EVENT_COLORS: Record<RunEvent['kind'], string> = {
  rivalPromotion: 'var(--c2)',
  rivalLoyaltyProgramme: 'var(--c4)',
  bondsRemoved: 'var(--c5)',
  qualityIncident: 'var(--c5)',
  demandShock: 'var(--c1)',
};

/** Spans for the events acting in quarters 1..shown (optionally only those acting on one segment). */
export function eventSpans(events: readonly RunEvent[], shown: number, words: EventWords, segment?: string): ChartSpan[] {
  const { t } = words;
  return events
    .filter((e) => e.fromQuarter <= shown && (segment === undefined || e.segments.includes(segment)))
    .map((e, i) => {
      const kind = t(`lab.event.kind.${e.kind}` as StringKey);
      const segments = listFormat(
        e.segments.map((s) => words.segmentName(s)),
        words.locale,
      );
      return {
        id: `${e.kind}-${e.fromQuarter}-${e.segments.join('+')}-${i}`,
        from: e.fromQuarter,
        to: Math.min(e.toQuarter, shown),
        label: t('lab.event.at', { kind, segments }),
        legend: kind,
        color: EVENT_COLORS[e.kind],
      };
    });
}

/**
 * One sentence naming the events on a chart with their quarters, each kind and segment once ("rival promotion:
 * consumers in quarters 7–8, 17–18 and 39–40"), or '' when there are none.
 */
export function eventsSentence(spans: readonly ChartSpan[], words: EventWords): string {
  if (spans.length === 0) return '';
  const { t } = words;
  const groups = new Map<string, ChartSpan[]>();
  for (const s of spans) groups.set(s.label, [...(groups.get(s.label) ?? []), s]);
  const items = [...groups].map(([label, list]) => {
    const quarters = list.reduce((n, s) => n + s.to - s.from + 1, 0);
    const ranges = list.map((s) => (s.from === s.to ? String(s.from) : t('lab.event.range', { from: s.from, to: s.to })));
    return t('lab.event.when', { count: quarters, event: label, list: listFormat(ranges, words.locale) });
  });
  return t('lab.event.sentence', { list: listFormat(items, words.locale) });
}

const listFormats = new Map<Locale, Intl.ListFormat>();
/** "a, b and c" / "a、b和c": a list of complete phrases joined by the locale's own rule. */
export function listFormat(items: readonly string[], locale: Locale): string {
  let lf = listFormats.get(locale);
  if (!lf) listFormats.set(locale, (lf = new Intl.ListFormat(langTag(locale), { type: 'conjunction' })));
  return lf.format(items);
}

export interface ChartInput {
  /** The quarters shown so far (all of them once the run is shown whole). */
  rows: readonly QuarterRow[];
  baseRows: readonly QuarterRow[] | null;
  /** The 10–90 % bands over many markets, when computed for the current settings; null hides them. */
  bands: { equity: RunBand | null; retention: RunBand | null } | null;
  spans: readonly ChartSpan[];
  /** The events sentence for these spans (appended to every summary). */
  events: string;
  /** The run is playing: summaries change every quarter and are not announced meanwhile. */
  playing?: boolean;
  t: Translate;
}

const col = (rs: readonly QuarterRow[], pick: Pick) => rs.map(pick);

/** "Retention fell from 91 % to 84 % after quarter 6", how the last quarter compares with the baseline, and the events. */
export function chartSummary(
  t: Translate,
  x: readonly number[],
  metric: string,
  values: readonly number[],
  base: readonly number[] | null,
  fm: (v: number) => string,
  diff: (v: number) => string,
  options: { absolute?: boolean; events?: string } = {},
): string {
  const tr = describeTrend(x, values, { absolute: options.absolute, flatTolerance: options.absolute ? 0.005 : 0.01 });
  if (!tr) return '';
  let text = t(`lab.summary.${trendKey(tr)}` as MessageKey, {
    metric,
    from: fm(tr.from),
    to: fm(tr.to),
    q: tr.after ?? 0,
    count: x.length,
  });
  if (base && base.length > 0) {
    const i = Math.min(values.length, base.length) - 1;
    const comparison = t('lab.summary.vsBaseline', {
      q: x[i],
      value: fm(values[i]),
      baseline: fm(base[i]),
      difference: diff(values[i] - base[i]),
    });
    text = t('lab.summary.withBaseline', { trend: text, comparison });
  }
  return options.events ? t('lab.summary.withEvents', { summary: text, events: options.events }) : text;
}

/** The props of the chart frame for one spec over the input (everything but layout words). */
export function chartProps(spec: ChartSpec, input: ChartInput) {
  const { rows, baseRows, bands, t } = input;
  const x = rows.map((r) => r.quarter);
  const bandOf = (): ChartBand | null => {
    const b = spec.band && bands ? bands[spec.band] : null;
    if (!b) return null;
    const n = rows.length;
    return { lower: b.lower.slice(0, n), upper: b.upper.slice(0, n), median: b.median.slice(0, n) };
  };
  const baselineOf = (base: readonly QuarterRow[]): ChartSeries[] | null => {
    const b = spec.baseline;
    if (!b) return null;
    if (typeof b === 'object') return [{ id: 'total', label: t(b.total), values: col(base, b.pick) }];
    return (b === 'first' ? spec.series.slice(0, 1) : spec.series).map((s) => ({ id: s.id, label: t(s.label), values: col(base, s.pick) }));
  };
  return {
    x,
    series: spec.series.map((s): ChartSeries => ({ id: s.id, label: t(s.label), values: col(rows, s.pick), color: s.color })),
    baseline: baseRows ? baselineOf(baseRows) : null,
    band: bandOf(),
    spans: input.spans,
    summary: chartSummary(
      t,
      x,
      t(spec.summary.metric),
      col(rows, spec.summary.pick),
      baseRows ? col(baseRows, spec.summary.pick) : null,
      spec.format,
      spec.diff,
      { absolute: spec.summary.absolute, events: input.events },
    ),
  };
}

/** The words every lab chart frame needs. */
export function chartLabels(t: Translate): ChartLabels {
  return {
    baseline: t('lab.chart.baseline'),
    difference: t('lab.chart.difference'),
    band: t('lab.chart.band'),
    median: t('lab.chart.median'),
    events: t('lab.chart.events'),
  };
}
