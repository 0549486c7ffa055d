// The one codec for state a page keeps in its URL query (market lab, concept labs, Teach links):
// typed parameter specs, a version, parsing into { state, problems } and writing in a stable order.
// Pure string handling: no window, no history (kit/urlWriter.ts writes); it never throws on input.
import { clip } from '@sim/text';

export { clip };

/** Version written as `v=` by every page that keeps state in its URL. */
export const URL_STATE_VERSION = '1';
/** How much of a bad parameter a notice may echo: names, values, and how many problems are listed. */
export const MAX_NAME_CHARS = 24;
export const MAX_VALUE_CHARS = 40;
export const MAX_LISTED_PROBLEMS = 8;

export interface NumberSpec {
  kind: 'number';
  min: number;
  max: number;
  /** Values are rounded to this step, counted from `min` (as a range input counts). */
  step: number;
  default: number;
}
export interface IntegerSpec {
  kind: 'integer';
  min: number;
  max: number;
  default: number;
}
export interface EnumSpec<T extends string = string> {
  kind: 'enum';
  values: readonly T[];
  default: T;
}
export interface StringSpec {
  kind: 'string';
  /** The whole value must match (anchor the pattern with ^…$). */
  pattern: RegExp;
  default: string;
}
export type ItemSpec = NumberSpec | IntegerSpec | EnumSpec | StringSpec;

/** Comma-separated values of one kind. */
export interface ListSpec<I extends ItemSpec = ItemSpec> {
  kind: 'list';
  item: I;
  /** Exactly this many items (a list by position, e.g. eight ratings); otherwise any number up to `maxItems`. */
  length?: number;
  maxItems?: number;
  /** A set of ids: bad items are dropped and reported one by one, repeats dropped, written sorted. */
  set?: boolean;
  default: readonly ItemValue<I>[];
}
/** Comma-separated numbers, each with its own range (e.g. a segment's spend in four levels). */
export interface TupleSpec {
  kind: 'tuple';
  items: readonly (NumberSpec | IntegerSpec)[];
  default: readonly number[];
}
/** The first of the options that reads the value (e.g. a level name, or four numbers). */
export interface OneOfSpec<A extends ParamSpec = ParamSpec, B extends ParamSpec = ParamSpec> {
  kind: 'oneOf';
  options: readonly [A, B];
  default: ValueOf<A> | ValueOf<B>;
}
export type ParamSpec = ItemSpec | ListSpec | TupleSpec | OneOfSpec<ItemSpec | ListSpec | TupleSpec, ItemSpec | ListSpec | TupleSpec>;

/** Spec fields every kind may carry. */
interface Common {
  /** Left out of the query while equal to its default (e.g. an empty lock list). */
  omitDefault?: boolean;
}
export type Schema = Record<string, ParamSpec & Common>;

type ItemValue<I> = I extends NumberSpec | IntegerSpec ? number : I extends EnumSpec<infer T> ? T : I extends StringSpec ? string : never;
export type ValueOf<P> = P extends ItemSpec
  ? ItemValue<P>
  : P extends ListSpec<infer I>
    ? ItemValue<I>[]
    : P extends TupleSpec
      ? number[]
      : P extends OneOfSpec<infer A, infer B>
        ? ValueOf<A> | ValueOf<B>
        : never;
export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Why a parameter was not used; names and values are already shortened and cleaned for display. */
export type UrlProblem =
  | { kind: 'version'; value: string }
  | { kind: 'unknown'; name: string }
  | { kind: 'repeated'; name: string }
  | { kind: 'invalid'; name: string; value: string };

export interface ParseResult<S extends Schema> {
  state: StateOf<S>;
  /** The first MAX_LISTED_PROBLEMS problems, in the order of the query. */
  problems: UrlProblem[];
  /** How many problems there were in all (a hostile query can carry thousands). */
  problemCount: number;
  /** Keys whose value was used. */
  applied: string[];
}

export interface ParseOptions {
  version?: string;
  /** A query without `v` is foreign (e.g. only tracking parameters): nothing in it is used. */
  versionRequired?: boolean;
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,10})?$/;
const INTEGER = /^-?\d{1,16}$/;
function decimalsOf(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  const decimals = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, decimals - Number(exponent ?? 0));
}

/**
 * Rounds `x` to a multiple of `step` counted from `base` (a range's minimum), without binary tails
 * like 0.30000000000000004: the result has no more decimals than the step and the base.
 */
export function roundToStep(x: number, step: number, base = 0): number {
  if (!(step > 0)) return x;
  // The count of steps is itself cleaned first, so 4.55 on a 0.1 grid from 1 is 35.5 steps (not 35.4999…).
  const stepped = Math.round(Number(((x - base) / step).toFixed(9))) * step + base;
  return Number(stepped.toFixed(Math.min(20, Math.max(decimalsOf(step), decimalsOf(base)))));
}

/** `x` on the range's grid (steps counted from its minimum) and inside it: what a control may hold. */
export function snapToRange(x: number, range: { min: number; max: number; step: number }): number {
  return Math.min(range.max, Math.max(range.min, roundToStep(x, range.step, range.min)));
}

/** A number (or integer) typed or read from a URL, checked against its spec; null when not acceptable. */
export function readNumber(raw: string, spec: NumberSpec | IntegerSpec): number | null {
  const s = raw.trim();
  if (!(spec.kind === 'integer' ? INTEGER : DECIMAL).test(s)) return null;
  const x = Number(s);
  if (!Number.isFinite(x) || x < spec.min || x > spec.max) return null;
  if (spec.kind === 'integer') return x;
  return snapToRange(x, spec);
}

