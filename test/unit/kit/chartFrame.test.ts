// @vitest-environment jsdom
// The chart frame in a DOM with its layers: caption, data table, summary and keyboard readout for lines, bars and a
// grid; markers; and the market lab's list of chart specs drawn from a real run of the engine.
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cleanup, fireEvent, render, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import FrameWithLayers from './FrameWithLayers.svelte';
import Lines from '@/kit/charts/Lines.svelte';
import Baselines from '@/kit/charts/Baselines.svelte';
import Band from '@/kit/charts/Band.svelte';
import Bars from '@/kit/charts/Bars.svelte';
import HeatCells from '@/kit/charts/HeatCells.svelte';
import WaterfallBars from '@/kit/charts/WaterfallBars.svelte';
import LabCharts from '@/features/market-lab/LabCharts.svelte';
import { LabState } from '@/features/market-lab/LabState.svelte';
import { createSyncRunner } from '@/features/market-lab/syncRunner';
import { CHART_IDS, chartLabels, eventSpans, eventsSentence } from '@/features/market-lab/chartSpecs';
import { bandFromRuns } from '@/features/market-lab/montecarlo';
import { makeFormatters } from '@/kit/format';
import { createT } from '@/i18n/client';
import { pickStrings } from '@/i18n';
import { segmentName } from '@/i18n/vocab';

