// Typed, validated lab state in a URL query string (shared by the five labs and the Predict pattern).
// Pure string handling: no window, no history; the components decide when to read and write.

export const STATE_VERSION = '1';

export interface NumberSpec {
  kind: 'number';
  min: number;
  max: number;
  /** Values are rounded to this step (also the slider step). */
  step: number;
  default: number;
}
export interface EnumSpec<T extends string = string> {
  kind: 'enum';
  values: readonly T[];
  default: T;
}
export interface ListSpec {
  kind: 'list';
  length: number;
  min: number;
  max: number;
  step: number;
  default: readonly number[];
}
export type ParamSpec = NumberSpec | EnumSpec | ListSpec;
export type Schema = Record<string, ParamSpec>;

type ValueOf<P extends ParamSpec> = P extends NumberSpec
  ? number
  : P extends EnumSpec<infer T>
    ? T
    : P extends ListSpec
      ? number[]
      : never;
export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface ParseResult<S extends Schema> {
  state: StateOf<S>;
  /** Names of the parameters that were present but invalid (they fell back to their defaults). */
  invalid: string[];
}

/** Rounds to the step without drifting into 0.30000000000000004-style tails. */
export function roundToStep(x: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number((Math.round(x / step) * step).toFixed(decimals));
}

function parseNumber(raw: string, spec: NumberSpec | ListSpec): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) return null;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < spec.min || x > spec.max) return null;
  return Math.min(spec.max, Math.max(spec.min, roundToStep(x, spec.step)));
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    out[key] = spec.kind === 'list' ? [...spec.default] : spec.default;
  }
  return out as StateOf<S>;
}

/**
 * Reads `search` ("a=1&b=2", with or without "?"). Every key of the schema that is present is
 * validated; a bad value, an unknown version or an unknown key is reported in `invalid`.
 */
export function parseState<S extends Schema>(schema: S, search: string): ParseResult<S> {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state = defaults(schema) as Record<string, unknown>;
  const invalid: string[] = [];
  for (const [key, raw] of params) {
    if (key === 'v') {
      if (raw !== STATE_VERSION) invalid.push('v');
      continue;
    }
    const spec = schema[key];
    if (!spec) {
      invalid.push(key);
      continue;
    }
    if (spec.kind === 'number') {
      const x = parseNumber(raw, spec);
      if (x === null) invalid.push(key);
      else state[key] = x;
    } else if (spec.kind === 'enum') {
      if ((spec.values as readonly string[]).includes(raw)) state[key] = raw;
      else invalid.push(key);
    } else {
      const parts = raw.split(',');
      const xs = parts.map((p) => parseNumber(p, spec));
      if (parts.length !== spec.length || xs.some((x) => x === null)) invalid.push(key);
      else state[key] = xs as number[];
    }
  }
  return { state: state as StateOf<S>, invalid };
}

/** Writes the whole state with `v=1` first, in schema order, so equal states give equal URLs. */
export function serializeState<S extends Schema>(schema: S, state: StateOf<S>): string {
  const params = new URLSearchParams();
  params.set('v', STATE_VERSION);
  for (const key of Object.keys(schema)) {
    const value = (state as Record<string, unknown>)[key];
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString().replace(/%2C/g, ',');
}