function readItem(raw: string, spec: ItemSpec): string | number | null {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return readNumber(raw, spec);
    case 'enum':
      return (spec.values as readonly string[]).includes(raw) ? raw : null;
    case 'string':
      return spec.pattern.test(raw) ? raw : null;
  }
}

interface Read {
  value: unknown;
  /** Items of a set that were dropped. */
  dropped: string[];
}

function readValue(raw: string, spec: ParamSpec): Read | null {
  switch (spec.kind) {
    case 'list': {
      const parts = raw === '' ? [] : raw.split(',');
      if (spec.set) {
        const kept: (string | number)[] = [];
        const dropped: string[] = [];
        for (const part of parts) {
          const v = readItem(part, spec.item);
          if (v === null || (spec.maxItems !== undefined && kept.length >= spec.maxItems)) dropped.push(part);
          else if (!kept.includes(v)) kept.push(v);
        }
        return { value: kept, dropped };
      }
      if (spec.length !== undefined ? parts.length !== spec.length : parts.length > (spec.maxItems ?? Infinity)) return null;
      const values = parts.map((p) => readItem(p, spec.item));
      return values.some((v) => v === null) ? null : { value: values, dropped: [] };
    }
    case 'tuple': {
      const parts = raw.split(',');
      if (parts.length !== spec.items.length) return null;
      const values = parts.map((p, i) => readNumber(p, spec.items[i]));
      return values.some((v) => v === null) ? null : { value: values, dropped: [] };
    }
    case 'oneOf':
      return readValue(raw, spec.options[0]) ?? readValue(raw, spec.options[1]);
    default: {
      const v = readItem(raw, spec);
      return v === null ? null : { value: v, dropped: [] };
    }
  }
}

function copy<T>(value: T): T {
  return (Array.isArray(value) ? [...value] : value) as T;
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = copy(spec.default);
  return out as StateOf<S>;
}

/** Collects problems but keeps only the first few; the count covers all of them. */
class Problems {
  readonly listed: UrlProblem[] = [];
  count = 0;
  add(problem: UrlProblem): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
  unknown(name: string): void {
    this.add({ kind: 'unknown', name: clip(name, MAX_NAME_CHARS) });
  }
  invalid(name: string, value: string): void {
    this.add({ kind: 'invalid', name: clip(name, MAX_NAME_CHARS), value: clip(value, MAX_VALUE_CHARS) });
  }
}

/**
 * Reads `search` ("a=1&b=2", with or without "?") against the schema. Rules, the same on every page:
 * a key given twice is refused by name; an unknown key is reported; a bad value is reported and its
 * default kept; a link of another version is not read at all. Nothing here throws.
 */
export function parseQuery<S extends Schema>(schema: S, search: string, options: ParseOptions = {}): ParseResult<S> {
  const version = options.version ?? URL_STATE_VERSION;
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state = defaults(schema) as Record<string, unknown>;
  const problems = new Problems();
  const applied: string[] = [];
  const result = (): ParseResult<S> => ({ state: state as StateOf<S>, problems: problems.listed, problemCount: problems.count, applied });

  const values = new Map<string, string[]>();
  for (const [key, raw] of params) {
    const list = values.get(key);
    if (list) list.push(raw);
    else values.set(key, [raw]);
  }
  if (values.size === 0) return result();

  const v = values.get('v');
  if (v !== undefined && (v.length > 1 || v[0] !== version)) {
    problems.add({ kind: 'version', value: clip(v.join(','), MAX_VALUE_CHARS) });
    return result();
  }
  if (v === undefined && options.versionRequired) {
    for (const key of values.keys()) problems.unknown(key);
    return result();
  }

  for (const [key, raws] of values) {
    if (key === 'v') continue;
    const spec = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (!spec) {
      problems.unknown(key);
      continue;
    }
    if (raws.length > 1) {
      problems.add({ kind: 'repeated', name: clip(key, MAX_NAME_CHARS) });
      continue;
    }
    const read = readValue(raws[0], spec);
    if (read === null) {
      problems.invalid(key, raws[0]);
      continue;
    }
    for (const item of read.dropped) problems.invalid(key, item);
    state[key] = read.value;
    applied.push(key);
  }
  return result();
}

/** How a number is written: plain decimals, no binary tails, no exponent for the sizes we use. */
export function formatNumber(x: number): string {
  return String(Number(x.toFixed(10)));
}

function writeValue(value: unknown, spec: ParamSpec): string {
  if (Array.isArray(value)) {
    const items = value.map((x) => (typeof x === 'number' ? formatNumber(x) : String(x)));
    if (spec.kind === 'list' && spec.set) items.sort();
    return items.join(',');
  }
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
}

/** The query (without "?"): `v` first, then the schema's keys in order, so equal states give equal URLs. */
export function serializeQuery<S extends Schema>(schema: S, state: StateOf<S>, options: { version?: string } = {}): string {
  const params = new URLSearchParams();
  params.set('v', options.version ?? URL_STATE_VERSION);
  for (const [key, spec] of Object.entries(schema)) {
    const value = (state as Record<string, unknown>)[key];
    if (value === undefined || (spec.omitDefault && sameValue(value, spec.default))) continue;
    params.set(key, writeValue(value, spec));
  }
  // Commas are safe in a query; leaving them readable keeps shared links legible.
  return params.toString().replace(/%2C/g, ',');
}
