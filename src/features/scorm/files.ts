// Where the build puts each prebuilt SCORM package (scripts/scorm.ts writes <site>/scorm/<locale>/<file>), so that
// the Teach pages link to the same names the build writes. Names only: no zip code here, so a page can import it.
import type { Locale } from '@/i18n/core';

export type PackageKind = 'scenario' | 'quiz';

/** The package's identifier: kind, id (scenario id or lesson slug) and language, an XML NCName. */
export function packageIdOf(kind: PackageKind, id: string, locale: Locale): string {
  return `crm-lab-${kind}-${id}-${locale}`;
}

/** The file name of a package (a class package keeps its scenario's name: one package per scenario in a course). */
export function packageFileOf(kind: PackageKind, id: string, locale: Locale): string {
  return `${packageIdOf(kind, id, locale)}-scorm12.zip`;
}

/** The prebuilt package's path in the site, without the base (pass it through url()). */
export function prebuiltPackagePath(kind: PackageKind, id: string, locale: Locale): string {
  return `/scorm/${locale}/${packageFileOf(kind, id, locale)}`;
}
