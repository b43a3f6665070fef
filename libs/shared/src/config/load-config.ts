import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

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
 * The one place that reads the environment. `X_FILE` variables are read from disk into `X`
 * (Kubernetes secrets mounted as files). Throws a readable error listing every problem.
 */
export function loadConfig<T extends object>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw: Record<string, string | undefined> = { ...env };
  for (const [k, v] of Object.entries(env)) {
    if (k.endsWith('_FILE') && v) {
      const target = k.slice(0, -'_FILE'.length);
      if (!raw[target]) raw[target] = readFileSync(v, 'utf8');
    }
  }
  // Drop empty strings so defaults apply.
  for (const k of Object.keys(raw)) if (raw[k] === '') delete raw[k];
  const instance = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigValidationError(flatten(errors));
  return instance;
}
