// Benchmark (npm run bench): the engine figures of the speed issue beside their goals, measured in one
// sitting against the frozen engine of the same model version (the "before"), interleaved run by run so
// that both see the same load. Node-only; not part of the model, and never a test (no timed assertions).
import { cpus, loadavg } from 'node:os';
import {
  MODEL_VERSION,
  censusQuarter,
  defaultStrategy,
  getPreset,
  simulate,
  simulateObserved,
  simulateSummary,
  type RunResult,
} from './index.ts';
import { RELEASED } from './released/index.ts';

const QUARTERS = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const market = getPreset('default');
const strategy = defaultStrategy(market);
const before = await RELEASED[MODEL_VERSION]!();

const customerQuarters = (r: RunResult) => r.overall.reduce((a, q) => a + q.customersAtStart, 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Timing {
  wall: number[];
  cpu: number[];
  /** The seed of each timing. */
  seed: number[];
}
const timing = (): Timing => ({ wall: [], cpu: [], seed: [] });
function timed<T>(t: Timing, f: () => T, seed = -1): T {
  t.seed.push(seed);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  t.wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  t.cpu.push((c.user + c.system) / 1000);
  return out;
}

const opts = (seed: number) => ({ seed, quarters: QUARTERS });
// Customer-quarters of each timed seed, so a rate is each run's own count over its own time.
const cqOf = Array.from({ length: RUNS }, (_, seed) => customerQuarters(simulate(market, strategy, opts(seed))));
const cq = median(cqOf);
// Three customers to trace: two of the initial base and one who leaves (from a census of the same run).
const census = simulateObserved(market, strategy, opts(0), { census: true }).census!;
const q0 = censusQuarter(census, 0);
const traced = [q0.key[17]!, q0.key[5000]!, census.departKey[100]!];

const variants: [string, (seed: number) => unknown][] = [
  [`frozen ${MODEL_VERSION} engine (before)`, (seed) => before.simulate(market, strategy, opts(seed))],
  ['current engine: simulate()', (seed) => simulate(market, strategy, opts(seed))],
  ['current, three customers traced', (seed) => simulateObserved(market, strategy, opts(seed), { trace: traced })],
  ['current, census recorded', (seed) => simulateObserved(market, strategy, opts(seed), { census: true })],
  ['current, valuation recorded', (seed) => simulateObserved(market, strategy, opts(seed), { valuation: true })],
  ['current: simulateSummary()', (seed) => simulateSummary(market, strategy, opts(seed))],
];
const times = variants.map(() => timing());

// Warm-up so the JIT has compiled every variant before timing.
for (let k = 0; k < 8; k++) for (const [, f] of variants) f(1000 + k);
const load0 = loadavg()[0]!;
// Interleaved: each seed runs every variant in turn, in a rotating order, so load and thermal drift hit all alike.
for (let k = 0; k < RUNS; k++) {
  for (let v = 0; v < variants.length; v++) {
    const i = (v + k) % variants.length;
    timed(times[i]!, () => variants[i]![1](k), k);
  }
}

function monteCarlo(run: (seed: number) => unknown): Timing {
  const t = timing();
  timed(t, () => {
    for (let seed = 0; seed < 100; seed++) run(seed);
  });
  return t;
}
const mcBefore = monteCarlo(variants[0]![1]);
const mcNow = monteCarlo(variants[1]![1]);
const mcSummary = monteCarlo(variants[5]![1]);
const load1 = loadavg()[0]!;

const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
const mps = (x: number) => `${x.toFixed(2).padStart(8)} M/s`;
/** Median over runs of each run's customer-quarters per second (M/s), from wall or CPU times. */
const rate = (i: number, kind: 'wall' | 'cpu') => median(times[i]![kind].map((ms, r) => (cqOf[times[i]!.seed[r]!]! / ms) * 1e-3));
const pct = (x: number, base: number) => `${x >= base ? '+' : ''}${(((x - base) / base) * 100).toFixed(1)} %`;
const wall = (i: number) => median(times[i]!.wall);
const cpu = (i: number) => median(times[i]!.cpu);
const best = (i: number) => Math.min(...times[i]!.cpu);

console.log(
  `CRM Lab market model ${MODEL_VERSION}, market ${market.id}: ${cq} customer-quarters per run (median; 10,000 customers × ${QUARTERS} quarters)`,
);
console.log(
  `${cpus().length} cores; 1-min load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end; medians of ${RUNS} interleaved runs\n`,
);
// Columns: median wall time, median CPU time, best CPU time (the least disturbed run: on a shared
// machine the closest to an idle one), goal.
const rows: [string, string, string, string, string][] = [['', 'wall (median)', 'CPU (median)', 'CPU (best)', 'goal']];
variants.forEach(([name], i) =>
  rows.push([name, ms(wall(i)), ms(cpu(i)), ms(best(i)), i === 1 ? `median ≤ ${((cq / 23e6) * 1e3).toFixed(1)} ms` : '']),
);
rows.push(['customer-quarters per second, frozen engine', mps(rate(0, 'wall')), mps(rate(0, 'cpu')), mps(cq / best(0) / 1e3), '']);
rows.push(['customer-quarters per second, current engine', mps(rate(1, 'wall')), mps(rate(1, 'cpu')), mps(cq / best(1) / 1e3), '≥ 23 M/s']);
rows.push(['three traced customers over an untraced run', pct(wall(2), wall(1)), pct(cpu(2), cpu(1)), pct(best(2), best(1)), '≤ +5 %']);
rows.push(['census over an unrecorded run', pct(wall(3), wall(1)), pct(cpu(3), cpu(1)), pct(best(3), best(1)), '']);
rows.push(['valuation over an unrecorded run', pct(wall(4), wall(1)), pct(cpu(4), cpu(1)), pct(best(4), best(1)), '']);
rows.push(['simulateSummary over simulate', pct(wall(5), wall(1)), pct(cpu(5), cpu(1)), pct(best(5), best(1)), '']);
rows.push(['Monte Carlo, 100 seeds, frozen engine', ms(mcBefore.wall[0]!), ms(mcBefore.cpu[0]!), '', '']);
rows.push(['Monte Carlo, 100 seeds, current simulate()', ms(mcNow.wall[0]!), ms(mcNow.cpu[0]!), '', 'band ≤ 1 s on both cores']);
rows.push(['Monte Carlo, 100 seeds, current simulateSummary()', ms(mcSummary.wall[0]!), ms(mcSummary.cpu[0]!), '', '']);
for (const [a, b, c, d, e] of rows) console.log(`${a.padEnd(52)} ${b.padStart(14)} ${c.padStart(14)} ${d.padStart(12)}  ${e}`);
