// `npm test`: every stage in order — type-check, unit tests, the production build (at the root and
// under a sub-path), the link check of both, then Playwright — stopping at the first failure and
// printing how long each stage took.
import { spawnSync } from 'node:child_process';

const stages = [
  ['type-check', 'npm run check'],
  ['unit tests', 'npm run test:unit'],
  ['build', 'npm run build'],
  ['build under /crm-lab/', 'npm run build:base'],
  ['link check', 'npm run test:links'],
  ['end-to-end', 'npm run test:e2e'],
];

const times = [];
let failed = null;
for (const [name, command] of stages) {
  console.log(`\n=== ${name}: ${command}`);
  const start = performance.now();
  const run = spawnSync(command, { stdio: 'inherit', shell: true, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const seconds = (performance.now() - start) / 1000;
  times.push([name, seconds]);
  if (run.status !== 0) {
    failed = name;
    break;
  }
}

console.log('\nStage times:');
for (const [name, s] of times) console.log(`  ${name.padEnd(24)} ${s.toFixed(1)} s`);
console.log(`  ${'total'.padEnd(24)} ${times.reduce((a, [, s]) => a + s, 0).toFixed(1)} s`);
const passed = times.length - (failed ? 1 : 0);
console.log(`stages: ${passed} passed, ${failed ? 1 : 0} failed`);
if (failed) {
  console.error(`npm test failed at: ${failed}`);
  process.exit(1);
}
