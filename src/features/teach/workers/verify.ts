// Web Worker of the class board: receives the scenario library once, then files one at a time, and answers each
// with its check (checkFile.ts). Several run side by side, one per core; the pool is verifyPool.ts.
import type { Scenario } from '@sim/scenario';
import { makeChecker, type FileCheck, type FileLike } from '../checkFile';

export type VerifyRequest = { type: 'init'; scenarios: Scenario[] } | { type: 'check'; id: number; file: FileLike };
export interface VerifyAnswer {
  id: number;
  check: FileCheck;
}

let check: ReturnType<typeof makeChecker> | null = null;
const post = (m: VerifyAnswer) => (self as unknown as { postMessage(m: VerifyAnswer): void }).postMessage(m);

self.onmessage = async (ev: MessageEvent<VerifyRequest>) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    check = makeChecker(msg.scenarios);
    return;
  }
  const fileName = msg.file.name;
  if (check === null) {
    post({ id: msg.id, check: { ok: false, fileName, reason: 'unreadable', detail: 'not ready' } });
    return;
  }
  post({ id: msg.id, check: await check(msg.file) });
};
