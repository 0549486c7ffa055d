// When a freshly loaded page is ready to be checked: its load event, every island that hydrates on its own has
// hydrated, its busy markers are cleared and no request (a lazy chunk, a worker, data) is in flight across an idle
// moment of the page. Event-driven, never a fixed sleep; not a substitute for waiting on what a test is about.
import type { Page, Request } from '@playwright/test';

export interface RequestTracker {
  /** Requests started since the tracker was made. */
  started(): number;
  /** Resolves once no request of the page is in flight. */
  quiet(): Promise<void>;
}

/** Counts the page's requests from now on (make it before `page.goto`). */
export function trackRequests(page: Page): RequestTracker {
  let started = 0;
  let ended = 0;
  let waiters: (() => void)[] = [];
  const end = () => {
    ended++;
    if (ended === started) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  // data: and blob: URLs are read in the page, not fetched; some never report an end.
  const fetched = (r: Request) => !/^(data|blob):/.test(r.url());
  page.on('request', (r) => {
    if (fetched(r)) started++;
  });
  page.on('requestfinished', (r) => {
    if (fetched(r)) end();
  });
  page.on('requestfailed', (r) => {
    if (fetched(r)) end();
  });
  return {
    started: () => started,
    quiet: () => (ended === started ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

/**
 * Waits until the page is settled: loaded; no island left server-rendered except `client:visible` ones (they hydrate
 * when scrolled to, and a visible one starts its request at once, which the next step waits for); nothing marked
 * aria-busy or data-ready="false"; then no request in flight before and after the page's next idle callback and frame,
 * repeated until a round starts no new request (a chunk that imports another is waited for too).
 */
export async function settled(page: Page, requests: RequestTracker): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () => document.querySelector('astro-island[ssr]:not([client="visible"]), [aria-busy="true"], [data-ready="false"]') === null,
  );
  for (;;) {
    await requests.quiet();
    const before = requests.started();
    await page.evaluate(
      () => new Promise<void>((resolve) => requestIdleCallback(() => requestAnimationFrame(() => resolve()), { timeout: 2000 })),
    );
    if (requests.started() === before) {
      await requests.quiet();
      if (requests.started() === before) return;
    }
  }
}
