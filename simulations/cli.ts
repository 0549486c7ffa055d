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
  simulate,
  validateStrategy,
  type InvestedLevel,
  type LevelId,
  type Market,
  type Strategy,
} from './index.ts';
import { runToCsv } from './columns.ts';
import { ScenarioError, parseScenario, scenarioInitialStrategy, scenarioMarket } from './scenario.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

export const HELP = `CRM Lab market model — command line

Usage: npm run sim -- [options]

  --preset <id>          market preset (default: default). One of:
                         ${PRESET_IDS.join(', ')}
  --scenario <file>      a scenario file (.yaml, .yml or .json); sets market, strategy, seed, horizon
  --seed <text>          random seed (default 42, or the scenario's seed)
  --quarters <n>         horizon in quarters, 1..400 (default 20, or rounds × quarters per round)
  --format json|csv      output format (default json)
  --level <level>        level preset for every segment: ${LEVELS.join(', ')}
  --invest seg.level=x   investment per customer per quarter, repeatable
                         (e.g. --invest key-accounts.partnership=120)
  --promise <1..5>       promise level
  --quality <1..5>       core product quality
  --acquisition <x>      acquisition spend per quarter (whole firm, ≥ 0)
  --segment <id>         print only this segment's series
  --scale <x>            multiply customer counts (default 1)
  --help                 this text

Exit codes: 0 ok, 2 bad arguments or scenario file.
`;

class UsageError extends Error {}

function num(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}; got "${raw}"`);
  return v;
}

function loadScenario(path: string, io: CliIo) {
  let raw: string;
  try {
    raw = io.readFile(path);
  } catch {
    throw new UsageError(`cannot read scenario file "${path}"`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`${path}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseScenario(data, path);
}

/** Run the command line; returns the exit code. */
export function main(argv: string[], io: CliIo): number {
  try {
    const opts = new Map<string, string>();
    const invest: string[] = [];
    for (let k = 0; k < argv.length; k++) {
      const a = argv[k]!;
      if (a === '--help' || a === '-h') {
        io.stdout(HELP);
        return 0;
      }
      const known = ['--preset', '--scenario', '--seed', '--quarters', '--format', '--level', '--invest', '--promise', '--quality', '--acquisition', '--segment', '--scale'];
      let flag = a;
      let value: string | undefined;
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 2 && a.slice(0, eq) !== '--invest') {
        flag = a.slice(0, eq);
        value = a.slice(eq + 1);
      }
      if (!known.includes(flag)) throw new UsageError(`unknown argument "${a}" (see --help)`);
      if (value === undefined) {
        value = argv[++k];
        if (value === undefined) throw new UsageError(`${flag} needs a value`);
      }
      if (flag === '--invest') invest.push(value);
      else opts.set(flag, value);
    }
    if (opts.has('--preset') && opts.has('--scenario')) throw new UsageError('use either --preset or --scenario, not both');
    const format = opts.get('--format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv; got "${format}"`);

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
      if (!isPresetId(preset)) throw new UsageError(`unknown preset "${preset}"; known: ${PRESET_IDS.join(', ')}`);
      market = getPreset(preset);
      strategy = defaultStrategy(market);
    }
    if (opts.has('--quarters')) {
      quarters = num('--quarters', opts.get('--quarters'), 1, 400);
      if (!Number.isInteger(quarters)) throw new UsageError('--quarters must be a whole number');
    }
    const segIds = market.segments.map((s) => s.id);
    const level = opts.get('--level');
    if (level !== undefined) {
      if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}; got "${level}"`);
      for (const id of segIds) strategy.segments[id] = { investment: levelPresetInvestment(market, id, level as LevelId) };
    }
    for (const spec of invest) {
      const m = /^([a-z0-9-]+)\.([a-z]+)=(.+)$/.exec(spec);
      if (!m) throw new UsageError(`--invest must look like segment.level=value; got "${spec}"`);
      const [, seg, lvl, val] = m;
      if (!segIds.includes(seg!)) throw new UsageError(`--invest: unknown segment "${seg}"; segments: ${segIds.join(', ')}`);
      if (!(INVESTED_LEVELS as readonly string[]).includes(lvl!))
        throw new UsageError(`--invest: unknown level "${lvl}"; levels with a spend: ${INVESTED_LEVELS.join(', ')}`);
      const v = num(`--invest ${seg}.${lvl}`, val, 0, 1e9);
      strategy.segments[seg!] ??= { investment: { reactive: 0, accountable: 0, proactive: 0, partnership: 0 } };
      strategy.segments[seg!]!.investment[lvl as InvestedLevel] = v;
    }
    if (opts.has('--promise')) strategy.promiseLevel = num('--promise', opts.get('--promise'), 1, 5);
    if (opts.has('--quality')) strategy.quality = num('--quality', opts.get('--quality'), 1, 5);
    if (opts.has('--acquisition')) strategy.acquisitionSpendPerQuarter = num('--acquisition', opts.get('--acquisition'), 0, 1e12);
    const scale = opts.has('--scale') ? num('--scale', opts.get('--scale'), 0.001, 100) : 1;
    const segment = opts.get('--segment');
    if (segment !== undefined && !segIds.includes(segment)) throw new UsageError(`--segment: unknown segment "${segment}"; segments: ${segIds.join(', ')}`);
    validateStrategy(market, strategy);

    const result = simulate(market, strategy, { seed, quarters, customersScale: scale });
    if (format === 'csv') io.stdout(runToCsv(result, segment));
    else if (segment !== undefined)
      io.stdout(JSON.stringify({ modelVersion: result.modelVersion, seed: result.seed, marketId: result.marketId, segment, rows: result.bySegment[segment] }, null, 2) + '\n');
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
  process.exitCode = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => readFileSync(p, 'utf8'),
  });
}
