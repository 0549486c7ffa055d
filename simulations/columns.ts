// The one column list of a run's rows: the command line's --format csv and the lab's CSV export both
// write a run through runToCsv, so the same run gives the same file. Columns only; no arithmetic.
import type { QuarterRow, RunResult } from './engine.ts';
import { toCsv, type CsvCell } from './csv.ts';

export interface RunColumn {
  id: string;
  value(row: QuarterRow, scope: string, run: RunResult): CsvCell;
}

/** Scope of the whole firm's rows; the other rows carry a segment id. */
export const OVERALL_SCOPE = 'overall';

/**
 * The run's metadata (model version, seed, market) is repeated in constant columns rather than in
 * comment lines, which spreadsheets read as data: every row stays self-describing when files of
 * several runs are pasted together or filtered. The strategy is in the JSON exports.
 */
export const RUN_COLUMNS: readonly RunColumn[] = [
  { id: 'modelVersion', value: (_r, _s, run) => run.modelVersion },
  { id: 'seed', value: (_r, _s, run) => run.seed },
  { id: 'market', value: (_r, _s, run) => run.marketId },
  { id: 'scope', value: (_r, scope) => scope },
  { id: 'quarter', value: (r) => r.quarter },
  { id: 'customers', value: (r) => r.customers },
  { id: 'customersAtStart', value: (r) => r.customersAtStart },
  { id: 'newCustomers', value: (r) => r.newCustomers },
  { id: 'lostCompany', value: (r) => r.lost.company },
  { id: 'lostCompetitor', value: (r) => r.lost.competitor },
  { id: 'lostCustomer', value: (r) => r.lost.customer },
  { id: 'lostTotal', value: (r) => r.lostTotal },
  { id: 'retentionRate', value: (r) => r.retentionRate },
  { id: 'meanSatisfaction', value: (r) => r.meanSatisfaction },
  { id: 'shareDissatisfied', value: (r) => r.satisfactionShare.dissatisfied },
  { id: 'shareSatisfied', value: (r) => r.satisfactionShare.satisfied },
  { id: 'shareDelighted', value: (r) => r.satisfactionShare.delighted },
  { id: 'trueLoyal', value: (r) => r.trueLoyal },
  { id: 'spuriousLoyal', value: (r) => r.spuriousLoyal },
  { id: 'referrals', value: (r) => r.referrals },
  { id: 'revenue', value: (r) => r.revenue },
  { id: 'margin', value: (r) => r.margin },
  { id: 'relationshipCost', value: (r) => r.relationshipCost },
  { id: 'acquisitionCost', value: (r) => r.acquisitionCost },
  { id: 'profit', value: (r) => r.profit },
  { id: 'cumulativeDiscountedProfit', value: (r) => r.cumulativeDiscountedProfit },
  { id: 'customerEquity', value: (r) => r.customerEquity },
  { id: 'meanClv', value: (r) => r.meanClv },
];

/** The whole firm's rows, then each segment's, quarter by quarter; or only `segment`'s rows. */
export function runRows(run: RunResult, segment?: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  const add = (scope: string, series: readonly QuarterRow[]) => {
    for (const r of series) rows.push(RUN_COLUMNS.map((c) => c.value(r, scope, run)));
  };
  if (segment === undefined) add(OVERALL_SCOPE, run.overall);
  for (const [id, series] of Object.entries(run.bySegment)) if (segment === undefined || id === segment) add(id, series);
  return rows;
}

export function runToCsv(run: RunResult, segment?: string): string {
  return toCsv(
    RUN_COLUMNS.map((c) => c.id),
    runRows(run, segment),
  );
}
