// Content that breaks its schema must fail `astro build` with the file and the field named.
// Each case points the build at a fixture folder holding one broken file (CRM_CONTENT_DIR).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = [
  { name: 'a lesson without its title', dir: 'broken-content', file: /broken-lesson/, field: /title/ },
  { name: 'a scenario without its number of rounds', dir: 'broken-scenario', file: /bad-scenario/, field: /rounds/ },
];

describe('a malformed content file', () => {
  for (const c of cases) {
    it(`fails the build, naming the file and the field: ${c.name}`, () => {
      const outDir = mkdtempSync(join(tmpdir(), 'crm-broken-'));
      const run = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
        env: { ...process.env, CRM_CONTENT_DIR: `./test/fixtures/${c.dir}`, ASTRO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        timeout: 170_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output.slice(-2000)).not.toBe(0);
      expect(output).toMatch(/InvalidContentEntryDataError|does not match collection schema/);
      expect(output).toMatch(c.file);
      expect(output).toMatch(c.field);
    }, 180_000);
  }
});
