// Deterministic exp / log / pow built only from exactly rounded operations (+ − × ÷, floor).
// Anything that feeds a random comparison in the engine must use these, never the built-in
// exp, log and pow, whose last bit may differ between JavaScript engines.

const LN2_HI = 0.6931471803691238; // high bits of ln 2 (exact in 32 bits of mantissa)
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.4426950408889634;
const SQRT_HALF = 0.7071067811865476;
const TWO64 = 4294967296 * 4294967296; // 2^64, an exact product
const TWO_M64 = 1 / TWO64; // 2^−64, exact

/** 2^k for an integer k in [−1074, 1023], by exact repeated squaring of powers of two. */
function pow2Int(k: number): number {
  let result = 1;
  let base = k >= 0 ? 2 : 0.5;
  let n = k >= 0 ? k : -k;
  // Split very negative exponents so the intermediate powers stay normal numbers.
  while (n > 0) {
    if (n & 1) result *= base;
    base *= base;
    n >>>= 1;
    if (base === 0 || base === Infinity) {
      if (n > 0) return k >= 0 ? Infinity : 0;
    }
  }
  return result;
}

/**
 * e^x with relative error below 2e-15 on [−700, 700] (tested against Math.exp).
 * Cody–Waite reduction x = k·ln2 + r, |r| ≤ ln2/2, then a degree-13 Taylor polynomial.
 */
export function dexp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Horner form of Σ r^n / n!, n = 0..13 (|r| ≤ 0.347 → truncation error < 1e-17).
  let p = 1 / 6227020800;
  p = p * r + 1 / 479001600;
  p = p * r + 1 / 39916800;
  p = p * r + 1 / 3628800;
  p = p * r + 1 / 362880;
  p = p * r + 1 / 40320;
  p = p * r + 1 / 5040;
  p = p * r + 1 / 720;
  p = p * r + 1 / 120;
  p = p * r + 1 / 24;
  p = p * r + 1 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  if (k < -1020) return p * pow2Int(k + 60) * pow2Int(-60);
  return p * pow2Int(k);
}

/**
 * Natural logarithm with relative error below 2e-15 for x > 0 (absolute error near x = 1).
 * x = m·2^e with m in [√½, √2), then ln m = 2·atanh(s), s = (m−1)/(m+1), |s| < 0.172.
 */
export function dlog(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let m = x;
  let e = 0;
  // Exact scaling by powers of two (multiplication by 2^±k is exact for normal numbers).
  while (m >= TWO64) {
    m *= TWO_M64;
    e += 64;
  }
  while (m < TWO_M64) {
    m *= TWO64;
    e -= 64;
  }
  while (m >= 2) {
    m *= 0.5;
    e += 1;
  }
  while (m < 1) {
    m *= 2;
    e -= 1;
  }
  if (m > 2 * SQRT_HALF) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // 2·(s + s³/3 + … + s^23/23): |s| < 0.1716 → truncation below 1e-18.
  let p = 1 / 23;
  p = p * s2 + 1 / 21;
  p = p * s2 + 1 / 19;
  p = p * s2 + 1 / 17;
  p = p * s2 + 1 / 15;
  p = p * s2 + 1 / 13;
  p = p * s2 + 1 / 11;
  p = p * s2 + 1 / 9;
  p = p * s2 + 1 / 7;
  p = p * s2 + 1 / 5;
  p = p * s2 + 1 / 3;
  p = p * s2 + 1;
  const lnm = 2 * s * p;
  return e * LN2_HI + (lnm + e * LN2_LO);
}

/** a^b for a > 0 as exp(b·ln a); exact for b = 0 and small non-negative integer b. */
export function dpow(a: number, b: number): number {
  if (b === 0) return 1;
  if (Number.isInteger(b) && b > 0 && b <= 64) {
    let r = 1;
    let base = a;
    let n = b;
    while (n > 0) {
      if (n & 1) r *= base;
      base *= base;
      n >>>= 1;
    }
    return r;
  }
  if (a === 0) return b > 0 ? 0 : Infinity;
  if (a < 0) return NaN;
  return dexp(b * dlog(a));
}

/** Logistic function 1 / (1 + e^(−x)), deterministic. */
export function dlogistic(x: number): number {
  return 1 / (1 + dexp(-x));
}
