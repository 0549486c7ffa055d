// Seeded, counter-based random numbers for common random numbers (CRN).
// A draw is a pure function of (seed, customer key, quarter, purpose); it never depends on the
// strategy or on the order in which customers are processed. No global random source, no clock.
import alea from 'seedrandom/lib/alea.js';

/** Purposes of draws. Adding a purpose never changes the draws of the others. */
export const PURPOSE = {
  churn: 1,
  noise: 2,
  incident: 3,
  initialExpectation: 4,
  initialSatisfaction: 5,
  /** Tenure (quarters, 0..11) of a customer of the initial base. */
  initialTenure: 7,
  acquisitionRounding: 10,
  rivalShock: 11,
} as const;

const TWO_M32 = 1 / 4294967296;

/** murmur3's 32-bit finaliser: a bijective avalanche mix of one 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine a key with one more integer (Weyl-style multiply, then the finaliser). */
export function hash2(key: number, x: number): number {
  return fmix32((key ^ Math.imul((x + 0x632be5ab) | 0, 0x9e3779b1)) >>> 0);
}

/** Uniform on [0, 1) with 32 bits, from a key, a quarter and a purpose. */
export function uniform(key: number, quarter: number, purpose: number): number {
  return hash2(hash2(key, quarter), purpose) * TWO_M32;
}

/** FNV-1a hash of a string (segment ids), so luck is tied to the id, not to array order. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The run's root key: seedrandom's Alea generator seeded with the seed string gives two
 * 32-bit words, folded into one key. Alea is only called here, once per run.
 */
export function seedKey(seed: string | number): number {
  const prng = alea(String(seed));
  const a = prng.int32() >>> 0;
  const b = prng.int32() >>> 0;
  return fmix32((a ^ Math.imul(b, 0x27d4eb2f)) >>> 0);
}

/** Key of one segment: depends on the seed and the segment id only. */
export function segmentKey(root: number, segmentId: string): number {
  return hash2(root, hashString(segmentId));
}

/**
 * Key of one customer: the `ordinal`-th customer who joined segment `segKey` in `arrivalQuarter`
 * (0 = the initial base). Two strategies that both acquire at least k customers in a quarter
 * meet the same first k customers with the same luck.
 */
export function customerKey(segKey: number, arrivalQuarter: number, ordinal: number): number {
  return hash2(hash2(segKey, arrivalQuarter), ordinal);
}
