// One term per concept: running text in either language (UI strings, lessons, quizzes, scenarios,
// the Model page, glossary definitions, Chinese in page sources) must not use a name
// the glossary lists under `alsoCalled` or content/vocabulary/rules.yaml lists as an alternative.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import en from '@/i18n/strings/en.json';
import zh from '@/i18n/strings/zh-cn.json';
import { glossarySchema, type GlossaryData } from '../../src/content/schemas/glossary';
import { vocabularyRulesSchema } from '../../src/content/schemas/vocabulary';
import { LEVELS, PRESET_IDS, getPreset } from '../../simulations/market';

type Lang = 'en' | 'zh';
interface Forbidden {
  lang: Lang;
  alternative: string;
  canonical: string;
  /** Where the rule comes from, for the failure message. */
  source: string;
}
interface Allowed {
  phrase: string;
  notAfter?: string[];
}
interface Text {
  where: string;
  lang: Lang;
  text: string;
  /** Glossary definitions may mention an alternative in quotes (“…”), to explain the name. */
  quotedAllowed?: boolean;
}

const list = (dir: string, ext: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort()
    : [];
const read = (path: string) => readFileSync(path, 'utf8');

const glossary = new Map<string, GlossaryData>(
  list('content/glossary', '.yaml').map((f) => [f.slice(0, -5), glossarySchema.parse(parse(read(join('content/glossary', f))))]),
);
const rules = vocabularyRulesSchema.parse(parse(read('content/vocabulary/rules.yaml')));

/**
 * The forbidden alternatives, from the data: every glossary `alsoCalled` name (and, for the
 * relationship levels, "被动型营销" also forbids the short "被动型", as the canonical "反应型营销" is
 * shortened to "反应型"), plus the word rules.
 */
export function forbiddenFrom(entries: Map<string, GlossaryData>, wordRules: typeof rules): Forbidden[] {
  const out: Forbidden[] = [];
  for (const [id, g] of entries) {
    for (const lang of ['en', 'zh'] as const) {
      for (const alt of g[lang].alsoCalled ?? []) {
        const canonical = g[lang].term;
        out.push({ lang, alternative: alt, canonical, source: `glossary ${id}` });
        if (lang === 'zh' && alt.endsWith('型营销') && canonical.endsWith('型营销')) {
          out.push({ lang, alternative: alt.slice(0, -2), canonical: canonical.slice(0, -2), source: `glossary ${id}` });
        }
      }
    }
  }
  for (const w of wordRules.words) {
    for (const alt of w.alternatives) out.push({ lang: w.lang, alternative: alt, canonical: w.canonical, source: `rules ${w.concept}` });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The uses of forbidden alternatives in one text, as readable lines (empty when the text is clean). */
export function violations(t: Text, forbidden: Forbidden[], allowedPhrases: Allowed[]): string[] {
  const found: string[] = [];
  for (const f of forbidden) {
    if (f.lang !== t.lang) continue;
    let text = t.text;
    // A fixed phrase in another sense, and the canonical term itself, are not uses of the alternative
    // (the canonical may contain it: "customer lifetime value" contains "lifetime value").
    for (const p of [...allowedPhrases, { phrase: f.canonical }]) {
      if (p.phrase === f.alternative) continue;
      const after = p.notAfter?.length ? `(?<!${p.notAfter.map(escape).join('|')})` : '';
      text = text.replace(new RegExp(after + escape(p.phrase), 'g'), '\uE000');
    }
    if (t.quotedAllowed) text = text.replace(/“[^”]*”|"[^"]*"/g, '\uE000');
    const pattern = t.lang === 'en' ? new RegExp(`(?<!\\w)${escape(f.alternative)}(?!\\w)`, 'gi') : new RegExp(escape(f.alternative), 'g');
    for (const m of text.matchAll(pattern)) {
      const context = text
        .slice(Math.max(0, m.index - 12), m.index + f.alternative.length + 12)
        .replace(/\uE000/g, '…')
        .replace(/\s+/g, ' ');
      found.push(`${t.where}: "${f.alternative}" (use "${f.canonical}"; ${f.source}) in "${context}"`);
    }
  }
  return found;
}

/** Every string value under an `en` or `zh` key of a parsed YAML document, with its path. */
function localTexts(node: unknown, where: string, path = ''): Text[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => localTexts(v, where, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => {
    const p = path ? `${path}.${k}` : k;
    if ((k === 'en' || k === 'zh') && typeof v === 'string') return [{ where: `${where} ${p}`, lang: k, text: v }];
    return localTexts(v, where, p);
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(astro|svelte|ts)$/.test(d.name) ? [p] : [];
  });
}

/** All running text of the site, in both languages. */
function corpus(): Text[] {
  const texts: Text[] = [];
  for (const [k, v] of Object.entries(en)) texts.push({ where: `en.json ${k}`, lang: 'en', text: v });
  for (const [k, v] of Object.entries(zh)) texts.push({ where: `zh-cn.json ${k}`, lang: 'zh', text: v });
  for (const [dir, lang] of [
    ['content/lessons/en', 'en'],
    ['content/lessons/zh-cn', 'zh'],
  ] as const) {
    for (const f of list(dir, '.mdx')) texts.push({ where: join(dir, f), lang, text: read(join(dir, f)) });
  }
  texts.push({ where: 'content/model/en.mdx', lang: 'en', text: read('content/model/en.mdx') });
  texts.push({ where: 'content/model/zh-cn.mdx', lang: 'zh', text: read('content/model/zh-cn.mdx') });
  for (const dir of ['content/quizzes', 'content/scenarios']) {
    for (const f of list(dir, '.yaml')) texts.push(...localTexts(parse(read(join(dir, f))), join(dir, f)));
  }
  for (const [id, g] of glossary) {
    for (const lang of ['en', 'zh'] as const) {
      texts.push({ where: `glossary ${id} ${lang}.term`, lang, text: g[lang].term });
      texts.push({ where: `glossary ${id} ${lang}.definition`, lang, text: g[lang].definition, quotedAllowed: true });
    }
  }
  // Chinese written straight into page and component sources (it should live in the strings, but
  // wherever it is, it must use the vocabulary).
  for (const file of sourceFiles('src')) {
    read(file)
      .split('\n')
      .forEach((line, i) => {
        if (/[\u4e00-\u9fff]/.test(line)) texts.push({ where: `${file}:${i + 1}`, lang: 'zh', text: line });
      });
  }
  return texts;
}

const forbidden = forbiddenFrom(glossary, rules);
const allowed: Allowed[] = rules.allowed;

describe('the vocabulary check', () => {
  it('reads its forbidden alternatives from the glossary and the word rules', () => {
    const alts = forbidden.map((f) => f.alternative);
    expect(alts).toEqual(expect.arrayContaining(['被动型营销', '被动型', '能动型', '贴现率', '客户', '记忆卡片', '供给']));
    // No alternative of one concept may be the canonical name of another.
    const canonical = new Set([...glossary.values()].flatMap((g) => [g.en.term, g.zh.term]));
    expect(alts.filter((a) => canonical.has(a))).toEqual([]);
  });

  const cases: { name: string; text: Text; expected: number }[] = [
    {
      name: 'refuses 被动型 in a Chinese sentence',
      text: { where: 't', lang: 'zh', text: '被动型营销要求企业在售后留下联系方式。' },
      expected: 2,
    },
    { name: 'refuses the short 能动型', text: { where: 't', lang: 'zh', text: '能动型：新用途与新产品' }, expected: 1 },
    {
      name: 'refuses 贴现率 and 客户终身价值 (and within them 贴现 and 客户)',
      text: { where: 't', lang: 'zh', text: '按贴现率计算客户终身价值。' },
      expected: 4,
    },
    {
      name: 'accepts the canonical terms',
      text: { where: 't', lang: 'zh', text: '反应型营销、主动型营销与顾客终身价值；折现率 10%。' },
      expected: 0,
    },
    {
      name: 'accepts 客户 inside the fixed term 客户关系管理',
      text: { where: 't', lang: 'zh', text: '客户关系管理的目标是顾客资产。大客户由客户经理负责。' },
      expected: 0,
    },
    {
      name: 'does not take 扩大客户 for the fixed term 大客户',
      text: { where: 't', lang: 'zh', text: '留住顾客并扩大客户购买。' },
      expected: 1,
    },
    {
      name: 'refuses an English alternative as a word',
      text: { where: 't', lang: 'en', text: 'Compute the CLTV of each buyer.' },
      expected: 1,
    },
    {
      name: 'does not read a canonical term as its own alternative',
      text: { where: 't', lang: 'en', text: 'Customer lifetime value (CLV) is a present value.' },
      expected: 0,
    },
    {
      name: 'lets a glossary definition quote another name',
      text: { where: 't', lang: 'zh', text: '也有教材称之为“被动型营销”。', quotedAllowed: true },
      expected: 0,
    },
    {
      name: 'refuses the same quote outside the glossary',
      text: { where: 't', lang: 'zh', text: '也有教材称之为“被动型营销”。' },
      expected: 2,
    },
  ];
  for (const c of cases) it(c.name, () => expect(violations(c.text, forbidden, allowed)).toHaveLength(c.expected));
});

describe('running text', () => {
  it('uses the canonical term for every concept, in both languages', () => {
    const found = corpus().flatMap((t) => violations(t, forbidden, allowed));
    expect(found.length, `${found.length} uses of an alternative term:\n${found.join('\n')}`).toBe(0);
  });
});

describe('the id → label map (vocab.* strings)', () => {
  it('names every preset market and segment, while the model carries ids only', () => {
    for (const id of PRESET_IDS) {
      const market = getPreset(id);
      expect(en[`vocab.market.${id}` as keyof typeof en], `vocab.market.${id}`).toBeTruthy();
      for (const seg of market.segments) {
        expect(en[`vocab.segment.${seg.id}` as keyof typeof en], `vocab.segment.${seg.id}`).toBeTruthy();
        expect(zh[`vocab.segment.${seg.id}` as keyof typeof zh], `vocab.segment.${seg.id}`).toBeTruthy();
      }
      expect(JSON.stringify(market), `preset ${id} carries a display name`).not.toMatch(/"label"|[\u4e00-\u9fff]/);
    }
  });

  it('gives the UI the glossary terms for the levels, shortened', () => {
    // The glossary says "反应型营销" / "Reactive marketing"; the UI label is the short "反应型" / "Reactive".
    for (const level of LEVELS) {
      const g = glossary.get(`${level}-marketing`)!;
      expect(g, `glossary entry ${level}-marketing`).toBeDefined();
      expect(`${zh[`vocab.level.${level}`]}营销`).toBe(g.zh.term);
      expect(`${en[`vocab.level.${level}`]} marketing`).toBe(g.en.term);
    }
  });
});
