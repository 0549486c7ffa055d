// The one reactive bridge of the five concept labs and the mini market lab: the lab's state (typed by its
// URL schema), the problems of the link it was opened with, and the URL kept in step on a lab's own page.
// Embedded labs (inside <Predict>) read the lesson's query and never write the page URL. No maths here.
import {
  defaults,
  parseQuery,
  serializeQuery,
  snapToRange,
  type NumberSpec,
  type Schema,
  type StateOf,
  type UrlProblem,
} from '@/kit/urlState';
import { syncQuery } from '@/kit/urlWriter.svelte';

/** The keys of a schema whose values are plain numbers (the ones a slider sets). */
type NumberKey<S extends Schema> = { [K in keyof S]: S[K] extends NumberSpec ? K : never }[keyof S] & string;

export class ConceptLabState<S extends Schema> {
  readonly schema: S;
  /** The lesson's query inside <Predict>, null on a lab's own page (read when the lab connects). */
  private readonly query: () => string | null;

  state: StateOf<S> = $state() as StateOf<S>;
  /** What was wrong with the link the lab was opened with (listed ones, and how many in all). */
  problems = $state<UrlProblem[]>([]);
  problemCount = $state(0);
  /** False until the start state has been read (the first paint shows the defaults). */
  ready = $state(false);
  /** The query that reproduces the current state (v=1 first, keys in schema order). */
  get url(): string {
    return serializeQuery(this.schema, this.state);
  }

  constructor(schema: S, query: () => string | null = () => null) {
    this.schema = schema;
    this.query = query;
    this.state = defaults(schema);
  }

  /** True inside <Predict>: the state comes from the lesson's query and the page URL is left alone. */
  get embedded(): boolean {
    return this.query() !== null;
  }

  /**
   * Reads the start state (the lesson's query, or the page's URL) and, on a lab's own page, keeps the URL
   * in step from then on. Call from onMount; returns what stops the URL sync.
   */
  connect(search: string = this.query() ?? location.search): () => void {
    const r = parseQuery(this.schema, search);
    this.state = r.state;
    this.problems = r.problems;
    this.problemCount = r.problemCount;
    this.ready = true;
    return this.embedded ? () => {} : syncQuery(() => this.url);
  }

  /** The declared spec of a setting (a number's range for its control, a list's item spec). */
  spec<K extends keyof S & string>(key: K): S[K] {
    return this.schema[key];
  }

  /** Sets a numeric setting, clamped to its range and rounded to its step; returns the value used. */
  set<K extends NumberKey<S>>(key: K, value: number): number {
    const spec = this.schema[key] as NumberSpec;
    const used = snapToRange(value, spec);
    (this.state as Record<string, unknown>)[key] = used;
    return used;
  }

  /** Sets one position of a numeric list setting (e.g. one rating), clamped and rounded by the list's item spec. */
  setItem(key: keyof S & string, index: number, value: number): number {
    const spec = this.schema[key];
    if (spec.kind !== 'list' || spec.item.kind !== 'number') throw new Error(`${key} is not a list of numbers`);
    const item = spec.item;
    const used = snapToRange(value, item);
    ((this.state as Record<string, unknown>)[key] as number[])[index] = used;
    return used;
  }

  /** Back to the lab's example values; the link's problems no longer apply. */
  reset(): void {
    this.state = defaults(this.schema);
    this.problems = [];
    this.problemCount = 0;
  }
}
