// What a page that only runs the model bundles: built with Vite (the bundler of the site) from an entry
// that imports simulate and MarketModel, the recorders of observer.ts must be tree-shaken away. The same
// build from an entry that imports simulateObserved shows the markers do detect them. No sizes asserted.
import { describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('../../../simulations/index.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Functions and classes declared only in the recorders' code (observer.ts) and the events they return (events.ts). */
const OBSERVER_MARKERS = [
  'CensusRecorder',
  'ValuationRecorder',
  'TraceRecorder',
  'explainStep',
  'runObserver',
  'simulateObserved',
  'runEvents',
];

/** The markers declared in `code` (as `function name(`, `class name` or `name = class`). */
function declared(code: string): string[] {
  return OBSERVER_MARKERS.filter((name) => new RegExp(`\\b(function|class) ${name}\\b|\\b${name} = class\\b`).test(code));
}

/** The one chunk Vite builds (unminified, so names stay) from an entry with this source. */
async function bundle(source: string): Promise<Rolldown.OutputChunk> {
  const out = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'virtual:entry' ? '\0entry' : null),
        load: (id) => (id === '\0entry' ? source : null),
      },
    ],
    build: { write: false, minify: false, rollupOptions: { input: 'virtual:entry', preserveEntrySignatures: 'exports-only' } },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : [])).filter((c) => c.type === 'chunk');
  expect(chunks).toHaveLength(1);
  return chunks[0] as Rolldown.OutputChunk;
}

/** Bytes each simulations/ module contributes to the chunk (0 when it was tree-shaken away). */
function contributions(chunk: Rolldown.OutputChunk): Record<string, number> {
  return Object.fromEntries(
    Object.entries(chunk.modules)
      .filter(([id]) => id.includes('/simulations/'))
      .map(([id, m]) => [id.slice(id.lastIndexOf('/simulations/') + 1), m.renderedLength]),
  );
}

describe('the observers stay out of a bundle that only simulates', () => {
  it('an entry importing simulate and MarketModel holds the engine and none of the recorders', async () => {
    const chunk = await bundle(`import { simulate, MarketModel } from ${JSON.stringify(index)}; export { simulate, MarketModel };`);
    expect(chunk.code).toMatch(/function customerRun\(/);
    expect(chunk.code).toMatch(/\bclass MarketModel\b|\bMarketModel = class\b/);
    expect(declared(chunk.code)).toEqual([]);
    const parts = contributions(chunk);
    expect(parts['simulations/engine.ts']).toBeGreaterThan(0);
    expect(parts['simulations/observer.ts'] ?? 0).toBe(0);
    expect(parts['simulations/events.ts'] ?? 0).toBe(0);
  }, 60_000);

  it('an entry importing simulateObserved holds them (the markers find what they look for)', async () => {
    const chunk = await bundle(`import { simulateObserved } from ${JSON.stringify(index)}; export { simulateObserved };`);
    expect(declared(chunk.code)).toEqual(OBSERVER_MARKERS);
    expect(contributions(chunk)['simulations/observer.ts']).toBeGreaterThan(0);
  }, 60_000);
});
