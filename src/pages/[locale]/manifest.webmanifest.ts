// The web app manifest of each locale, written at build time to /<locale>/manifest.webmanifest.
// Its content comes from src/features/offline/manifest.ts; this file only serves it.
import type { APIRoute } from 'astro';
import { t, langTag, localeStaticPaths, type Locale } from '@/i18n';
import { webManifest } from '@/features/offline/manifest';

export const getStaticPaths = localeStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const locale = params.locale as Locale;
  const body = JSON.stringify(
    webManifest((key) => t(locale, key), langTag(locale)),
    null,
    2,
  );
  return new Response(body, { headers: { 'content-type': 'application/manifest+json' } });
};
