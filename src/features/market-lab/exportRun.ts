// Export of a lab run as CSV (one row per quarter and scope) and JSON (seed, settings, model version, series).
// Pure string building: the view turns the text into a download; no DOM and no engine calls here.
import type { QuarterRow, RunResult } from '@sim/index';
import type { LabSettings } from './settings';

/** CSV columns in order; nested fields are flattened with an underscore. */
export const CSV_COLUMNS = [
  'scope',
  'quarter',
  'customers',
  'newCustomers',
  'lost_company',
  'lost_competitor',
  'lost_customer',
  'lostTotal',
  'retentionRate',
  'meanSatisfaction',
  'share_dissatisfied',
  'share_satisfied',
  'share_delighted',
  'trueLoyal',
  'spuriousLoyal',
  'revenue',
  'margin',
  'relationshipCost',
  'acquisitionCost',
  'profit',
  'cumulativeDiscountedProfit',
  'customerEquity',
  'meanClv'
] as const;

function rowValues(scope: string, r: QuarterRow): (string | number)[] {
  return [
    scope,
    r.quarter,
    r.customers,
    r.newCustomers,
    r.lost.company,
    r.lost.competitor,
    r.lost.customer,
    r.lostTotal,
    r.retentionRate,
    r.meanSatisfaction,
    r.satisfactionShare.dissatisfied,
    r.satisfactionShare.satisfied,
    r.satisfactionShare.delighted,
    r.trueLoyal,
    r.spuriousLoyal,
    r.revenue,
    r.margin,
    r.relationshipCost,
    r.acquisitionCost,
    r.profit,
    r.cumulativeDiscountedProfit,
    r.customerEquity,
    r.meanClv
  ];
}

/** RFC 4180 quoting: only when needed; a leading =,+,-,@ in text is prefixed so spreadsheets do not run it. */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface ExportMeta {
  /** The lab URL query that reproduces the run (v=1&…). */
  query: string;
}

/**
 * Header lines starting with "#" carry the model version, seed, market and the settings query, then one row
 * per quarter for the whole firm (scope "all") followed by each segment.
 */
export function runToCsv(run: RunResult, meta: ExportMeta): string {
  const lines: string[] = [
    `# CRM Lab run`,
    `# modelVersion,${csvCell(run.modelVersion)}`,
    `# seed,${csvCell(run.seed)}`,
    `# market,${csvCell(run.marketId)}`,
    `# quarters,${run.quarters}`,
    `# settings,${csvCell(meta.query)}`,
    CSV_COLUMNS.join(',')
  ];
  for (const r of run.overall) lines.push(rowValues('all', r).map(csvCell).join(','));
  for (const [seg, rows] of Object.entries(run.bySegment)) {
    for (const r of rows) lines.push(rowValues(seg, r).map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export interface RunExport {
  format: 'crm-lab-run';
  formatVersion: 1;
  modelVersion: string;
  seed: string;
  marketId: string;
  quarters: number;
  settings: LabSettings;
  query: string;
  strategy: RunResult['strategy'];
  overall: QuarterRow[];
  bySegment: Record<string, QuarterRow[]>;
}

export function runToJson(run: RunResult, settings: LabSettings, meta: ExportMeta): string {
  const doc: RunExport = {
    format: 'crm-lab-run',
    formatVersion: 1,
    modelVersion: run.modelVersion,
    seed: run.seed,
    marketId: run.marketId,
    quarters: run.quarters,
    settings,
    query: meta.query,
    strategy: run.strategy,
    overall: run.overall,
    bySegment: run.bySegment
  };
  return JSON.stringify(doc, null, 2);
}
