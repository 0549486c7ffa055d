// The one way the site hands a file to the visitor: the content in a Blob behind a temporary object
// URL, clicked through a hidden link, the URL revoked afterwards. Browser-only; it never builds content.
import { CONTROL_CHARS } from '@sim/text';

/** How long the object URL lives after the click: some browsers read it after the click returns. */
export const REVOKE_AFTER_MS = 1000;

/** A file name without path separators, control or reserved characters (names may carry ids from a file). */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(CONTROL_CHARS, '-')
    .replace(/[\\/:*?"<>|]/g, '-')
    .trim();
  return cleaned === '' ? 'download' : cleaned.slice(0, 120);
}

/**
 * Offers `data` as a file named `name`. Returns the name used, or null when this browser refused
 * (no Blob or object URLs, e.g. a locked-down embedded browser); it never throws.
 */
export function downloadFile(name: string, data: BlobPart, type: string): string | null {
  const fileName = safeFileName(name);
  let href: string;
  try {
    href = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
  } catch {
    return null;
  }
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = fileName;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    return fileName;
  } catch {
    return null;
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
  }
}
