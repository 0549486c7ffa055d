// The shipped scenarios for the SCORM tests (parsed from content/scenarios like the site does), and the
// decisions a run of each can hold at most: every open control set to a value with the longest text.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario, type Scenario } from '@sim/scenario';
import { teachControls } from '@/features/teach/replay';
import type { Decision } from '@/features/teach/resultFile';

const dir = join(process.cwd(), 'content/scenarios');

export const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parseScenario(parse(readFileSync(join(dir, f), 'utf8')), f));

export function scenario(id: string): Scenario {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

/** One round in which every open control holds a long-printing value (a third of the way, not on a step). */
export function longestRound(s: Scenario): Decision {
  const d: Decision = {};
  for (const c of teachControls(s)) {
    if (c.locked) continue;
    d[c.id] = c.kind === 'levelPreset' ? 'partnership' : c.min + (c.max - c.min) / 3 + 1e-9;
  }
  return d;
}

/** The starting value of every open control (what a student who changes nothing plays). */
export function initialRound(s: Scenario): Decision {
  const d: Decision = {};
  for (const c of teachControls(s)) if (!c.locked) d[c.id] = c.initial;
  return d;
}
