/** The shadow check of compiled-validation.ts: tests compare the fast path with the reference. */

/** Same prototypes, same own keys in the same order, same values (Object.is), all the way down. */
export function sameInstance(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return keysA.every((k) => sameInstance(ra[k], rb[k]));
}

let shadowCheck = false;
const divergences: string[] = [];

/**
 * Tests turn this on (test/setup/compiled-validation-shadow.ts, integration suite): every fast answer is then
 * compared with class-transformer + class-validator's, and any difference is recorded for the suite to fail on.
 */
export function setCompiledValidationShadowCheck(on: boolean): void {
  shadowCheck = on;
}

export function compiledValidationDivergences(): readonly string[] {
  return divergences;
}

/** Called with the fast answer when the shadow check is on: the reference's instance and error count. */
export function recordIfDivergent(
  label: string,
  fast: object,
  reference: object,
  referenceErrors: number,
): void {
  if (referenceErrors > 0) divergences.push(`${label}: fast path accepted what class-validator refuses`);
  else if (!sameInstance(fast, reference)) divergences.push(`${label}: fast path built a different instance`);
}

export function compiledValidationShadowCheck(): boolean {
  return shadowCheck;
}
