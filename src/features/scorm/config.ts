// What a package's launch page carries: the scenario or quiz, its strings and the class settings, as JSON
// in a <script type="application/json"> block that the runtime reads and the in-browser builder may swap.
// Pure (string in, string out); it builds no markup beyond that block.
import type { Scenario } from '@sim/scenario';
import type { Locale, Strings } from '@/i18n/core';
import type { QuizData } from '@/features/learn/quiz';
import type { Grading } from './record';

export const PACKAGE_FORMAT = 'crm-lab-scorm';
export const PACKAGE_FORMAT_VERSION = 1;
export const CONFIG_ELEMENT_ID = 'crm-lab-package';

interface PackageBase {
  format: typeof PACKAGE_FORMAT;
  formatVersion: typeof PACKAGE_FORMAT_VERSION;
  locale: Locale;
  /** The title of the package in its language (manifest, page title, heading). */
  title: string;
  strings: Strings;
  /** Where the CRM Lab site lives (with its base), when the build knew it: links out of the package go there. */
  siteUrl: string | null;
}

export interface ScenarioPackage extends PackageBase {
  kind: 'scenario';
  scenario: Scenario;
  /** The class seed and extra locks (the scenario's own seed and none unless a teacher's link set them). */
  seed: string;
  locks: string[];
  grading: Grading;
}

export interface QuizPackage extends PackageBase {
  kind: 'quiz';
  quiz: QuizData;
  /** 0..1, also written to the manifest as adlcp:masteryscore. */
  passMark: number;
}

export type PackageConfig = ScenarioPackage | QuizPackage;

/** JSON safe inside a <script> element: no `<` (so no `</script>` or `<!--`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function configBlock(config: PackageConfig): string {
  return `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${scriptJson(config)}</script>`;
}

const BLOCK = new RegExp(`<script type="application/json" id="${CONFIG_ELEMENT_ID}">[^<]*</script>`);

/** The configuration inside a launch page's HTML, or null when the page has none or it is unreadable. */
export function readConfig(html: string): PackageConfig | null {
  const match = BLOCK.exec(html);
  if (!match) return null;
  const json = match[0].slice(match[0].indexOf('>') + 1, -'</script>'.length);
  return parseConfig(json);
}

/** A launch page with its configuration replaced (the link builder sets the class seed and locks this way). */
export function replaceConfig(html: string, config: PackageConfig): string {
  if (!BLOCK.test(html)) throw new Error('not a CRM Lab launch page');
  return html.replace(BLOCK, () => configBlock(config));
}

export function parseConfig(json: string): PackageConfig | null {
  try {
    const data = JSON.parse(json) as Partial<PackageConfig> | null;
    if (data === null || typeof data !== 'object') return null;
    if (data.format !== PACKAGE_FORMAT || data.formatVersion !== PACKAGE_FORMAT_VERSION) return null;
    if (data.kind !== 'scenario' && data.kind !== 'quiz') return null;
    return data as PackageConfig;
  } catch {
    return null;
  }
}
