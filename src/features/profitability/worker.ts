// Web Worker: runs the lab's market with per-customer values and posts the analysis (a few kilobytes), so the
// lesson page stays responsive during the run. The work itself is runAnalysis (profitability.ts, tested without a worker).
import type { Analysis, AnalysisRequest } from './profitability';
import { runAnalysis } from './run';

export interface AnalysisJob {
  id: number;
  request: AnalysisRequest;
}
export type AnalysisMessage = { id: number; type: 'done'; analysis: Analysis } | { id: number; type: 'error'; message: string };

const post = (m: AnalysisMessage) => (self as unknown as { postMessage(m: AnalysisMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<AnalysisJob>) => {
  const { id, request } = ev.data;
  try {
    post({ id, type: 'done', analysis: runAnalysis(request) });
  } catch (e) {
    post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
