// Golden fingerprints: a fixed run of every preset and every scenario, pinned per MODEL_VERSION in
// test/unit/simulations/goldens.json, so that no change of the numbers goes unnoticed (npm run goldens).
// Node-only entry. It adds records for a new version or scenario version; it never rewrites a pinned one.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { currentRelease, type ModelRelease } from './release.ts';
import { parseScenario, type Scenario } from './scenario.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const GOLDENS_PATH = join(ROOT, 'test/unit/simulations/goldens.json');
export const SCENARIO_DIR = join(ROOT, 'content/scenarios');

/** The fixed run of a preset: its default strategy on this seed for this many quarters. */
export const GOLDEN_SEED = 'golden';
export const GOLDEN_QUARTERS = 40;

export interface Fingerprint {
  /** sha256 of JSON.stringify of the whole RunResult. */
  hash: string;
  finalCustomers: number;
  finalRetention: number;
  finalCustomerEquity: number;
}

export interface ScenarioFingerprint extends Fingerprint {
  /** sha256 of the part of the scenario a replay depends on (see scenarioReplayPart). */
  scenarioHash: string;
}

export interface VersionGoldens {
  presets: Record<string, Fingerprint>;
  /** Keyed `<id>@<version>`: a scenario whose numbers change must get a new version. */
  scenarios: Record<string, ScenarioFingerprint>;
}

/** Model version → its goldens. */
export type GoldenFile = Record<string, VersionGoldens>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so that reordering keys in a file does not change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function isLocalText(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && typeof (v as { en?: unknown }).en === 'string' && typeof (v as { zh?: unknown }).zh === 'string';
}

function withoutTexts(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !isLocalText(x)).map(withoutTexts);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!isLocalText(x)) out[k] = withoutTexts(x);
    return out;
  }
  return v;
}

/**
 * What a replay and the board's checks depend on: everything but the bilingual texts, the lesson
 * link and the teacher's plan (advice that no replay reads). Rewording a brief or improving the
 * plan keeps students' files valid; changing a number of the market, controls or rounds must not.
 */
export function scenarioReplayPart(s: Scenario): unknown {
  const { lesson: _lesson, teacherNotes, ...rest } = s;
  const { plan: _plan, ...notes } = teacherNotes;
  return withoutTexts({ ...rest, teacherNotes: notes });
}

function fingerprintOf(run: ReturnType<ModelRelease['simulate']>): Fingerprint {
  const last = run.overall[run.overall.length - 1];
  return {
    hash: sha256(JSON.stringify(run)),
    finalCustomers: last?.customers ?? 0,
    finalRetention: last?.retentionRate ?? 0,
    finalCustomerEquity: last?.customerEquity ?? 0,
  };
}

export function presetFingerprint(release: ModelRelease, presetId: ModelRelease['PRESET_IDS'][number]): Fingerprint {
  const market = release.getPreset(presetId);
  return fingerprintOf(release.simulate(market, release.defaultStrategy(market), { seed: GOLDEN_SEED, quarters: GOLDEN_QUARTERS }));
}

/** A scenario played on its own seed with its starting decisions in every round. */
export function scenarioFingerprint(release: ModelRelease, s: Scenario): ScenarioFingerprint {
  const start = release.scenarioInitialStrategy(s);
  const run = release.scenarioRun(
    s,
    Array.from({ length: s.rounds }, () => start),
  );
  return { scenarioHash: sha256(canonicalJson(scenarioReplayPart(s))), ...fingerprintOf(run) };
}

export function scenarioKey(s: Pick<Scenario, 'id' | 'version'>): string {
  return `${s.id}@${s.version}`;
}

export function computeGoldens(release: ModelRelease, scenarios: readonly Scenario[]): VersionGoldens {
  const presets: Record<string, Fingerprint> = {};
  for (const id of release.PRESET_IDS) presets[id] = presetFingerprint(release, id);
  const out: Record<string, ScenarioFingerprint> = {};
  for (const s of scenarios) out[scenarioKey(s)] = scenarioFingerprint(release, s);
  return { presets, scenarios: out };
}

export function loadScenarios(dir = SCENARIO_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseScenario(parseYaml(readFileSync(join(dir, f), 'utf8')), f));
}

export function readGoldens(path = GOLDENS_PATH): GoldenFile {
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
}

