// Shared by the Teach tests (unit and end-to-end): the scenario files parsed with the engine's schema, and result
// files made the way the scenario page makes them (our library plus the engine), or edited as a student would.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, type Scenario } from '@sim/scenario';
import { currentRelease, type ModelRelease } from '@sim/release';
import { claimedFrom, planDecisions, playScenario } from '@/features/teach/replay';
import { createResultFile, serializeResultFile, type Decision, type DecisionValue, type ResultFile } from '@/features/teach/resultFile';
import { parseResultFile } from '@/features/teach/resultCheck';

export const SCENARIO_DIR = join(process.cwd(), 'content/scenarios');
export const scenarioFiles = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml'));

/** One scenario file, optionally changed before it is parsed. */
export function loadScenario(id: string, change?: (data: Record<string, any>) => void): Scenario {
  const data = parse(readFileSync(join(SCENARIO_DIR, `${id}.yaml`), 'utf8'));
  change?.(data);
  return parseScenario(data, `${id}.yaml`);
}

export function loadScenarios(): Scenario[] {
  return scenarioFiles.map((f) => loadScenario(f.replace(/\.yaml$/, '')));
}

/** Every round with the open controls at `plan` (the others at their starting values). */
export function rounds(s: Scenario, plan: Readonly<Record<string, DecisionValue>> = {}): Decision[] {
  return planDecisions(s, plan);
}

/** A genuine result file, as the scenario page writes it. */
export function genuineFile(
  s: Scenario,
  seed: string,
  decisions: Decision[],
  options: { locks?: string[]; name?: string; release?: ModelRelease } = {},
): ResultFile {
  const release = options.release ?? currentRelease;
  const locks = options.locks ?? [];
  return createResultFile({
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed,
    locks,
    modelVersion: release.MODEL_VERSION,
    decisions,
    claimed: claimedFrom(playScenario(s, seed, decisions, locks, release)),
    name: options.name,
  });
}

/** What a student would do to a file by hand: edit the JSON text and hand it in (it must still parse). */
export function edit(file: ResultFile, change: (o: ResultFile) => void): ResultFile {
  const o = JSON.parse(serializeResultFile(file)) as ResultFile;
  change(o);
  const parsed = parseResultFile(JSON.stringify(o));
  if (!parsed.ok) throw new Error(`edited file no longer parses: ${parsed.reason}`);
  return parsed.file;
}
