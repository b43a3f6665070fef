import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (配置无效):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${e.property}: ${m}`),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/**
 * The one place that reads the environment. Only the schema's own variables are read; `X_FILE` variables are read from disk into `X`
 * (Kubernetes secrets mounted as files). Throws a readable error listing every problem.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(schema, '', true, false)
      .map((m) => m.propertyName),
  );
  const raw: Record<string, string | undefined> = {};
  const unreadable: string[] = [];
  for (const k of known) raw[k] = env[k];
  for (const k of known) {
    const file = env[`${k}_FILE`];
    if (raw[k] || !file) continue;
    try {
      raw[k] = readFileSync(file, 'utf8').trim();
    } catch (e) {
      unreadable.push(`${k}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  // Drop empty strings so defaults apply.
  for (const k of Object.keys(raw)) if (raw[k] === '') delete raw[k];
  const instance = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0 || unreadable.length > 0) {
    throw new ConfigValidationError([...unreadable, ...flatten(errors)]);
  }
  return instance;
}

/**
 * Sets variables of the process environment that `loadConfig` (and every module loading its config) reads
 * next: how a test boots a service in-process with the environment production would give it.
 */
export function applyEnvironment(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

/** Removes variables of the process environment (a test boot that must not inherit another boot's). */
export function unsetEnvironment(keys: string[]): void {
  for (const k of keys) delete process.env[k];
}

/**
 * The environment for a child process (a script, a Kafka node) the caller starts: this process's, with
 * `values` set on top — the child loads its own config from it.
 */
export function childEnvironment(values: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...values };
}
