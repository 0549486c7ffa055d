// Text that came from outside (a URL, a dropped file, a file name, a scenario file, a command-line
// argument) made safe to show: control characters and bidirectional overrides removed or replaced,
// length capped. Pure, shared by the model's messages and the site's notices; no DOM.

// C0 and C1 controls and the bidirectional overrides that could disguise echoed text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text made safe to echo: controls replaced by "?", at most `max` characters plus "…". */
export function clip(text: string, max: number): string {
  // Only the start is ever shown, so a 100 KB name is cut before it is split into characters.
  const chars = [...text.slice(0, 4 * max).replace(CONTROL_CHARS, '?')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** Text with its control characters removed (for names a person typed), not shortened. */
export function stripControls(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/** Keys that would reach an object's prototype if copied; refused in scenario files and result files alike. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