beforeAll(() => {
  // jsdom has no layout (every width reads 0) and no ResizeObserver; the frame then draws at its smallest size.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(() => cleanup());

const labels = { baseline: 'baseline', difference: 'difference', band: '10–90 %', median: 'median' };
const pct = (v: number) => `${Math.round(v * 100)}%`;

function bodyRows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}

describe('ChartFrame with line layers', () => {
  const props = {
    caption: 'Retention per quarter',
    x: [1, 2, 3],
    series: [{ id: 'ret', label: 'Retention', values: [0.9, 0.85, 0.8] }],
    baseline: [{ id: 'ret', label: 'Retention', values: [0.9, 0.9, 0.9] }],
    band: { lower: [0.8, 0.8, 0.7], upper: [0.95, 0.95, 0.9], median: [0.9, 0.88, 0.85] },
    markers: [{ id: 'cut', x: 2, label: 'Budget cut' }],
    labels,
    xLabel: 'Quarter',
    format: pct,
    summary: 'Retention fell from 90% to 80%.',
    layers: [Band, Baselines, Lines],
  };

  it('renders caption, summary, data table and the layers', () => {
    const { container } = render(FrameWithLayers, props);
    const fig = container.querySelector('figure.chart')!;
    expect(fig.querySelector('figcaption')!.textContent).toBe('Retention per quarter');
    const summary = fig.querySelector('.summary')!;
    expect(summary.textContent).toBe('Retention fell from 90% to 80%.');
    expect(summary.getAttribute('aria-live')).toBe('polite');
    const table = fig.querySelector('.sr-only table') as HTMLElement;
    expect(table.querySelector('caption')!.textContent).toBe('Retention per quarter');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Quarter',
      'Retention',
      'Retention (baseline)',
      '10–90 %',
    ]);
    expect(bodyRows(table)).toEqual([
      ['1', '90%', '90%', '80% – 95%'],
      ['2', '85%', '90%', '80% – 95%'],
      ['3', '80%', '90%', '70% – 90%'],
    ]);
    expect(fig.querySelectorAll('path.series')).toHaveLength(1);
    expect(fig.querySelectorAll('path.baseline')).toHaveLength(1);
    expect(fig.querySelectorAll('path.band')).toHaveLength(1);
    expect(fig.querySelectorAll('path.median')).toHaveLength(1);
    expect(fig.querySelector('[data-marker="cut"]')).not.toBeNull();
    expect(fig.querySelector('.marker-label')!.textContent).toBe('Budget cut');
    expect([...fig.querySelectorAll('.legend li')].map((li) => li.textContent)).toEqual([
      'Retention',
      'baseline',
      '10–90 %',
      '┊Budget cut',
    ]);
  });

  it('writes every text of the data table as text, never as markup, and follows a new result', async () => {
    const { container, rerender } = render(FrameWithLayers, {
      ...props,
      x: [1, 2],
      xFormat: (v: number) => (v === 1 ? '<b>Q1</b>' : 'Q2 & later'),
      series: [{ id: 'ret', label: 'Retention', values: [0.9, 0.85] }],
      baseline: null,
      band: null,
      format: (v: number) => `<i>${pct(v)}</i>`,
    });
    const table = container.querySelector('.sr-only table') as HTMLElement;
    expect(table.querySelectorAll('b, i')).toHaveLength(0);
    expect(bodyRows(table)).toEqual([
      ['<b>Q1</b>', '<i>90%</i>'],
      ['Q2 & later', '<i>85%</i>'],
    ]);
    expect(table.querySelector('tbody th')!.getAttribute('scope')).toBe('row');
    await rerender({
      ...props,
      xFormat: String,
      format: pct,
      x: [1, 2, 3],
      series: [{ id: 'ret', label: 'Retention', values: [0.5, 0.6, 0.7] }],
      baseline: null,
      band: null,
    });
    expect(bodyRows(table)).toEqual([
      ['1', '50%'],
      ['2', '60%'],
      ['3', '70%'],
    ]);
    // A new result changes the texts in place: the same cell elements, a row header on a row added.
    const firstCell = table.querySelector('tbody td');
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.firstElementChild!.outerHTML)).toEqual([
      '<th scope="row">1</th>',
      '<th scope="row">2</th>',
      '<th scope="row">3</th>',
    ]);
    await rerender({
      ...props,
      xFormat: String,
      format: pct,
      x: [1, 2],
      series: [{ id: 'ret', label: 'Retention', values: [0.4, 0.3] }],
      baseline: [{ id: 'ret', label: 'Retention', values: [0.5, 0.5] }],
      band: null,
    });
    expect(table.querySelector('tbody td')).toBe(firstCell);
    expect(bodyRows(table)).toEqual([
      ['1', '40%', '50%'],
      ['2', '30%', '50%'],
    ]);
    expect(table.querySelectorAll('b, i')).toHaveLength(0);
  });

  it("leaves out a label that would print over the previous one, and sets one at the right edge to the rule's left", () => {
    const x = Array.from({ length: 40 }, (_, i) => i + 1);
    const markers = [
      { id: 'a', x: 10, label: 'Incident' },
      { id: 'b', x: 10.5, label: 'Incident' },
      { id: 'c', x: 20, label: 'Rival promotion' },
      { id: 'd', x: 40, label: 'Incident' },
    ];
    // jsdom has no layout: give the frame a desktop width for this test.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 560 });
    // The stub shadows Element.prototype's getter; deleting it gives jsdom's back.
    onTestFinished(() => {
      delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
    });
    const { container } = render(FrameWithLayers, {
      ...props,
      x,
      series: [{ ...props.series[0]!, values: x.map(() => 0.9) }],
      baseline: [],
      band: null,
      markers,
    });
    const fig = container.querySelector('figure.chart')!;
    // Every rule is drawn; the close pair shows one label.
    expect(fig.querySelectorAll('line.marker-rule')).toHaveLength(4);
    const texts = [...fig.querySelectorAll('text.marker-label')];
    expect(texts.map((t) => t.textContent)).toEqual(['Incident', 'Rival promotion', 'Incident']);
    expect(texts.at(-1)!.getAttribute('text-anchor')).toBe('end');
    expect(texts[0]!.getAttribute('text-anchor')).toBe('start');
    // The legend names each kind of event once.
    expect([...fig.querySelectorAll('.legend li')].map((li) => li.textContent).filter((t) => t!.startsWith('┊'))).toEqual([
      '┊Incident',
      '┊Rival promotion',
    ]);
  });

  it('reads out a quarter by keyboard, with the baseline difference, the band and the marker', async () => {
    const { container } = render(FrameWithLayers, props);
    const plot = within(container).getByRole('slider', { name: 'Retention per quarter' });
    expect(plot.getAttribute('aria-valuenow')).toBe('3');
    plot.focus();
    await fireEvent.keyDown(plot, { key: 'Home' });
    expect(plot.getAttribute('aria-valuenow')).toBe('1');
    await fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(plot.getAttribute('aria-valuetext')).toBe(
      'Quarter 2: Retention: 85% (baseline 90%, difference -5%); 10–90 %: 80% – 95%; Budget cut',
    );
    const tip = container.querySelector('.tip')!;
    expect(tip.querySelector('strong')!.textContent).toBe('Quarter 2');
    expect(container.querySelectorAll('line.rule')).toHaveLength(1);
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    await fireEvent.blur(plot);
    expect(container.querySelector('.tip')).toBeNull();
  });

  it('a compact single-series chart drops its legend', () => {
    const { container } = render(FrameWithLayers, { ...props, compact: true, band: null, markers: [] });
    expect(container.querySelector('figure.chart.compact')).not.toBeNull();
    expect(container.querySelector('.legend')).toBeNull();
  });
});

