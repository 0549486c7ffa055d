// Builds the SCORM 1.2 packages after `astro build`: the launch page's runtime bundled by Vite into one
// inline script and stylesheet, then one zip per scenario and per lesson quiz in each language, written to
// <outDir>/scorm/<locale>/. It reads content/ and src/ only; it never touches the pages Astro built.
//   npm run scorm -- dist          (part of `npm run build`; prints each package's size)
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { RolldownOutput } from 'rolldown';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parse as parseYaml } from 'yaml';
import { locales, pickStrings, type Locale } from '../src/i18n/index.ts';
import { parseScenario, type Scenario } from '../simulations/scenario.ts';
import { quizSchema } from '../src/content/schemas/quiz.ts';
import type { QuizData } from '../src/features/learn/quiz.ts';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, type PackageConfig } from '../src/features/scorm/config.ts';
import { launchPage, packageFileName, zipPackage, type Runtime } from '../src/features/scorm/pack.ts';
import { DEFAULT_PASS_MARK } from '../src/features/scorm/quizBridge.ts';
import { localText } from '../src/kit/localText.ts';
// A package is a student's page: the scenario without its teacher notes (the plan that reaches the goal).
import { forStudents } from '../src/features/teach/controls.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = (path: string) => join(root, 'src', path);

/** The strings a launch page needs: the player's, the quiz's and the package's own. */
const STRING_PREFIXES = [
  'kit.',
  'teach.play.',
  'teach.control.',
  'vocab.level.',
  'vocab.segment.',
  'learn.quiz.',
  'learn.status.',
  'scorm.',
];

/** The runtime of one kind of launch page: one IIFE script and its CSS, nothing loaded at run time. */
export async function buildRuntime(kind: PackageConfig['kind']): Promise<Runtime> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    base: './',
    plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
    resolve: { alias: { '@/': src('/'), '@sim/': join(root, 'simulations/') } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      cssCodeSplit: false,
      target: 'es2022',
      lib: {
        entry: src(kind === 'scenario' ? 'features/scorm/launchScenario.ts' : 'features/scorm/launchQuiz.ts'),
        formats: ['iife'],
        name: 'CrmLabPackage',
        fileName: () => 'runtime.js',
      },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as RolldownOutput[];
  const files = outputs.flatMap((o) => o.output);
  const js = files.find((f) => f.type === 'chunk' && f.isEntry);
  const css = files.filter((f) => f.type === 'asset' && f.fileName.endsWith('.css'));
  if (!js || js.type !== 'chunk') throw new Error('scorm: the runtime bundle has no entry chunk');
  if (files.some((f) => f.type === 'chunk' && !f.isEntry)) throw new Error('scorm: the runtime must be one script (a chunk was split off)');
  // A worker, font or wasm file beside the script would be missing from the package (file://, no network).
  const extra = files.filter((f) => f.type === 'asset' && !f.fileName.endsWith('.css')).map((f) => f.fileName);
  if (extra.length > 0) throw new Error(`scorm: the runtime must need no other file, but it emits ${extra.join(', ')}`);
  const cssText = css.map((f) => (f.type === 'asset' ? String(f.source) : '')).join('\n');
  return { js: js.code, css: cssText };
}

async function readScenarios(): Promise<Scenario[]> {
  const dir = join(root, 'content/scenarios');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (n) => parseScenario(parseYaml(await readFile(join(dir, n), 'utf8')), n)));
}

async function readQuizzes(): Promise<QuizData[]> {
  const dir = join(root, 'content/quizzes');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (n) => quizSchema.parse(parseYaml(await readFile(join(dir, n), 'utf8')))));
}

/** A lesson's title in a locale, from its MDX front matter (the quiz's package is named after it). */
async function lessonTitle(slug: string, locale: Locale): Promise<string> {
  for (const l of [locale, ...locales.filter((x) => x !== locale)]) {
    try {
      const text = await readFile(join(root, 'content/lessons', l, `${slug}.mdx`), 'utf8');
      const front = /^---\n([\s\S]*?)\n---/.exec(text);
      const title = front ? (parseYaml(front[1]!) as { title?: unknown }).title : undefined;
      if (typeof title === 'string') return title;
    } catch {
      // Not written in this language: try the other.
    }
  }
  return slug;
}

/** Every package's configuration: each scenario and each lesson quiz, in each language. */
export async function packageConfigs(siteUrl: string | null): Promise<PackageConfig[]> {
  const [scenarios, quizzes] = await Promise.all([readScenarios(), readQuizzes()]);
  const out: PackageConfig[] = [];
  for (const locale of locales) {
    const strings = pickStrings(locale, ...STRING_PREFIXES);
    const base = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, locale, strings, siteUrl } as const;
    for (const scenario of scenarios) {
      const title = localText(scenario.title, locale);
      out.push({ ...base, kind: 'scenario', title, scenario: forStudents(scenario), seed: scenario.seed, locks: [], grading: 'goal' });
    }
    for (const quiz of quizzes) {
      const lesson = await lessonTitle(quiz.lesson, locale);
      const title = strings['scorm.quiz.title']!.replace('{lesson}', lesson);
      out.push({ ...base, kind: 'quiz', title, quiz, passMark: DEFAULT_PASS_MARK });
    }
  }
  return out;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

async function main(outDir: string): Promise<void> {
  const started = performance.now();
  const site = process.env.ASTRO_SITE ? new URL(process.env.ASTRO_BASE ?? '/', process.env.ASTRO_SITE).href : null;
  // One after the other: two Vite builds at once would only compete for the same cores.
  const runtimes = { scenario: await buildRuntime('scenario'), quiz: await buildRuntime('quiz') };
  const configs = await packageConfigs(site);
  const dir = resolve(outDir, 'scorm');
  await rm(dir, { recursive: true, force: true });
  let total = 0;
  for (const config of configs) {
    const html = launchPage(runtimes[config.kind], config);
    const zip = zipPackage(config, html);
    await mkdir(join(dir, config.locale), { recursive: true });
    await writeFile(join(dir, config.locale, packageFileName(config)), zip);
    total += zip.length;
    if (config.kind === 'scenario')
      console.log(`scorm: ${config.locale}/${packageFileName(config)} ${kib(zip.length)} (launch page ${kib(html.length)})`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sizes = (['scenario', 'quiz'] as const).map(
    (k) => `${k} ${kib(runtimes[k].js.length)} script + ${kib(runtimes[k].css.length)} CSS`,
  );
  console.log(`scorm: ${configs.length} packages in ${outDir}/scorm, ${kib(total)} in all; runtimes: ${sizes.join(', ')} (${seconds} s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: npm run scorm -- <outDir>   (the folder `astro build` wrote, e.g. dist)');
    process.exit(2);
  }
  await main(outDir);
}
