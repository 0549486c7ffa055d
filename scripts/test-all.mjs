// `npm test`: every check — `npm run check`'s parts, unit tests, the production build (at the root and under a
// sub-path), the link check of both, then Playwright — stopping at the first failure, naming it, timing each stage.
// Two lanes run side by side; only one of them ever runs Astro (it writes .astro/ and node_modules/.astro/). The
// end-to-end tests start as soon as both builds are made and checked, beside what is left of the lanes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Lane "astro": everything that runs Astro, one after the other, and svelte-check, which reads the .astro/ types
// that Astro (re)writes; the builds come first, so that the end-to-end tests can start. Lane "plain": what reads
// neither.
const lanes = [
  [
    ['build', 'npm run build'],
    ['build under /crm-lab/', 'npm run build:base'],
    ['link check', 'npm run test:links'],
    // Eager JavaScript of the lab and the Teach pages within their budgets (a static import can pull a lazy part in).
    ['bundle budgets', 'node scripts/bundle-size.mjs dist --check'],
    ['astro check', 'astro check'],
    ['svelte-check', 'svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
    // The two unit tests that run `astro build` on broken content, into a folder of their own (not dist/).
    ['unit: broken content', "vitest run --project 'astro build'"],
  ],
  [
    ['lint', 'npm run lint'],
    ['unit tests', 'vitest run --project node --project jsdom'],
    // (The simulation's type-checks read no .astro/; they sit here only to even out the lanes.)
    ['tsc simulations', 'tsc -p simulations/tsconfig.json --noEmit'],
    ['tsc simulations (node)', 'tsc -p simulations/tsconfig.node.json --noEmit'],
  ],
];
/** The end-to-end tests need both builds, linked and within budget: they start when this stage has passed. */
const E2E_AFTER = 'bundle budgets';
const e2e = ['end-to-end', 'npm run test:e2e'];

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

/** Running stages, so that a failure can stop the end-to-end tests (which would otherwise run on for minutes). */
const children = new Set();
/** The stages this script stopped because another failed (not failures of their own). */
const stopped = new Set();

/** Runs one stage; its output is kept and printed in one piece when it ends, unless `live`. */
function run([name, command], live) {
  const start = performance.now();
  return new Promise((resolve) => {
    if (live) console.log(`\n=== ${name}: ${command} (its lines appear as they come, between other stages' output)`);
    // Its own process group, so that stopping it stops what it started (Playwright's browsers and servers).
    const child = spawn(command, {
      shell: true,
      env,
      detached: true,
      stdio: live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const output = [];
    child.stdout?.on('data', (d) => output.push(d));
    child.stderr?.on('data', (d) => output.push(d));
    child.on('close', (code) => {
      children.delete(child);
      const seconds = (performance.now() - start) / 1000;
      const verdict = code === 0 ? 'passed' : stopped.has(child) ? 'stopped: another stage failed' : 'FAILED';
      if (!live) {
        console.log(`\n=== ${name}: ${command} (${seconds.toFixed(1)} s, ${verdict})`);
        process.stdout.write(Buffer.concat(output));
      } else {
        console.log(`\n=== ${name}: ${seconds.toFixed(1)} s, ${verdict}`);
      }
      times.push([name, seconds, verdict]);
      if (code !== 0) {
        if (!stopped.has(child)) failures.push(name);
        for (const other of children) stop(other);
      }
      resolve();
    });
  });
}

function stop(child) {
  stopped.add(child);
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}
// Ctrl-C (or CI's timeout) stops every stage's process group, not only this script.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) stop(child);
    process.exit(130);
  });
}

const wall = performance.now();
let startE2e = () => {};
const e2eGate = new Promise((resolve) => (startE2e = resolve));
await Promise.all([
  ...lanes.map(async (lane) => {
    for (const stage of lane) {
      if (failures.length > 0) break;
      await run(stage, false);
      if (stage[0] === E2E_AFTER && failures.length === 0) startE2e();
    }
    // After a failure the gate opens for nothing: the end-to-end stage sees the failure and does not start.
    if (failures.length > 0) startE2e();
  }),
  e2eGate.then(() => (failures.length === 0 ? run(e2e, true) : undefined)),
]);
const total = (performance.now() - wall) / 1000;

console.log(`\nStage times (two lanes side by side; end-to-end from "${E2E_AFTER}" on, beside the rest of them):`);
for (const [name, s, verdict] of times) console.log(`  ${name.padEnd(24)} ${s.toFixed(1)} s${verdict === 'passed' ? '' : `, ${verdict}`}`);
console.log(`  ${'total (wall clock)'.padEnd(24)} ${total.toFixed(1)} s`);
const stages = lanes.flat().length + 1;
const passed = times.filter(([, , verdict]) => verdict === 'passed').length;
const halted = times.length - passed - failures.length;
console.log(`stages: ${passed} passed, ${failures.length} failed, ${halted} stopped, ${stages - times.length} not run`);
if (failures.length > 0) {
  console.error(`npm test failed at: ${failures.join(', ')}`);
  process.exit(1);
}
