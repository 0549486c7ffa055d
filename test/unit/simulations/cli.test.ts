// The command line: main(argv, io) in-process for every path, plus one spawned smoke test
// of `npx tsx simulations/cli.ts` to prove the real entry point and its exit code.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main, tooLargeMessage, type CliIo } from '../../../simulations/cli.ts';
import { RunTooLargeError } from '../../../simulations/engine.ts';
import { MAX_CUSTOMERS, MAX_QUARTERS } from '../../../simulations/limits.ts';
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
    const r = run([
      '--quarters',
      '2',
      '--level',
      'basic',
      '--invest',
      'key-accounts.partnership=120',
      '--promise',
      '4',
      '--quality=4.5',
      '--acquisition',
      '0',
    ]);
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
  it('a missing value is blamed on its option, not on the next argument', () => {
    for (const argv of [
      ['--seed', '--quarters', '4'],
      ['--quarters', '4', '--seed'],
      ['--format=', '--quarters', '2'],
      ['--invest', '--level', 'basic'],
    ]) {
      const r = run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(
        new RegExp(
          `^sim: ${argv.find((a) => a.startsWith('--seed') || a.startsWith('--format') || a.startsWith('--invest'))!.replace('=', '')} needs a value`,
        ),
      );
    }
  });
  it('--option=value works for every option, --invest included', () => {
    const spaced = run([
      '--preset',
      'default',
      '--seed',
      's1',
      '--quarters',
      '3',
      '--format',
      'json',
      '--level',
      'reactive',
      '--invest',
      'key-accounts.partnership=120',
      '--promise',
      '3.5',
      '--quality',
      '4',
      '--acquisition',
      '100',
      '--segment',
      'key-accounts',
      '--scale',
      '0.5',
    ]);
    const joined = run([
      '--preset=default',
      '--seed=s1',
      '--quarters=3',
      '--format=json',
      '--level=reactive',
      '--invest=key-accounts.partnership=120',
      '--promise=3.5',
      '--quality=4',
      '--acquisition=100',
      '--segment=key-accounts',
      '--scale=0.5',
    ]);
    expect(joined.err).toBe('');
    expect(joined.code).toBe(0);
    expect(joined.out).toBe(spaced.out);
    const file = run(['--scenario=rival.json', '--quarters=2'], { 'rival.json': JSON.stringify(sample) });
    expect(JSON.parse(file.out).seed).toBe('class-1');
  });
  it('a scenario file and --quarters share one horizon cap', () => {
    expect(run(['--quarters', String(MAX_QUARTERS + 1)]).err).toMatch(new RegExp(`--quarters must be a number from 1 to ${MAX_QUARTERS}`));
    const long = { ...sample, rounds: 100, quartersPerRound: 5, events: [] };
    const r = run(['--scenario', 'long.json'], { 'long.json': JSON.stringify(long) });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`at quartersPerRound: rounds × quartersPerRound is 500 quarters; the most is ${MAX_QUARTERS}`);
    const fits = run(['--scenario', 'fits.json', '--format', 'csv', '--segment', 'key-accounts'], {
      'fits.json': JSON.stringify({ ...long, rounds: 80 }),
    });
    expect(fits.code).toBe(0);
    expect(fits.out.trim().split('\n')).toHaveLength(1 + MAX_QUARTERS);
  });
  it('reads a JSON or YAML scenario saved with a byte-order mark', () => {
    const json = run(['--scenario', 'bom.json', '--quarters', '1'], { 'bom.json': `\uFEFF${JSON.stringify(sample)}` });
    expect(json.err).toBe('');
    expect(JSON.parse(json.out).seed).toBe('class-1');
    const yaml = run(['--scenario', 'bom.yaml', '--quarters', '1'], { 'bom.yaml': `\uFEFF${JSON.stringify(sample)}` });
    expect(yaml.out).toBe(json.out);
  });
  it('refuses a run too large for memory before it starts, naming the options that made it large', () => {
    const big = JSON.parse(JSON.stringify(sample));
    big.market.overrides.segments = Object.fromEntries(
      ['consumers', 'small-business', 'key-accounts'].map((id) => [id, { initialCustomers: 1_000_000 }]),
    );
    const r = run(['--scenario', 'big.json', '--scale', '2'], { 'big.json': JSON.stringify(big) });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `sim: run too large: 6,000,000 customers at the start (--scenario "big.json": 3,000,000 customers × --scale 2); the model holds at most ${MAX_CUSTOMERS.toLocaleString('en')} customers. Lower --scale.\n`,
    );
    // A base that outgrows the limit during the run is named by quarter, horizon and scale.
    const grown = tooLargeMessage(new RunTooLargeError(4_000_123, MAX_CUSTOMERS, 37), {
      source: '--preset default',
      startCustomers: 10_000,
      scale: 50,
      quarters: 400,
    });
    expect(grown).toBe(
      'run too large: the customer base reached 4,000,123 customers in quarter 37 of 400 (--preset default, --scale 50, --quarters 400); the model holds at most 4,000,000 customers. Lower --scale or --quarters.',
    );
  });
  it('never echoes a huge argument whole', () => {
    const huge = 'x'.repeat(100_000);
    for (const argv of [[`--${huge}`], ['--preset', huge], ['--seed', '1', '--format', huge], ['--scenario', huge]]) {
      const r = run(argv);
      expect(r.code).toBe(2);
      expect(r.err).not.toContain('x'.repeat(61));
      expect(r.err.length).toBeLessThan(400);
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
  it('ends quietly with code 0 when its reader closes the pipe early (npm run sim -- --quarters 400 | head)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'simulations/cli.ts', '--quarters', '400'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let first = '';
    // Like `head`: read the first chunk, then close the read end while the program is still writing.
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, sig) => resolve([c, sig])),
    );
    expect(first).toMatch(/^\{\n {2}"modelVersion"/);
    expect(stderr).toBe('');
    expect(code === 0 || signal === 'SIGPIPE').toBe(true);
  }, 60_000);
});
