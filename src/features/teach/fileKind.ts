// What kind of file a teacher dropped on the class board, by its name alone: an LMS report export or a result file.
// Kept apart from checkFile (which pulls in the schemas and the engine) so the board page can sort files eagerly.

/** An LMS report downloaded as a spreadsheet (Moodle offers Excel and ODS too): named, so the board can ask for text. */
export const SPREADSHEET = /\.(xlsx|xls|ods)$/i;

/** Whether a file is an LMS report export (text, CSV, or a spreadsheet) rather than a result file (JSON), by its name. */
export function isExportFile(name: string): boolean {
  return /\.(txt|csv|tsv)$/i.test(name) || SPREADSHEET.test(name);
}
