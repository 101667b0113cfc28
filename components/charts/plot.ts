/**
 * Micro-USD → dollars as a Number, for chart axes only: BigInt division to cents first, so the
 * float never carries more than cents. Every figure shown as text is formatted from the exact
 * micro-USD (lib/format.ts); this value is never used for arithmetic.
 */
export function plotUsd(micros: string): number {
  return Number(BigInt(micros) / 10_000n) / 100;
}
