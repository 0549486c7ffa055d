// Command line for instructors and checks: run a preset or a scenario file with a seed and a
// horizon, choose investments, print the series as JSON or CSV (npm run sim -- --help).
// Node-only entry; the testable logic is main(argv, io), which touches no global state.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  INVESTED_LEVELS,
  LEVELS,
  PRESET_IDS,
  defaultStrategy,
  getPreset,
  isPresetId,
  levelPresetInvestment,
  MAX_CUSTOMERS,
  MAX_QUARTERS,
  RunTooLargeError,
  simulate,
  validateStrategy,
  type InvestedLevel,
  type LevelId,
  type Market,
  type Strategy,
} from './index.ts';
import { runToCsv } from './columns.ts';
import { ScenarioError, parseScenario, scenarioInitialStrategy, scenarioMarket } from './scenario.ts';
import { clip } from './text.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

export const HELP = `CRM Lab market model — command line

Usage: npm run sim -- [options]        (every option also as --option=value)

  --preset <id>          market preset (default: default). One of:
                         ${PRESET_IDS.join(', ')}
  --scenario <file>      a scenario file (.yaml, .yml or .json); sets market, strategy, seed, horizon
  --seed <text>          random seed (default 42, or the scenario's seed)
  --quarters <n>         horizon in quarters, 1..${MAX_QUARTERS} (default 20, or rounds × quarters per round)
  --format json|csv      output format (default json)
  --level <level>        level preset for every segment: ${LEVELS.join(', ')}
  --invest seg.level=x   investment per customer per quarter, repeatable
                         (e.g. --invest key-accounts.partnership=120)
  --promise <1..5>       promise level
  --quality <1..5>       core product quality
  --acquisition <x>      acquisition spend per quarter (whole firm, ≥ 0)
  --segment <id>         print only this segment's series
  --scale <x>            multiply customer counts (default 1); a run holds at most
                         ${MAX_CUSTOMERS.toLocaleString('en')} customers
  --help                 this text

Exit codes: 0 ok (also when the reader of the output closes early), 2 bad arguments or scenario file.
`;

class UsageError extends Error {}

const KNOWN = [
  '--preset',
  '--scenario',
  '--seed',
  '--quarters',
  '--format',
  '--level',
  '--invest',
  '--promise',
  '--quality',
  '--acquisition',
  '--segment',
  '--scale',
];

/** An argument as a message shows it: shortened, so that a huge argument is not echoed whole. */
/** An argument or path echoed in a message, shortened. */
function short(text: string): string {
  return clip(text, 60);
}

function quote(text: string): string {
  return `"${short(text)}"`;
}