describe('ChartFrame with bars', () => {
  it('draws a bar per category and series, labels their ends and reads categories by keyboard', async () => {
    const { container } = render(FrameWithLayers, {
      kind: 'bars',
      caption: 'Perceived value',
      categories: [
        { id: 'us', label: 'Us' },
        { id: 'them', label: 'Them' },
      ],
      series: [
        { id: 'benefit', label: 'Benefit', values: [3, 2], color: 'var(--c3)' },
        { id: 'cost', label: 'Cost', values: [-1.5, -2], color: 'var(--c2)' },
      ],
      xLabel: 'Offer',
      format: (v: number) => v.toFixed(1),
      summary: 'Us lead.',
      layers: [Bars],
    });
    expect(container.querySelectorAll('rect.bar')).toHaveLength(4);
    expect([...container.querySelectorAll('.bar-value')].map((t) => t.textContent)).toEqual(['3.0', '-1.5', '2.0', '-2.0']);
    expect([...container.querySelectorAll('text.category')].map((t) => t.textContent)).toEqual(['Us', 'Them']);
    expect(bodyRows(container.querySelector('.sr-only table') as HTMLElement)).toEqual([
      ['Us', '3.0', '-1.5'],
      ['Them', '2.0', '-2.0'],
    ]);
    const plot = within(container).getByRole('slider', { name: 'Perceived value' });
    expect(plot.getAttribute('aria-valuemax')).toBe('2');
    await fireEvent.keyDown(plot, { key: 'Home' });
    expect(plot.getAttribute('aria-valuetext')).toBe('Us: Benefit: 3.0; Cost: -1.5');
    expect(container.querySelectorAll('rect.row-focus')).toHaveLength(1);
  });
});

describe('ChartFrame with a waterfall', () => {
  it('draws the totals from zero and each step from the running sum, with signed values and a table', () => {
    const { container } = render(FrameWithLayers, {
      kind: 'bars',
      caption: 'Customer equity by driver',
      categories: [
        { id: 'baseline', label: 'Baseline', total: true },
        { id: 'kept', label: 'Customers kept' },
        { id: 'cost', label: 'Relationship cost' },
        { id: 'current', label: 'Your strategy', total: true },
      ],
      series: [{ id: 'change', label: 'Value or change', values: [100, 30, -50, 80] }],
      xLabel: 'Driver',
      format: (v: number) => v.toFixed(0),
      yDomain: [0, 130],
      summary: 'Equity fell by 20.',
      layers: [WaterfallBars],
    });
    const bars = [...container.querySelectorAll('rect.waterfall-bar')];
    expect(bars.map((b) => b.getAttribute('data-value'))).toEqual(['100', '30', '-50', '80']);
    expect(bars.map((b) => b.getAttribute('class')?.match(/total|up|down/)?.[0])).toEqual(['total', 'up', 'down', 'total']);
    const x = (i: number) => Number(bars[i].getAttribute('x'));
    const w = (i: number) => Number(bars[i].getAttribute('width'));
    // The rise starts where the baseline ends; the fall ends where the rise began less 50; the end bar starts at zero.
    expect(x(1)).toBeCloseTo(x(0) + w(0), 6);
    expect(x(2) + w(2)).toBeCloseTo(x(1) + w(1), 6);
    expect(x(3)).toBeCloseTo(x(0), 6);
    expect(x(2)).toBeCloseTo(x(3) + w(3), 6);
    expect([...container.querySelectorAll('.bar-value')].map((t) => t.textContent)).toEqual(['100', '+30', '−50', '80']);
    expect(bodyRows(container.querySelector('.sr-only table') as HTMLElement)).toEqual([
      ['Baseline', '100'],
      ['Customers kept', '30'],
      ['Relationship cost', '-50'],
      ['Your strategy', '80'],
    ]);
  });
});

