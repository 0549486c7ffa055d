// The project's one CSV writer (quoting by d3-dsv), used by the command line, the lab export and the
// class board. Text that a spreadsheet would run as a formula is defused, because some cells (student
// names, file names) come from untrusted files. It writes text only; no file or DOM access here.
import { csvFormatRows, csvFormatValue } from 'd3-dsv';

export type CsvCell = string | number | boolean | null | undefined;

// A leading = + - @ makes Excel and LibreOffice evaluate a cell; tab and CR start injections too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text before quoting: numbers in full precision (non-finite → empty), text defused. */
function cellText(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as it appears in the file (quoted only when it must be). */
export function csvCell(value: CsvCell): string {
  return csvFormatValue(cellText(value));
}

/**
 * A whole table with a header row; lines end with LF and the text ends with one. LF, not CRLF:
 * Excel, LibreOffice, pandas and R all read it, and the command line's output stays usable in pipes.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${csvFormatRows([header.map(cellText), ...rows.map((r) => r.map(cellText))])}\n`;
}
