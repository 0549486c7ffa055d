// The package: imsmanifest.xml valid against the SCORM 1.2 schema files (test/fixtures/scorm/xsd, checked
// with libxml2's xmllint compiled to WebAssembly), a zip with the manifest beside one self-contained
// launch page, the same bytes for the same input, and a configuration the in-browser builder can swap.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { validateManifest } from './xsd';
import { manifest, launchPage, zipPackage, packageFileName, packageId, withClassSettings } from '@/features/scorm/pack';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, readConfig, replaceConfig, type PackageConfig } from '@/features/scorm/config';
import { scenario } from './scenarios';

const base = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, strings: {}, siteUrl: null } as const;
const scenarioConfig: PackageConfig = {
  ...base,
  locale: 'zh-cn',
  kind: 'scenario',
  title: '预算削减：<争取>还是保留？ & "引号"',
  scenario: scenario('budget-cut'),
  seed: 'class-7b',
  locks: [],
  grading: 'goal',
};
const quizConfig: PackageConfig = {
  ...base,
  locale: 'en',
  kind: 'quiz',
  title: 'Quiz: The five levels',
  quiz: { lesson: 'five-levels', questions: [] },
  passMark: 0.7,
};

describe('imsmanifest.xml', () => {
  it('is valid SCORM 1.2 for a scenario and for a quiz (with its mastery score)', async () => {
    for (const config of [scenarioConfig, quizConfig]) {
      const result = await validateManifest(manifest(config));
      expect(result.errors, manifest(config)).toEqual([]);
      expect(result.valid).toBe(true);
    }
    expect(manifest(quizConfig)).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');
    expect(manifest(scenarioConfig)).toContain('&lt;争取&gt;还是保留？ &amp; &quot;引号&quot;');
  });

  it('the validator does catch a broken manifest (so the check above means something)', async () => {
    const broken = manifest(quizConfig).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"');
    expect((await validateManifest(broken)).valid).toBe(false);
    const noResources = manifest(quizConfig).replace(/<resources>[\s\S]*<\/resources>/, '');
    expect((await validateManifest(noResources)).valid).toBe(false);
  });
});

describe('the package zip', () => {
  const runtime = { js: 'window.started = "</script><!--";', css: 'body{color:red}</style>' };
  const html = launchPage(runtime, scenarioConfig);

  it('holds the manifest and one launch page at its root, the same bytes every time', () => {
    const zip = zipPackage(scenarioConfig, html);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html']);
    expect(strFromU8(files['index.html']!)).toBe(html);
    expect(strFromU8(files['imsmanifest.xml']!)).toBe(manifest(scenarioConfig));
    expect(zipPackage(scenarioConfig, html)).toEqual(zip);
    expect(packageFileName(scenarioConfig)).toBe('crm-lab-scenario-budget-cut-zh-cn-scorm12.zip');
    expect(packageId(quizConfig)).toBe('crm-lab-quiz-five-levels-en');
  });

  it('the launch page needs no other file: inline script, inline style, nothing that could close them early', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(/);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('carries its configuration, which the builder can read and replace (a class seed and locks)', () => {
    expect(readConfig(html)).toEqual(scenarioConfig);
    const classed = replaceConfig(html, { ...scenarioConfig, seed: 'class-9', locks: ['quality'] });
    expect(readConfig(classed)).toMatchObject({ seed: 'class-9', locks: ['quality'] });
    expect(classed.length - html.length).toBeLessThan(40);
    expect(readConfig('<html></html>')).toBeNull();
    expect(() => replaceConfig('<html></html>', scenarioConfig)).toThrow();
  });
});

describe('a class package', () => {
  const runtime = { js: 'window.x = 1;', css: '' };
  const prebuilt = zipPackage(scenarioConfig, launchPage(runtime, { ...scenarioConfig, seed: scenarioConfig.scenario.seed }));

  it('is the prebuilt package with the class seed, locks and grading in its page and the seed in its title', async () => {
    const { config, bytes } = withClassSettings(prebuilt, {
      seed: 'class-7b',
      locks: ['quality', 'promiseLevel', 'quality'],
      grading: 'completion',
    });
    expect(config).toMatchObject({ seed: 'class-7b', locks: ['promiseLevel', 'quality'], grading: 'completion' });
    const files = unzipSync(bytes);
    const html = strFromU8(files['index.html']!);
    expect(readConfig(html)).toEqual(config);
    expect(html).toContain(
      `<title>${config.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</title>`,
    );
    expect(config.title.endsWith(' · class-7b')).toBe(true);
    expect(strFromU8(files['imsmanifest.xml']!)).toBe(manifest(config));
    expect((await validateManifest(manifest(config))).valid).toBe(true);
    // Set again to another class: one seed in the title, not two.
    const again = withClassSettings(bytes, { seed: 'class-9', locks: [] }).config;
    expect(again.title.endsWith(' · class-9')).toBe(true);
    expect(again.title).not.toContain('class-7b');
    expect(withClassSettings(bytes, { seed: scenarioConfig.scenario.seed, locks: [] }).config.title).toBe(scenarioConfig.title);
  });

  it('refuses settings a link could not carry, and anything but a scenario package', () => {
    expect(() => withClassSettings(prebuilt, { seed: 'no spaces', locks: [] })).toThrow();
    expect(() => withClassSettings(prebuilt, { seed: 'ok', locks: ['__proto__'] })).toThrow();
    const quizZip = zipPackage(quizConfig, launchPage(runtime, quizConfig));
    expect(() => withClassSettings(quizZip, { seed: 'ok', locks: [] })).toThrow('not a CRM Lab scenario package');
    expect(() => withClassSettings(new Uint8Array([1, 2, 3]), { seed: 'ok', locks: [] })).toThrow();
  });
});
