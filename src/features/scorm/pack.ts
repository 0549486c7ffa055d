// A SCORM 1.2 package from a launch page: the imsmanifest.xml (one SCO, index.html) and the zip, built with
// fflate; and a prebuilt package set to a class's seed and locks (for the link builder, in the browser).
// It never fetches anything and writes no files itself.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { langTag } from '@/i18n/core';
import { configBlock, readConfig, replaceConfig, type PackageConfig, type ScenarioPackage } from './config';
import type { Grading } from './record';
import { packageFileOf, packageIdOf } from './files';

/** The zip's entries carry this time, so the same content always gives the same bytes. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

export const LAUNCH_FILE = 'index.html';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The package's identifier: kind, id and language, an XML NCName. */
export function packageId(config: PackageConfig): string {
  return packageIdOf(config.kind, config.kind === 'scenario' ? config.scenario.id : config.quiz.lesson, config.locale);
}

/** imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2); a quiz carries its pass mark as adlcp:masteryscore. */
export function manifest(config: PackageConfig): string {
  const id = packageId(config);
  const title = xml(config.title);
  const mastery = config.kind === 'quiz' ? `\n        <adlcp:masteryscore>${Math.round(config.passMark * 100)}</adlcp:masteryscore>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH_FILE}">
      <file href="${LAUNCH_FILE}"/>
    </resource>
  </resources>
</manifest>
`;
}

/** The page's compiled runtime: one classic script and one stylesheet, inlined so file:// needs nothing else. */
export interface Runtime {
  js: string;
  css: string;
}

/** Inline script text must not close its element early. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The self-contained launch page: runtime, styles and configuration in one HTML file. */
export function launchPage(runtime: Runtime, config: PackageConfig): string {
  return `<!doctype html>
<html lang="${langTag(config.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="CRM Lab">
<title>${xml(config.title)}</title>
<style>${runtime.css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body>
<div id="crm-lab-package-root"></div>
${configBlock(config)}
<script>${inlineScript(runtime.js)}</script>
</body>
</html>
`;
}

/** The zip: imsmanifest.xml at the root, beside the launch page. Deterministic for the same inputs. */
export function zipPackage(config: PackageConfig, html: string): Uint8Array {
  return zipSync(
    {
      'imsmanifest.xml': [strToU8(manifest(config)), { mtime: FIXED_MTIME }],
      [LAUNCH_FILE]: [strToU8(html), { mtime: FIXED_MTIME }],
    },
    { level: 9 },
  );
}

/** The download name of a package. */
export function packageFileName(config: PackageConfig): string {
  return packageFileOf(config.kind, config.kind === 'scenario' ? config.scenario.id : config.quiz.lesson, config.locale);
}

/** A class's settings for a scenario package, as the link builder makes them. */
export interface ClassSettings {
  seed: string;
  /** Extra locked controls (the player refuses, with a notice, any the scenario does not allow). */
  locks: readonly string[];
  grading?: Grading;
}

const SEED = /^[A-Za-z0-9_-]{1,40}$/;
const CONTROL = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;

/**
 * A prebuilt scenario package (one of <site>/scorm/<locale>/…zip) set to a class: the seed and locks go into
 * the launch page's configuration and the seed into the title, so two classes' packages differ in the LMS.
 * Throws on a package that is not a CRM Lab scenario package or on settings a link could not carry.
 */
export function withClassSettings(zip: Uint8Array, settings: ClassSettings): { config: ScenarioPackage; bytes: Uint8Array } {
  if (!SEED.test(settings.seed) || !settings.locks.every((id) => CONTROL.test(id))) throw new Error('invalid class settings');
  const files = unzipSync(zip);
  const page = files[LAUNCH_FILE];
  const html = page ? strFromU8(page) : '';
  const base = readConfig(html);
  if (base === null || base.kind !== 'scenario') throw new Error('not a CRM Lab scenario package');
  const plain = stripSeed(base.title);
  const config: ScenarioPackage = {
    ...base,
    seed: settings.seed,
    locks: [...new Set(settings.locks)].sort(),
    grading: settings.grading ?? base.grading,
    title: settings.seed === base.scenario.seed ? plain : `${plain} · ${settings.seed}`,
  };
  const classed = replaceConfig(html, config).replace(/<title>[^<]*<\/title>/, `<title>${xml(config.title)}</title>`);
  return { config, bytes: zipPackage(config, classed) };
}

/** A package title without a class seed added earlier (a class package may be set to another class). */
function stripSeed(title: string): string {
  return title.replace(/ · [A-Za-z0-9_-]{1,40}$/, '');
}
