// The SCORM 1.2 runtime API as the LMS exposes it, and how a package finds it: the ADL search of the
// window.parent chain (a bounded number of steps), then the opener's chain. Pure apart from reading the
// windows it is handed; it never calls the API (session.ts does).

/** The eight functions of the SCORM 1.2 API object (`window.API`); every value crosses as a string. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** What the search needs of a window: its API, its parent and its opener (tests pass plain objects). */
export interface ApiWindow {
  API?: unknown;
  parent?: ApiWindow | null;
  opener?: ApiWindow | null;
}

/**
 * How many parents the search climbs. ADL's sample climbs 7; LMS players nest a few frames deep
 * (Moodle 2–3), and a bound keeps a cyclic or hostile chain from looping.
 */
export const MAX_PARENT_STEPS = 7;

const FUNCTIONS = [
  'LMSInitialize',
  'LMSFinish',
  'LMSGetValue',
  'LMSSetValue',
  'LMSCommit',
  'LMSGetLastError',
  'LMSGetErrorString',
  'LMSGetDiagnostic',
] as const;

/** An object with all eight functions; anything else named API (a form field, a SCORM 2004 API) is not one. */
export function isScorm12Api(value: unknown): value is Scorm12Api {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return FUNCTIONS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** Reads a property of another frame's window; a cross-origin frame throws, which counts as "nothing there". */
function read<K extends keyof ApiWindow>(win: ApiWindow, key: K): ApiWindow[K] | undefined {
  try {
    return win[key];
  } catch {
    return undefined;
  }
}

/** The API on this window or one of its first MAX_PARENT_STEPS parents, or null. */
export function searchParents(start: ApiWindow): Scorm12Api | null {
  let win: ApiWindow = start;
  for (let steps = 0; ; steps++) {
    const api = read(win, 'API');
    if (isScorm12Api(api)) return api;
    const parent = read(win, 'parent');
    if (!parent || parent === win || steps >= MAX_PARENT_STEPS) return null;
    win = parent;
  }
}

/** The standard search: this window's parent chain, then its opener's (a course that opens the package in a new window). */
export function findApi(start: ApiWindow): Scorm12Api | null {
  const found = searchParents(start);
  if (found) return found;
  const opener = read(start, 'opener');
  return opener ? searchParents(opener) : null;
}
