// A small SCORM 1.2 API for unit tests that records every call and can be told to refuse: the bridges'
// tests check what a package sends and how it reads the LMS's answers. Not an LMS (the e2e uses scorm-again).
import type { Scorm12Api } from '@/features/scorm/api';

export class FakeLms implements Scorm12Api {
  data = new Map<string, string>();
  calls: string[] = [];
  lastError = '0';
  /** Elements whose LMSSetValue is refused with error 405 (or every call when 'all'). */
  refuse = new Set<string>();
  refuseCommit = false;
  refuseInitialize = false;
  /** Returns "true" but sets an error code (some LMSs do this). */
  lieOnCommit = false;
  interactions: Record<string, string>[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, v);
  }

  LMSInitialize(): string {
    this.calls.push('LMSInitialize');
    this.lastError = this.refuseInitialize ? '101' : '0';
    return this.refuseInitialize ? 'false' : 'true';
  }
  LMSFinish(): string {
    this.calls.push('LMSFinish');
    this.lastError = '0';
    return 'true';
  }
  LMSGetValue(element: string): string {
    this.calls.push(`get ${element}`);
    this.lastError = '0';
    if (element === 'cmi.interactions._count') return String(this.interactions.length);
    return this.data.get(element) ?? '';
  }
  LMSSetValue(element: string, value: string): string {
    this.calls.push(`set ${element}=${value}`);
    if (this.refuse.has(element) || this.refuse.has('all')) {
      this.lastError = '405';
      return 'false';
    }
    this.lastError = '0';
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (m) {
      const n = Number(m[1]);
      if (n > this.interactions.length) {
        this.lastError = '201';
        return 'false';
      }
      this.interactions[n] ??= {};
      this.interactions[n]![m[2]!] = value;
      return 'true';
    }
    this.data.set(element, value);
    return 'true';
  }
  LMSCommit(): string {
    this.calls.push('LMSCommit');
    if (this.lieOnCommit) {
      this.lastError = '101';
      return 'true';
    }
    this.lastError = this.refuseCommit ? '101' : '0';
    return this.refuseCommit ? 'false' : 'true';
  }
  LMSGetLastError(): string {
    return this.lastError;
  }
  LMSGetErrorString(code: string): string {
    return code === '405' ? 'Incorrect data type' : code === '101' ? 'General exception'.padEnd(400, '!') : 'No error';
  }
  LMSGetDiagnostic(code: string): string {
    return code;
  }
}