describe('ChartFrame as a grid', () => {
  it('colours one cell per value, marks points, keeps the table and is not a slider', () => {
    const { container } = render(FrameWithLayers, {
      kind: 'grid',
      caption: 'Customer equity',
      x: [25, 75],
      series: [
        { id: 'r0', label: '25', values: [-10, 0] },
        { id: 'r1', label: '75', values: [20, 40] },
      ],
      xLabel: 'Acquisition spend',
      yLabel: 'Retention spend',
      xFormat: String,
      format: String,
      xDomain: [0, 100],
      yDomain: [0, 100],
      markers: [
        { id: 'opt', x: 75, y: 75, label: 'Optimum', shape: 'star' },
        { id: 'you', x: 250, y: 25, label: 'You', shape: 'ring' },
      ],
      summary: 'The optimum is at 75 / 75.',
      layers: [HeatCells],
    });
    const cells = [...container.querySelectorAll('svg rect:not(.cells-outline)')];
    expect(cells).toHaveLength(4);
    expect(cells[0].getAttribute('fill')).toBe('rgb(179, 84, 30)');
    expect(container.querySelector('polygon.marker-star')).not.toBeNull();
    // A point beyond the axes is drawn at their edge.
    const ring = container.querySelector('circle.marker-ring')!;
    const plotWidth = Number(container.querySelector('rect.cells-outline')!.getAttribute('width'));
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(plotWidth, 6);
    expect([...container.querySelectorAll('.axis-title')].map((t) => t.textContent)).toEqual(['Acquisition spend', 'Retention spend']);
    expect([...container.querySelectorAll('.legend li')].map((li) => li.textContent)).toEqual(['-10', '0', '40', '★Optimum', '○You']);
    const table = container.querySelector('.sr-only table') as HTMLElement;
    expect(table.querySelector('thead th')!.textContent).toBe('Retention spend \\ Acquisition spend');
    expect(bodyRows(table)).toEqual([
      ['25', '-10', '0'],
      ['75', '20', '40'],
    ]);
    expect(container.querySelector('[role="slider"]')).toBeNull();
    expect(container.querySelector('.plot')!.hasAttribute('tabindex')).toBe(false);
  });
});

