// Export of a lab run as CSV (the model's one column list, shared with the command line) and JSON (seed,
// settings, model version, series). Pure string building: the view downloads it; no DOM, no engine calls.
import type { QuarterRow, RunResult } from '@sim/index';
import type { LabSettings } from './settings';

export interface ExportMeta {
  /** The lab URL query that reproduces the run (v=1&…). */
  query: string;
}

/** The run's CSV: the same file `npm run sim -- --format csv` writes for the same run. */
export { runToCsv } from '@sim/columns';

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
    bySegment: run.bySegment,
  };
  return JSON.stringify(doc, null, 2);
}
