// `npm test`: every check — `npm run check`'s parts, unit tests, the production build (at the root and under a
// sub-path), the link check of both, then Playwright — stopping at the first failure, naming it, timing each stage.
// Two lanes run side by side; only one of them ever runs Astro (it writes .astro/ and node_modules/.astro/).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const BROKEN_BUILDS = 'test/unit/content-schema-build.test.ts';

// Lane "astro": everything that runs Astro, one after the other, and svelte-check, which reads the .astro/ types
// that Astro (re)writes. Lane "plain": what reads neither. On 2 cores this took 155 s where one stage at a time took
// 208 s (uptime load 2–6 vs 6–12: a shared machine gives no cleaner figures).
const lanes = [
  [
    ['astro check', 'astro check'],
    ['svelte-check', 'svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
    // (The simulation's type-checks read no .astro/; they sit here only to even out the lanes.)
    ['tsc simulations', 'tsc -p simulations/tsconfig.json --noEmit'],
    ['tsc simulations (node)', 'tsc -p simulations/tsconfig.node.json --noEmit'],
    // The two unit tests that run `astro build` on broken content (the rest run in the other lane).
    ['unit: broken content', `vitest run ${BROKEN_BUILDS}`],
    ['build', 'npm run build'],
    ['build under /crm-lab/', 'npm run build:base'],
    ['link check', 'npm run test:links'],
    // Eager JavaScript of the lab and the Teach pages within their budgets (a static import can pull a lazy part in).
    ['bundle budgets', 'node scripts/bundle-size.mjs dist --check'],
  ],
  [
    ['lint', 'npm run lint'],
    ['unit tests', `vitest run --exclude ${BROKEN_BUILDS}`],
  ],
];
const last = ['end-to-end', 'npm run test:e2e'];

// The lanes must run exactly what `npm run check` runs, so that `npm test` never checks less than it.
const check = JSON.parse(readFileSync('package.json', 'utf8')).scripts.check.split(' && ');
const laned = new Set(lanes.flat().map(([, command]) => command));
const missing = check.filter((command) => !laned.has(command));
if (missing.length > 0) {
  console.error(`scripts/test-all.mjs runs no stage for these parts of \`npm run check\`: ${missing.join('; ')}`);
  process.exit(1);
}

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const times = [];
/** Failed stages in the order they ended; a lane starts nothing new once there is one. */
const failures = [];

/** Runs one stage; its output is kept and printed in one piece when it ends, unless `live`. */
function run([name, command], live) {
  const start = performance.now();
  return new Promise((resolve) => {
    if (live) console.log(`\n=== ${name}: ${command}`);
    const child = spawn(command, { shell: true, env, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout?.on('data', (d) => output.push(d));
    child.stderr?.on('data', (d) => output.push(d));
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (!live) {
        console.log(`\n=== ${name}: ${command} (${seconds.toFixed(1)} s, ${code === 0 ? 'passed' : 'FAILED'})`);
        process.stdout.write(Buffer.concat(output));
      }
      times.push([name, seconds]);
      if (code !== 0) failures.push(name);
      resolve();
    });
  });
}

const wall = performance.now();
await Promise.all(
  lanes.map(async (lane) => {
    for (const stage of lane) {
      if (failures.length > 0) return;
      await run(stage, false);
    }
  }),
);
if (failures.length === 0) await run(last, true);
const total = (performance.now() - wall) / 1000;

console.log('\nStage times (the two lanes before end-to-end overlap):');
for (const [name, s] of times) console.log(`  ${name.padEnd(24)} ${s.toFixed(1)} s`);
console.log(`  ${'total (wall clock)'.padEnd(24)} ${total.toFixed(1)} s`);
const stages = lanes.flat().length + 1;
console.log(`stages: ${times.length - failures.length} passed, ${failures.length} failed, ${stages - times.length} not run`);
if (failures.length > 0) {
  console.error(`npm test failed at: ${failures.join(', ')}`);
  process.exit(1);
}