describe('LabCharts: the market lab chart specs over a real run', () => {
  const strings = pickStrings('en', 'lab.', 'vocab.state.', 'vocab.loss.', 'vocab.segment.');
  const t = createT(strings, 'en');
  const f = makeFormatters('en');

  function run() {
    const lab = new LabState({ runner: createSyncRunner() });
    lab.setScalar('quarters', 8);
    lab.pinBaseline();
    lab.setScalar('quality', 4.5);
    const rows = lab.run!.overall;
    const baseRows = lab.baselineRun!.overall;
    const names = new Map(lab.market.segments.map((s) => [s.id, segmentName(s, 'en', t)]));
    const segments = lab.market.segments.map((s) => ({
      id: s.id,
      label: names.get(s.id)!,
      rows: lab.run!.bySegment[s.id],
      baseRows: lab.baselineRun!.bySegment[s.id],
    }));
    const equity = bandFromRuns([rows.map((r) => r.customerEquity * 0.9), rows.map((r) => r.customerEquity * 1.1)]);
    const retention = bandFromRuns([rows.map((r) => r.retentionRate - 0.02), rows.map((r) => r.retentionRate + 0.02)]);
    const eventWords = { segmentName: (id: string) => names.get(id) ?? id, t, locale: 'en' as const };
    const events = lab.current!.events;
    const spans = eventSpans(events, 8, eventWords);
    return { rows, baseRows, segments, bands: { equity, retention }, events, eventWords, spans };
  }

  it('renders every spec with its caption, data table of the engine numbers as formatted, events, summary and layers', () => {
    const { rows, baseRows, segments, bands, events, eventWords, spans } = run();
    // Seed 2026 schedules a rival promotion for consumers in quarters 7–8: every chart marks it.
    expect(spans.map((s) => [s.from, s.to])).toEqual([[7, 8]]);
    const input = { rows, baseRows, bands, spans, events: eventsSentence(spans, eventWords), t };
    const { container } = render(LabCharts, {
      input,
      horizon: 8,
      labels: chartLabels(t),
      segments,
      runEvents: events,
      eventWords,
      t,
      f,
      open: [...CHART_IDS],
    });
    const ids = [...container.querySelectorAll('.grid [data-chart-id]')].map((d) => d.getAttribute('data-chart-id'));
    expect(ids).toEqual(['customers', 'retention', 'satisfaction', 'lost', 'loyalty', 'profit', 'cumProfit', 'equity', 'clv']);
    for (const id of ids) {
      const fig = container.querySelector(`[data-chart-id="${id}"] figure.chart`)!;
      expect(fig.querySelector('figcaption')!.textContent).not.toBe('');
      expect(fig.querySelector('.summary')!.textContent).toMatch(/in the baseline/);
      expect(fig.querySelector('.summary')!.textContent).toMatch(/Rival promotion: Consumers \(many, low value\) in quarters 7–8/);
      const table = fig.querySelector('.sr-only table') as HTMLElement;
      expect(bodyRows(table)).toHaveLength(8);
      expect(bodyRows(table)[6].at(-1)).toBe('Rival promotion: Consumers (many, low value)');
      expect(bodyRows(table)[5].at(-1)).toBe('–');
      expect(fig.querySelectorAll('rect.span')).toHaveLength(1);
      expect(fig.querySelector('[role="slider"]')!.getAttribute('aria-valuetext')).toMatch(/^Quarter 8: .*Rival promotion/);
    }
    const retention = container.querySelector('[data-chart-id="retention"]')!;
    expect(retention.querySelector('figcaption')!.textContent).toBe(t('lab.chart.retention'));
    expect(bodyRows(retention.querySelector('.sr-only table') as HTMLElement).map((r) => r[1])).toEqual(
      rows.map((r) => f.percent(r.retentionRate)),
    );
    expect(bodyRows(retention.querySelector('.sr-only table') as HTMLElement).map((r) => r[2])).toEqual(
      baseRows.map((r) => f.percent(r.retentionRate)),
    );
    // Retention is not drawn from zero: the frame marks the cut and says where the axis starts.
    const cut = retention.querySelector('.axis-note')!;
    expect(cut.textContent).toMatch(/^The axis starts at \d+(\.\d)?%, not at zero/);
    expect(retention.querySelectorAll('path.axis-cut')).toHaveLength(1);
    expect(container.querySelectorAll('[data-chart-id="equity"] .axis-note')).toHaveLength(0);
    const equity = container.querySelector('[data-chart-id="equity"]')!;
    expect(bodyRows(equity.querySelector('.sr-only table') as HTMLElement).map((r) => r[1])).toEqual(
      rows.map((r) => f.money(r.customerEquity)),
    );
    expect(equity.querySelectorAll('path.band')).toHaveLength(1);
    expect(equity.querySelectorAll('path.baseline')).toHaveLength(1);
    expect(equity.querySelector('path.baseline')!.getAttribute('data-label')).toBe('baseline');
    expect(container.querySelectorAll('[data-chart-id="profit"] path.band')).toHaveLength(0);
    // Stacked charts: an area per reason; the lost chart's baseline is the total, as a dashed line and a column.
    const lost = container.querySelector('[data-chart-id="lost"]')!;
    expect(lost.querySelectorAll('path.stack')).toHaveLength(3);
    expect(lost.querySelectorAll('path.baseline')).toHaveLength(1);
    expect([...lost.querySelectorAll('thead th')].map((th) => th.textContent)).toContain(t('lab.chart.baselineTotal'));
    expect(container.querySelectorAll('[data-chart-id="satisfaction"] path.baseline')).toHaveLength(0);
    expect(container.querySelectorAll('[data-chart-id="customers"] path.series')).toHaveLength(2);
    expect(container.querySelectorAll('[data-chart-id="customers"] path.baseline')).toHaveLength(1);
    expect([...container.querySelectorAll('[data-chart-id="customers"] .legend li')].map((li) => li.textContent)).toContain(
      'Rival promotion',
    );
  });

  it('draws only the charts that are open; no baseline or band when none is given; multiples follow the chosen metric', async () => {
    const { rows, segments, events, eventWords } = run();
    const input = { rows, baseRows: null, bands: null, spans: [], events: '', t };
    const { container } = render(LabCharts, {
      input,
      horizon: 8,
      labels: chartLabels(t),
      segments: segments.map((s) => ({ ...s, baseRows: null })),
      runEvents: events,
      eventWords,
      t,
      f,
    });
    expect(container.querySelectorAll('figure.chart')).toHaveLength(0);
    const box = container.querySelector('[data-chart-box="profit"]') as HTMLDetailsElement;
    box.open = true;
    await fireEvent(box, new Event('toggle'));
    flushSync();
    expect(container.querySelectorAll('figure.chart')).toHaveLength(1);
    expect(container.querySelectorAll('path.baseline, path.band')).toHaveLength(0);
    expect(container.querySelector('.legend-note')).toBeNull();
    const small = container.querySelector('details.small') as HTMLDetailsElement;
    small.open = true;
    await fireEvent(small, new Event('toggle'));
    flushSync();
    const multiples = container.querySelectorAll('.multiples figure.chart');
    expect(multiples).toHaveLength(segments.length);
    const first = multiples[0];
    expect(bodyRows(first.querySelector('.sr-only table') as HTMLElement).map((r) => r[1])).toEqual(
      segments[0].rows.map((r) => f.percent(r.retentionRate)),
    );
    // The consumers' promotion is marked on their own chart only.
    expect(first.querySelectorAll('rect.span')).toHaveLength(1);
    expect(multiples[1].querySelectorAll('rect.span')).toHaveLength(0);
    const select = container.querySelector('.small select') as HTMLSelectElement;
    select.value = 'customers';
    await fireEvent.change(select);
    flushSync();
    expect(bodyRows(first.querySelector('.sr-only table') as HTMLElement).map((r) => r[1])).toEqual(
      segments[0].rows.map((r) => f.count(r.customers)),
    );
  });
});