export const RENEW = 'npm run goldens -- --write';
export const BUMP = 'raise MODEL_VERSION in simulations/engine.ts (README: "Raise the model version")';

/** One problem per record of `actual` that is missing from or differs from `pinned`. */
export function goldenProblems(
  version: string,
  pinned: VersionGoldens | undefined,
  actual: VersionGoldens,
): { missing: string[]; changed: string[] } {
  const missing: string[] = [];
  const changed: string[] = [];
  if (pinned === undefined) {
    missing.push(`model version ${version} has no goldens; if its numbers are meant to be new, pin them with \`${RENEW}\``);
    return { missing, changed };
  }
  for (const [id, fp] of Object.entries(actual.presets)) {
    const p = pinned.presets[id];
    if (!p) missing.push(`preset ${id} has no golden in ${version} (a new preset?): \`${RENEW}\` adds it`);
    else if (p.hash !== fp.hash)
      changed.push(
        `preset ${id}: the run changed under model version ${version} (final customers ${p.finalCustomers} → ${fp.finalCustomers}, equity ${p.finalCustomerEquity} → ${fp.finalCustomerEquity}); ${BUMP}, or undo the change`,
      );
  }
  for (const [key, fp] of Object.entries(actual.scenarios)) {
    const p = pinned.scenarios[key];
    if (!p) missing.push(`scenario ${key} has no golden in ${version} (a new scenario or scenario version?): \`${RENEW}\` adds it`);
    else if (p.scenarioHash !== fp.scenarioHash)
      changed.push(
        `scenario ${key}: its numbers or controls changed but its version did not; raise \`version\` in content/scenarios/${key.split('@')[0]}.yaml`,
      );
    else if (p.hash !== fp.hash)
      changed.push(
        `scenario ${key}: the run changed under model version ${version} (final equity ${p.finalCustomerEquity} → ${fp.finalCustomerEquity}); ${BUMP}, or undo the change`,
      );
  }
  return { missing, changed };
}

export interface GoldensOptions {
  release: ModelRelease;
  goldensPath: string;
  scenarioDir: string;
}

/** `npm run goldens`: check; with --write, add the missing records and refuse to change pinned ones. */
export function main(
  argv: string[],
  io: { out(s: string): void; err(s: string): void },
  options: GoldensOptions = { release: currentRelease, goldensPath: GOLDENS_PATH, scenarioDir: SCENARIO_DIR },
): number {
  const write = argv.includes('--write');
  const unknown = argv.filter((a) => a !== '--write');
  if (unknown.length > 0) {
    io.err(`goldens: unknown argument "${unknown[0]!.slice(0, 40)}" (use --write to add missing goldens)\n`);
    return 2;
  }
  const file = readGoldens(options.goldensPath);
  const version = options.release.MODEL_VERSION;
  const actual = computeGoldens(options.release, loadScenarios(options.scenarioDir));
  const { missing, changed } = goldenProblems(version, file[version], actual);
  if (changed.length > 0) {
    io.err(`goldens: pinned fingerprints of ${version} differ; they are never rewritten:\n${changed.map((c) => `  ${c}\n`).join('')}`);
    return 1;
  }
  if (missing.length === 0) {
    io.out(
      `goldens: all ${Object.keys(actual.presets).length} presets and ${Object.keys(actual.scenarios).length} scenarios match the goldens of ${version}\n`,
    );
    return 0;
  }
  if (!write) {
    io.err(`goldens: missing records:\n${missing.map((m) => `  ${m}\n`).join('')}`);
    return 1;
  }
  const next: VersionGoldens = { presets: { ...file[version]?.presets }, scenarios: { ...file[version]?.scenarios } };
  let added = 0;
  for (const [id, fp] of Object.entries(actual.presets)) {
    if (next.presets[id]) continue;
    next.presets[id] = fp;
    added++;
  }
  for (const [key, fp] of Object.entries(actual.scenarios)) {
    if (next.scenarios[key]) continue;
    next.scenarios[key] = fp;
    added++;
  }
  file[version] = next;
  writeFileSync(options.goldensPath, `${JSON.stringify(file, null, 2)}\n`);
  io.out(`goldens: added ${added} record(s) to the goldens of ${version} in ${options.goldensPath}\n`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
}
