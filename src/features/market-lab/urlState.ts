// The lab's state in the URL query (versioned, v=1): encode settings, and decode a query with every value validated.
// A broken, foreign or out-of-range value is replaced by its default and named in `ignored`; nothing here touches the DOM.
import {
  INVESTED_LEVELS,
  LEVEL_IDS,
  cloneSettings,
  matchPreset,
  roundToStep,
  type InvestmentVector,
  type LabLimits,
  type LabSettings,
  type LevelName,
  type Range
} from './settings';

export const URL_VERSION = '1';
const SEGMENT_PREFIX = 's.';
const SCALAR_KEYS = ['v', 'm', 'seed', 'h', 'pr', 'acq', 'q'] as const;
/** At most this many ignored names are reported (a hostile URL can carry thousands). */
const MAX_REPORTED = 8;
const MAX_NAME_LENGTH = 24;

export interface DecodeResult {
  settings: LabSettings;
  /** Names of query parameters that were not used (shortened, plain text). */
  ignored: string[];
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,8})?$/;
const INTEGER = /^\d{1,10}$/;

/** Parses a plain decimal inside the range, or returns null (no exponents, no Infinity, no hex). */
export function parseInRange(raw: string | null, r: Range, integer = false): number | null {
  if (raw === null) return null;
  const s = raw.trim();
  if (!(integer ? INTEGER : DECIMAL).test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v) || v < r.min || v > r.max) return null;
  return integer ? v : roundToStep(v, r);
}

function shortName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > MAX_NAME_LENGTH ? `${clean.slice(0, MAX_NAME_LENGTH)}…` : clean;
}

function formatNumber(v: number): string {
  return String(Number(v.toFixed(6)));
}

/** The query string (without "?") for the settings; levels that match a preset are written by name. */
export function encodeSettings(settings: LabSettings, limits: LabLimits): string {
  const p = new URLSearchParams();
  p.set('v', URL_VERSION);
  p.set('m', settings.marketId);
  p.set('seed', String(settings.seed));
  p.set('h', String(settings.quarters));
  p.set('pr', formatNumber(settings.promiseLevel));
  p.set('acq', formatNumber(settings.acquisitionSpendPerQuarter));
  p.set('q', formatNumber(settings.quality));
  for (const segId of limits.segmentIds(settings.marketId)) {
    const inv = settings.investment[segId];
    if (!inv) continue;
    const preset = matchPreset(limits, settings.marketId, segId, inv);
    p.set(SEGMENT_PREFIX + segId, preset === 'custom' ? INVESTED_LEVELS.map((l) => formatNumber(inv[l])).join(',') : preset);
  }
  return p.toString();
}

function decodeSegment(raw: string, limits: LabLimits, marketId: string, segId: string): InvestmentVector | null {
  if ((LEVEL_IDS as readonly string[]).includes(raw)) return limits.presetInvestment(marketId, segId, raw as LevelName);
  const parts = raw.split(',');
  if (parts.length !== INVESTED_LEVELS.length) return null;
  const out = {} as InvestmentVector;
  for (let i = 0; i < parts.length; i++) {
    const level = INVESTED_LEVELS[i];
    const v = parseInRange(parts[i], limits.investmentRange(marketId, segId, level));
    if (v === null) return null;
    out[level] = v;
  }
  return out;
}

/** Reads settings from a query string; anything invalid falls back to the default and is listed. */
export function decodeSettings(search: string, limits: LabLimits): DecodeResult {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { settings: limits.defaults(limits.marketIds[0]), ignored: ['?'] };
  }
  const keys = [...new Set([...params.keys()])];
  const defaultMarket = limits.marketIds[0];
  if (keys.length === 0) return { settings: limits.defaults(defaultMarket), ignored: [] };

  const ignored: string[] = [];
  const ignore = (name: string) => {
    const s = shortName(name);
    if (!ignored.includes(s)) ignored.push(s);
  };

  // A URL without our version, or of another version, is foreign: none of it is trusted.
  if (params.get('v') !== URL_VERSION) {
    for (const k of keys) ignore(k);
    return { settings: limits.defaults(defaultMarket), ignored: ignored.slice(0, MAX_REPORTED) };
  }

  const m = params.get('m');
  let marketId = defaultMarket;
  if (m !== null) {
    if (limits.marketIds.includes(m)) marketId = m;
    else ignore('m');
  }
  const settings = cloneSettings(limits.defaults(marketId));

  const scalar = (key: string, range: Range, set: (v: number) => void, integer = false) => {
    const raw = params.get(key);
    if (raw === null) return;
    const v = parseInRange(raw, range, integer);
    if (v === null) ignore(key);
    else set(v);
  };
  scalar('seed', limits.seed, (v) => (settings.seed = v), true);
  scalar('h', limits.quarters, (v) => (settings.quarters = v), true);
  scalar('pr', limits.promiseLevel, (v) => (settings.promiseLevel = v));
  scalar('acq', limits.acquisitionSpendPerQuarter, (v) => (settings.acquisitionSpendPerQuarter = v));
  scalar('q', limits.quality, (v) => (settings.quality = v));

  const segIds = limits.segmentIds(marketId);
  for (const key of keys) {
    if ((SCALAR_KEYS as readonly string[]).includes(key)) continue;
    if (!key.startsWith(SEGMENT_PREFIX)) {
      ignore(key);
      continue;
    }
    const segId = key.slice(SEGMENT_PREFIX.length);
    const raw = params.get(key);
    const inv = segIds.includes(segId) && raw !== null ? decodeSegment(raw, limits, marketId, segId) : null;
    if (inv) settings.investment[segId] = inv;
    else ignore(key);
  }
  return { settings, ignored: ignored.slice(0, MAX_REPORTED) };
}
