// Reads many dropped or picked files for the class board, one at a time, each on its own:
// a huge, unreadable or hostile file is rejected with a reason and the others still load.
import { MAX_RESULT_BYTES, parseResultFile, type RejectReason, type ResultFile } from './resultFile';
import { stripControls } from '@sim/text';

/** The part of a browser File the board needs (lets tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type Intake =
  { ok: true; fileName: string; file: ResultFile } | { ok: false; fileName: string; reason: RejectReason | 'unreadable'; detail: string };

/** At most this many files per drop, so a mistaken drop of a whole folder cannot freeze the tab. */
export const MAX_FILES_PER_DROP = 500;

/** File names are shown as text; they are shortened so a hostile name cannot flood the page. */
export function displayFileName(name: string): string {
  const clean = stripControls(name);
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

export async function readResultFiles(files: readonly FileLike[]): Promise<Intake[]> {
  const out: Intake[] = [];
  for (const f of files.slice(0, MAX_FILES_PER_DROP)) {
    const fileName = displayFileName(f.name);
    if (f.size > MAX_RESULT_BYTES) {
      out.push({ ok: false, fileName, reason: 'tooLarge', detail: String(f.size) });
      continue;
    }
    let text: string;
    try {
      text = await f.text();
    } catch {
      out.push({ ok: false, fileName, reason: 'unreadable', detail: '' });
      continue;
    }
    const parsed = parseResultFile(text, f.size);
    if (parsed.ok) out.push({ ok: true, fileName, file: parsed.file });
    else out.push({ ok: false, fileName, reason: parsed.reason, detail: parsed.detail });
  }
  return out;
}