function num(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined) throw new UsageError(`${flag} needs a value`);
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}; got ${quote(raw)}`);
  return v;
}

function loadScenario(path: string, io: CliIo) {
  let raw: string;
  try {
    raw = io.readFile(path);
  } catch {
    throw new UsageError(`cannot read scenario file ${quote(path)}`);
  }
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
  if (raw.startsWith('\uFEFF')) raw = raw.slice(1);
  const yaml = /\.ya?ml$/i.test(path);
  let data: unknown;
  try {
    data = yaml ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`${short(path)}: not valid ${yaml ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]!.slice(0, 200)}`);
  }
  return parseScenario(data, path);
}

/** Splits argv into options (the last of a repeated one wins) and the repeatable --invest values. */
function parseArgs(argv: string[]): { opts: Map<string, string>; invest: string[]; help: boolean } {
  const opts = new Map<string, string>();
  const invest: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--help' || a === '-h') return { opts, invest, help: true };
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 2 ? a.slice(0, eq) : a;
    if (!KNOWN.includes(flag)) throw new UsageError(`unknown argument ${quote(a)} (see --help)`);
    let value: string;
    if (eq > 2) value = a.slice(eq + 1);
    else {
      // An option never takes the next option as its value: `--seed --quarters 4` lacks a seed.
      const next = argv[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      value = next;
      k++;
    }
    if (value === '') throw new UsageError(`${flag} needs a value`);
    if (flag === '--invest') invest.push(value);
    else opts.set(flag, value);
  }
  return { opts, invest, help: false };
}

/** What the market of this run is, in the words of the options that chose it. */
function describeSource(opts: Map<string, string>): string {
  const file = opts.get('--scenario');
  return file !== undefined ? `--scenario ${quote(file)}` : `--preset ${opts.get('--preset') ?? 'default'}`;
}

/** The message for a run the model refuses to hold, naming the options that made it large. */
export function tooLargeMessage(
  e: RunTooLargeError,
  run: { source: string; startCustomers: number; scale: number; quarters: number },
): string {
  const n = (x: number) => x.toLocaleString('en');
  const limit = `the model holds at most ${n(e.limit)} customers`;
  if (e.quarter === 0) {
    return `run too large: ${n(e.customers)} customers at the start (${run.source}: ${n(run.startCustomers)} customers × --scale ${run.scale}); ${limit}. Lower --scale.`;
  }
  return `run too large: the customer base reached ${n(e.customers)} customers in quarter ${e.quarter} of ${run.quarters} (${run.source}, --scale ${run.scale}, --quarters ${run.quarters}); ${limit}. Lower --scale or --quarters.`;
}

/** Run the command line; returns the exit code. */
export function main(argv: string[], io: CliIo): number {
  try {
    const { opts, invest, help } = parseArgs(argv);
    if (help) {
      io.stdout(HELP);
      return 0;
    }
    if (opts.has('--preset') && opts.has('--scenario')) throw new UsageError('use either --preset or --scenario, not both');
    const format = opts.get('--format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv; got ${quote(format)}`);

    let market: Market;
    let strategy: Strategy;
    let seed = opts.get('--seed') ?? '42';
    let quarters = 20;
    const scenarioPath = opts.get('--scenario');
    if (scenarioPath !== undefined) {
      const sc = loadScenario(scenarioPath, io);
      market = scenarioMarket(sc);
      strategy = scenarioInitialStrategy(sc, market);
      if (!opts.has('--seed')) seed = sc.seed;
      quarters = sc.rounds * sc.quartersPerRound;
    } else {
      const preset = opts.get('--preset') ?? 'default';
      if (!isPresetId(preset)) throw new UsageError(`unknown preset ${quote(preset)}; known: ${PRESET_IDS.join(', ')}`);
      market = getPreset(preset);
      strategy = defaultStrategy(market);
    }
    if (opts.has('--quarters')) {
      quarters = num('--quarters', opts.get('--quarters'), 1, MAX_QUARTERS);
      if (!Number.isInteger(quarters)) throw new UsageError('--quarters must be a whole number');
    }
    const segIds = market.segments.map((s) => s.id);
    const level = opts.get('--level');
    if (level !== undefined) {
      if (!(LEVELS as readonly string[]).includes(level))
        throw new UsageError(`--level must be one of ${LEVELS.join(', ')}; got ${quote(level)}`);
      for (const id of segIds) strategy.segments[id] = { investment: levelPresetInvestment(market, id, level as LevelId) };
    }
    for (const spec of invest) {
      const m = /^([a-z0-9-]+)\.([a-z]+)=(.+)$/.exec(spec);
      if (!m) throw new UsageError(`--invest must look like segment.level=value; got ${quote(spec)}`);
      const [, seg, lvl, val] = m;
      if (!segIds.includes(seg!)) throw new UsageError(`--invest: unknown segment ${quote(seg!)}; segments: ${segIds.join(', ')}`);
      if (!(INVESTED_LEVELS as readonly string[]).includes(lvl!))
        throw new UsageError(`--invest: unknown level ${quote(lvl!)}; levels with a spend: ${INVESTED_LEVELS.join(', ')}`);
      const v = num(`--invest ${seg}.${lvl}`, val, 0, 1e9);
      strategy.segments[seg!] ??= { investment: { reactive: 0, accountable: 0, proactive: 0, partnership: 0 } };
      strategy.segments[seg!]!.investment[lvl as InvestedLevel] = v;
    }
    if (opts.has('--promise')) strategy.promiseLevel = num('--promise', opts.get('--promise'), 1, 5);
    if (opts.has('--quality')) strategy.quality = num('--quality', opts.get('--quality'), 1, 5);
    if (opts.has('--acquisition')) strategy.acquisitionSpendPerQuarter = num('--acquisition', opts.get('--acquisition'), 0, 1e12);
    const scale = opts.has('--scale') ? num('--scale', opts.get('--scale'), 0.001, 100) : 1;
    const segment = opts.get('--segment');
    if (segment !== undefined && !segIds.includes(segment))
      throw new UsageError(`--segment: unknown segment ${quote(segment)}; segments: ${segIds.join(', ')}`);
    validateStrategy(market, strategy);

    let result;
    try {
      result = simulate(market, strategy, { seed, quarters, customersScale: scale });
    } catch (e) {
      if (!(e instanceof RunTooLargeError)) throw e;
      const startCustomers = market.segments.reduce((a, s) => a + s.initialCustomers, 0);
      throw new UsageError(tooLargeMessage(e, { source: describeSource(opts), startCustomers, scale, quarters }));
    }
    if (format === 'csv') io.stdout(runToCsv(result, segment));
    else if (segment !== undefined)
      io.stdout(
        JSON.stringify(
          { modelVersion: result.modelVersion, seed: result.seed, marketId: result.marketId, segment, rows: result.bySegment[segment] },
          null,
          2,
        ) + '\n',
      );
    else io.stdout(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof RangeError) {
      io.stderr(`sim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // A reader that stops early (`| head`) closes the pipe: that ends the program quietly, as for
  // any Unix filter, instead of an EPIPE stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  process.exitCode = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => readFileSync(p, 'utf8'),
  });
}
