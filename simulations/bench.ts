// Benchmark (npm run bench): one default run of 10,000 customers × 40 quarters, throughput in
// customer-quarters per second, and a 100-seed Monte Carlo. Node-only; not part of the model.
import { defaultStrategy, getPreset, simulate } from './index.ts';

const market = getPreset('default');
const strategy = defaultStrategy(market);
const QUARTERS = 40;

function customerQuarters(seed: number): number {
  const r = simulate(market, strategy, { seed, quarters: QUARTERS });
  return r.overall.reduce((a, q) => a + q.customersAtStart, 0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// Warm-up so the JIT has compiled the step before timing.
for (let k = 0; k < 10; k++) customerQuarters(1000 + k);

const times: number[] = [];
const cpuTimes: number[] = [];
let cq = 0;
for (let k = 0; k < 30; k++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cq = customerQuarters(k);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpuTimes.push((c.user + c.system) / 1000);
}
const runMs = median(times);
const cpuMs = median(cpuTimes);

const t0 = performance.now();
let total = 0;
for (let seed = 0; seed < 100; seed++) total += customerQuarters(seed);
const mcMs = performance.now() - t0;

const fmt = (n: number, d = 1) => n.toFixed(d).padStart(12);
const rows: [string, string, string][] = [
  ['default run, 10,000 customers × 40 quarters (median of 30)', `${fmt(runMs, 2)} ms`, 'goal < 20 ms'],
  ['CPU time of that run (median; less sensitive to other load)', `${fmt(cpuMs, 2)} ms`, ''],
  ['customer-quarters per second (one run)', `${fmt(cq / runMs / 1000, 2)} M/s`, 'goal ≥ 20 M/s'],
  ['customer-quarters per second (Monte Carlo)', `${fmt(total / mcMs / 1000, 2)} M/s`, ''],
  ['Monte Carlo, 100 seeds', `${fmt(mcMs, 0)} ms`, 'goal < 2000 ms'],
];
// Load on a shared machine inflates wall times: print it so the figures can be read in context.
const load = (await import('node:os')).loadavg()[0]!;
console.log(`CRM Lab market model ${market.id}: ${cq} customer-quarters per run; 1-min load average ${load.toFixed(1)}`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(60)} ${b}  ${c}`);
