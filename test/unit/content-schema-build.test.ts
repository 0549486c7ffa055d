// Content that breaks its schema must fail `astro build` with the file and the field named.
// The build is pointed at a fixture folder with a lesson lacking `title` (CRM_CONTENT_DIR).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('a malformed content file', () => {
  it('fails the build, naming the file and the missing field', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'crm-broken-'));
    const run = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
      env: { ...process.env, CRM_CONTENT_DIR: './test/fixtures/broken-content', ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 170_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output.slice(-2000)).not.toBe(0);
    expect(output).toMatch(/broken-lesson/);
    expect(output).toMatch(/title/);
    expect(output).toMatch(/InvalidContentEntryDataError|does not match collection schema/);
  }, 180_000);
});
