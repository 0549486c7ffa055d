// What a chart says in words: the rows of its visually hidden data table and the readout of one position
// (the tooltip and the plot's aria-valuetext). Pure functions of the frame's props; no strings are looked up here.
import { isFiniteNumber } from './geometry';
import { escapeHtml } from '@/kit/html';
import {
  seriesColor,
  type ChartBand,
  type ChartCategory,
  type ChartKind,
  type ChartLabels,
  type ChartMarker,
  type ChartSeries,
  type ChartSpan,
} from './types';

export interface ReadoutInput {
  kind: ChartKind;
  x: readonly number[];
  categories: readonly ChartCategory[];
  series: readonly ChartSeries[];
  baseline: readonly ChartSeries[];
  band: ChartBand | null;
  markers: readonly ChartMarker[];
  /** Events over stretches of x (xy only): a column of the table and a line of the readout where they act. */
  spans?: readonly ChartSpan[];
  labels: ChartLabels;
  /** Name of the x positions (xy, grid) or header of the category column (bars). */
  xLabel: string;
  /** Name of the y positions of a grid (its table's corner reads "y \ x"). */
  yLabel: string;
  format: (v: number) => string;
  diffFormat: (v: number) => string;
  xFormat: (v: number) => string;
}

export interface TableModel {
  corner: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; cells: string[] }[];
}

const MISSING = '–';

function cell(v: number | null | undefined, format: (v: number) => string): string {
  return isFiniteNumber(v) ? format(v) : MISSING;
}

/** Baseline series split into those that shadow a series (same id) and those that stand alone (a total). */
function splitBaseline(p: Pick<ReadoutInput, 'series' | 'baseline'>) {
  const ids = new Set(p.series.map((s) => s.id));
  const byId = new Map<string, ChartSeries>();
  const own: ChartSeries[] = [];
  for (const b of p.baseline) {
    if (ids.has(b.id)) byId.set(b.id, b);
    else own.push(b);
  }
  return { byId, own };
}

/** The spans acting at x (their labels, in order), for the table's events column and the readout. */
export function spansAt(spans: readonly ChartSpan[] | undefined, x: number): string[] {
  return (spans ?? []).filter((s) => s.from <= x && x <= s.to).map((s) => s.label);
}

/**
 * The data table: one row per x position (xy), per category (bars) or per grid row; one column per series, with its
 * baseline beside it, then stand-alone baselines, the band and the events acting at that x (when the chart has
 * spans). A grid has one column per x position instead.
 */
export function chartTable(p: ReadoutInput): TableModel {
  if (p.kind === 'grid') {
    return {
      corner: `${p.yLabel} \\ ${p.xLabel}`,
      columns: p.x.map((v, i) => ({ key: String(i), label: p.xFormat(v) })),
      rows: p.series.map((s) => ({ key: s.id, label: s.label, cells: p.x.map((_, i) => cell(s.values[i], p.format)) })),
    };
  }
  const { byId, own } = splitBaseline(p);
  const columns: TableModel['columns'] = [];
  for (const s of p.series) {
    columns.push({ key: s.id, label: s.label });
    if (byId.has(s.id)) columns.push({ key: `${s.id}:baseline`, label: `${s.label} (${p.labels.baseline})` });
  }
  for (const b of own) columns.push({ key: `${b.id}:baseline`, label: b.label });
  if (p.band) columns.push({ key: 'band', label: p.labels.band });
  const events = p.kind === 'xy' && (p.spans?.length ?? 0) > 0;
  if (events) columns.push({ key: 'events', label: p.labels.events ?? '' });
  const positions =
    p.kind === 'bars'
      ? p.categories.map((c) => ({ key: c.id, label: c.label }))
      : p.x.map((v) => ({ key: String(v), label: p.xFormat(v) }));
  const band = p.band;
  const rows = positions.map((pos, i) => {
    const cells: string[] = [];
    for (const s of p.series) {
      cells.push(cell(s.values[i], p.format));
      const b = byId.get(s.id);
      if (b) cells.push(cell(b.values[i], p.format));
    }
    for (const b of own) cells.push(cell(b.values[i], p.format));
    if (band)
      cells.push(
        isFiniteNumber(band.lower[i]) && isFiniteNumber(band.upper[i])
          ? `${p.format(band.lower[i])} – ${p.format(band.upper[i])}`
          : MISSING,
      );
    if (events) cells.push(spansAt(p.spans, p.x[i]).join('; ') || MISSING);
    return { ...pos, cells };
  });
  return { corner: p.xLabel, columns, rows };
}

export interface Readout {
  title: string;
  /** One line per series (with its colour for the tooltip's swatch), then baselines, the band and markers. */
  lines: { key: string; text: string; color?: string }[];
}

/** The readout of position `i`: "Quarter 6" and "Retention: 91 % (baseline 89 %, difference +2 points)"… */
export function readoutAt(p: ReadoutInput, i: number): Readout {
  const { byId, own } = splitBaseline(p);
  const title = p.kind === 'bars' ? (p.categories[i]?.label ?? '') : `${p.xLabel} ${p.xFormat(p.x[i])}`;
  const lines: Readout['lines'] = p.series.map((s, k) => {
    const v = s.values[i];
    const color = seriesColor(s, k);
    if (!isFiniteNumber(v)) return { key: s.id, text: `${s.label}: ${MISSING}`, color };
    const b = byId.get(s.id)?.values[i];
    if (isFiniteNumber(b)) {
      return {
        key: s.id,
        text: `${s.label}: ${p.format(v)} (${p.labels.baseline} ${p.format(b)}, ${p.labels.difference} ${p.diffFormat(v - b)})`,
        color,
      };
    }
    return { key: s.id, text: `${s.label}: ${p.format(v)}`, color };
  });
  for (const b of own) {
    const v = b.values[i];
    if (isFiniteNumber(v)) lines.push({ key: `${b.id}:baseline`, text: `${b.label}: ${p.format(v)}` });
  }
  const band = p.band;
  if (band && isFiniteNumber(band.lower[i]) && isFiniteNumber(band.upper[i])) {
    lines.push({ key: 'band', text: `${p.labels.band}: ${p.format(band.lower[i])} – ${p.format(band.upper[i])}` });
  }
  if (p.kind === 'xy') {
    for (const m of p.markers) if (m.y === undefined && m.x === p.x[i]) lines.push({ key: `marker:${m.id}`, text: m.label });
    for (const s of p.spans ?? []) if (s.from <= p.x[i] && p.x[i] <= s.to) lines.push({ key: `span:${s.id}`, text: s.label });
  }
  return { title, lines };
}

/** The readout as one line for assistive technology (the plot's aria-valuetext). */
export function readoutText(r: Readout): string {
  return `${r.title}: ${r.lines.map((l) => l.text).join('; ')}`;
}

/**
 * The table's body rows as HTML (a row header and one cell per column, every text escaped). A chart's table has a row
 * per position and changes whole with each new result: written as one string it costs one parse, where a reactive
 * cell per value would cost an update each.
 */
export function tableBodyHtml(rows: TableModel['rows']): string {
  let html = '';
  for (const r of rows) {
    html += `<tr><th scope="row">${escapeHtml(r.label)}</th>`;
    for (const c of r.cells) html += `<td>${escapeHtml(c)}</td>`;
    html += '</tr>';
  }
  return html;
}
