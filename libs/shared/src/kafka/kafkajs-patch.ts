/** What the kafkajs patches share: the shape of a patched class and how one of its methods is wrapped. */

export type Method<T> = (this: T, ...args: unknown[]) => Promise<unknown>;

/** A kafkajs class whose prototype methods (of `this` type T) are wrapped. */
export interface Patchable<T> {
  prototype: Record<string, unknown>;
  /** Set once the broker failover fixes are applied (kafkajs-failover.ts). */
  __govFailover?: true;
  /** Set once the runner drops empty batches (kafkajs-empty-batches.ts). */
  __govEmptyBatches?: true;
  /** Set once the runner commits offsets at its interval (kafkajs-commit-pacing.ts). */
  __govCommitPacing?: true;
  /** Only ties T to the class (never set). */
  readonly instance?: T;
}

/** Wraps `cls.prototype[name]`; false when kafkajs' shape is not the one the caller knows. */
export function wrap<T>(cls: Patchable<T>, name: string, make: (orig: Method<T>) => Method<T>): boolean {
  const orig = cls.prototype[name];
  if (typeof orig !== 'function') return false;
  cls.prototype[name] = make(orig as Method<T>);
  return true;
}
