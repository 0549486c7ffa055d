// The web app manifest of each locale: installable (name, start URL inside the scope, PNG icons of
// 192 and 512 px that exist at those sizes), every URL relative so a sub-path works, strings per locale.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { t, langTag, locales } from '@/i18n';
import { MANIFEST_PNG_ICONS, webManifest } from '@/features/offline/manifest';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe.each(locales)('manifest (%s)', (locale) => {
  const m = webManifest((key) => t(locale, key), langTag(locale));
  // Where it is served: /<base>/<locale>/manifest.webmanifest, here under the sub-path deploy.
  const at = new URL(`https://example.org/crm-lab/${locale}/manifest.webmanifest`);

  it('opens on the locale home, inside a scope of the whole site', () => {
    expect(new URL(m.start_url, at).href).toBe(`https://example.org/crm-lab/${locale}/`);
    expect(new URL(m.scope, at).href).toBe('https://example.org/crm-lab/');
    expect(m.display).toBe('standalone');
    expect(m.name).toBe('CRM Lab');
    expect(m.lang).toBe(langTag(locale));
    expect(m.description).toBe(t(locale, 'site.description'));
  });

  it('lists PNG icons of 192 and 512 px that exist with those sizes, and the SVG', () => {
    const png = m.icons.filter((i) => i.type === 'image/png');
    expect(png.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(m.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of m.icons) {
      const path = new URL(icon.src, at).pathname.replace('/crm-lab/', 'public/');
      if (icon.type === 'image/svg+xml') expect(readFileSync(path, 'utf8')).toMatch(/^<svg /);
      else expect(pngSize(path).map(String).join('x')).toBe(icon.sizes);
    }
    expect(MANIFEST_PNG_ICONS.length).toBe(png.length);
  });

  it('has shortcuts to the three doors, in the language of the locale', () => {
    expect(m.shortcuts.map((s) => s.name)).toEqual([t(locale, 'site.nav.learn'), t(locale, 'site.nav.lab'), t(locale, 'site.nav.teach')]);
    for (const s of m.shortcuts) expect(new URL(s.url, at).pathname).toMatch(new RegExp(`^/crm-lab/${locale}/\\w+/$`));
  });
});
