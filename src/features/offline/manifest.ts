// The web app manifest of each locale (installable CRM Lab): names, colours, icons and shortcuts.
// Every URL is relative to the manifest at /<base>/<locale>/manifest.webmanifest, so any sub-path works.
import type { MessageKey } from '@/i18n/core';

/** The PNG icons the manifest lists (rendered from public/icons/*.svg by scripts/icons.mjs). */
export const MANIFEST_PNG_ICONS = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable' },
] as const;

/** The header's colour behind the app's title bar; the same blue as the icon. */
export const THEME_COLOR = '#0b5cad';

export interface WebManifest {
  name: string;
  short_name: string;
  description: string;
  lang: string;
  dir: 'ltr';
  start_url: string;
  scope: string;
  display: 'standalone';
  background_color: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
  shortcuts: { name: string; url: string }[];
}

/**
 * The manifest of one locale (`t` translates into it, `lang` is its BCP 47 tag). It opens on that locale's home page, and its scope is the whole site so
 * that switching language stays inside the installed app.
 */
export function webManifest(t: (key: MessageKey) => string, lang: string): WebManifest {
  return {
    name: t('site.name'),
    short_name: t('site.name'),
    description: t('site.description'),
    lang,
    dir: 'ltr',
    start_url: './',
    scope: '../',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: THEME_COLOR,
    icons: [
      { src: '../icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ...MANIFEST_PNG_ICONS.map((i) => ({
        src: `../icons/${i.file}`,
        sizes: `${i.size}x${i.size}`,
        type: 'image/png',
        purpose: i.purpose,
      })),
    ],
    shortcuts: [
      { name: t('site.nav.learn'), url: './learn/' },
      { name: t('site.nav.lab'), url: './lab/' },
      { name: t('site.nav.teach'), url: './teach/' },
    ],
  };
}
