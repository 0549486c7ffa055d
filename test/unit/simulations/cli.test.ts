// The command line: main(argv, io) in-process for every path, plus one spawned smoke test
// of `npx tsx simulations/cli.ts` to prove the real entry point and its exit code.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../simulations/cli.ts';
import { defaultStrategy, getPreset, simulate } from '../../../simulations/index.ts';
import { sample } from './fixtures.ts';

function run(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT');
      return files[p]!;
    },
  };
  const code = main(argv, io);
  return { code, out, err };
}

describe('cli main()', () => {
  it('prints JSON equal to simulate() for the same inputs', () => {
    const r = run(['--preset', 'default', '--seed', '42', '--quarters', '5', '--format', 'json']);
    expect(r.code).toBe(0);
    const m = getPreset('default');
    expect(JSON.parse(r.out)).toEqual(simulate(m, defaultStrategy(m), { seed: '42', quarters: 5 }));
  });
  it('prints CSV with a header and one row per quarter and segment', () => {
    const r = run(['--quarters', '4', '--format', 'csv']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^modelVersion,seed,market,scope,quarter,customers,/);
    expect(lines).toHaveLength(1 + 4 * 4);
    expect(lines[1]).toMatch(/^\d+\.\d+\.\d+,42,default,overall,1,/);
    expect(r.out).not.toMatch(/NaN|undefined|Infinity/);
    const seg = run(['--quarters', '4', '--format', 'csv', '--segment', 'key-accounts']).out.trim().split('\n');
    expect(seg).toHaveLength(5);
    expect(seg.slice(1).every((l) => l.split(',')[3] === 'key-accounts')).toBe(true);
  });
  it('applies --level, --invest, --promise, --quality, --acquisition', () => {
    const r = run(['--quarters', '2', '--level', 'basic', '--invest', 'key-accounts.partnership=120', '--promise', '4', '--quality=4.5', '--acquisition', '0']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out).strategy;
    expect(s.segments['consumers'].investment).toEqual({ reactive: 0, accountable: 0, proactive: 0, partnership: 0 });
    expect(s.segments['key-accounts'].investment.partnership).toBe(120);
    expect([s.promiseLevel, s.quality, s.acquisitionSpendPerQuarter]).toEqual([4, 4.5, 0]);
  });
  it('runs a scenario file (YAML and JSON) with its seed, horizon and events', () => {
    const { stringify } = { stringify: (o: unknown) => JSON.stringify(o) };
    const json = run(['--scenario', 'rival.json'], { 'rival.json': stringify(sample) });
    expect(json.code).toBe(0);
    const res = JSON.parse(json.out);
    expect(res.seed).toBe('class-1');
    expect(res.quarters).toBe(12);
    const yaml = run(['--scenario', 'rival.yaml'], {
      'rival.yaml': `# YAML is a superset of JSON\n${JSON.stringify(sample)}\n`,
    });
    expect(JSON.parse(yaml.out)).toEqual(res);
  });
  it('--help prints usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--scenario');
  });
  it('bad arguments give a clear message naming the problem and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--preset', 'mars'], /unknown preset "mars"/],
      [['--quarters', 'ten'], /--quarters must be a number/],
      [['--format', 'xml'], /--format must be json or csv/],
      [['--level', 'friendly'], /--level must be one of/],
      [['--invest', 'pets.reactive=3'], /unknown segment "pets"/],
      [['--invest', 'consumers.basic=3'], /unknown level "basic"/],
      [['--invest', 'consumers.reactive=-3'], /must be a number from 0/],
      [['--promise', '9'], /--promise must be a number from 1 to 5/],
      [['--segment', 'pets'], /--segment: unknown segment/],
      [['--colour', 'red'], /unknown argument "--colour"/],
      [['--seed'], /--seed needs a value/],
      [['--scenario', 'missing.yaml'], /cannot read scenario file "missing.yaml"/],
    ];
    for (const [argv, msg] of cases) {
      const r = run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(msg);
      expect(r.out).toBe('');
    }
  });
  it('a malformed scenario file names the file and the field', () => {
    const bad = JSON.parse(JSON.stringify(sample));
    bad.rounds = 0;
    const r = run(['--scenario', 'bad.json'], { 'bad.json': JSON.stringify(bad) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json');
    expect(r.err).toContain('rounds');
    const broken = run(['--scenario', 'broken.yaml'], { 'broken.yaml': 'id: [unclosed' });
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.yaml: not valid YAML/);
  });
});

describe('cli entry point (spawned)', () => {
  // The same loader as `npm run sim` (tsx), on the Node running the tests; without npx's start-up.
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'simulations/cli.ts', ...args], { encoding: 'utf8' });
  // One spawn only (tsx start-up costs seconds on a loaded machine): the exit-code wiring of the
  // real entry point is what the in-process tests above cannot see.
  it('runs through tsx and exits 2 on a bad argument', () => {
    const bad = cli('--quarters', '2', '--format', 'xml');
    expect(bad.stdout).toBe('');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be json or csv');
  });
});
