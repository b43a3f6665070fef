/**
 * QR mask selection without qrcode's per-module calls. ISO/IEC 18004 §7.8.3 requires the mask with the lowest
 * penalty (N1 runs, N2 blocks, N3 finder-like patterns, N4 dark balance); qrcode scores each of the eight masks
 * by masking its matrix in place, calling `get` per module for every rule and unmasking again — a tenth of
 * a licence render. This scores the same eight candidates with the same rules and arithmetic on a flat copy,
 * with each size's mask bits computed once, and picks the same mask (qr-mask.spec.ts compares the two on
 * many symbols). Installed on qrcode's mask module, so `QRCode.create` uses it.
 */

/** The part of qrcode's BitMatrix the selection reads. */
export interface QrBitMatrix {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}

type SelectMask = (data: QrBitMatrix, setupFormat: (pattern: number) => void) => number;

interface MaskPatternModule {
  getBestMask: SelectMask;
}

// qrcode's internal module (no typings): `QRCode.create` calls `MaskPattern.getBestMask` through its exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const maskPatternModule = require('qrcode/lib/core/mask-pattern') as MaskPatternModule;

/** qrcode's own selection, kept for comparison (tests). */
export const qrcodeBestMask: SelectMask = maskPatternModule.getBestMask;

/** The eight data mask conditions of ISO/IEC 18004 Table 10 (row i, column j), as qrcode writes them. */
const CONDITIONS: Array<(i: number, j: number) => boolean> = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Each mask's bits for a symbol size (a few sizes in use: one licence URL length). */
const maskBits = new Map<number, Uint8Array[]>();
function masksOfSize(n: number): Uint8Array[] {
  let masks = maskBits.get(n);
  if (!masks) {
    masks = CONDITIONS.map((condition) => {
      const bits = new Uint8Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bits[i * n + j] = condition(i, j) ? 1 : 0;
      return bits;
    });
    maskBits.set(n, masks);
  }
  return masks;
}

const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** The n modules of a line (a row: step 1; a column: step n) from `start`, scored by `score`. */
function eachLine(
  m: Uint8Array,
  n: number,
  score: (m: Uint8Array, start: number, step: number) => number,
): number {
  let points = 0;
  for (let a = 0; a < n; a++) points += score(m, a * n, 1) + score(m, a, n);
  return points;
}

/** Runs of five or more same-coloured modules in a row or column: N1 + (length − 5) each. */
function penaltyN1(m: Uint8Array, n: number): number {
  return eachLine(m, n, (line, start, step) => {
    let points = 0;
    let run = 0;
    let last = -1;
    for (let b = 0, i = start; b < n; b++, i += step) {
      if (line[i] === last) run++;
      else {
        if (run >= 5) points += N1 + (run - 5);
        last = line[i];
        run = 1;
      }
    }
    return run >= 5 ? points + N1 + (run - 5) : points;
  });
}

/** 2×2 blocks of one colour: N2 each. */
function penaltyN2(m: Uint8Array, n: number): number {
  let blocks = 0;
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const i = r * n + c;
      const sum = m[i] + m[i + 1] + m[i + n] + m[i + n + 1];
      if (sum === 4 || sum === 0) blocks++;
    }
  }
  return blocks * N2;
}

/** 1:1:3:1:1 finder-like patterns with four light modules before or after (11-bit windows): N3 each. */
function penaltyN3(m: Uint8Array, n: number): number {
  const found = eachLine(m, n, (line, start, step) => {
    let count = 0;
    let window = 0;
    for (let b = 0, i = start; b < n; b++, i += step) {
      window = ((window << 1) & 0x7ff) | line[i];
      if (b >= 10 && (window === 0x5d0 || window === 0x05d)) count++;
    }
    return count;
  });
  return found * N3;
}

/** Deviation of the dark share from 50 %, in steps of 5 %: N4 each. */
function penaltyN4(m: Uint8Array): number {
  let dark = 0;
  for (let i = 0; i < m.length; i++) dark += m[i];
  return Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * N4;
}

/**
 * The mask qrcode would choose (the first of the lowest penalties), the format information of each candidate
 * written by `setupFormat` before it is scored, as qrcode does; the matrix itself is not masked here.
 */
export const bestMask: SelectMask = (data, setupFormat) => {
  const n = data.size;
  const masks = masksOfSize(n);
  const masked = new Uint8Array(n * n);
  const modules = data.data;
  const reserved = data.reservedBit;
  let best = 0;
  let lowest = Infinity;
  for (let p = 0; p < masks.length; p++) {
    setupFormat(p);
    const bits = masks[p];
    // Reserved (function) modules are never masked.
    for (let i = 0; i < masked.length; i++) masked[i] = modules[i] ^ (bits[i] & (reserved[i] ^ 1));
    const penalty = penaltyN1(masked, n) + penaltyN2(masked, n) + penaltyN3(masked, n) + penaltyN4(masked);
    if (penalty < lowest) {
      lowest = penalty;
      best = p;
    }
  }
  return best;
};

/** Makes `QRCode.create` select masks with `bestMask` (idempotent). */
export function installFastMaskSelection(): void {
  maskPatternModule.getBestMask = bestMask;
}
