import { Injectable, Logger } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;
export interface CheckResult {
  status: 'up' | 'down';
}

/** Infrastructure modules (database, Kafka, Redis) register their readiness checks here. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private readonly logger = new Logger(HealthRegistry.name);
  /** Set when the process starts draining: readiness is refused from then on, whatever the checks say. */
  draining = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = 3000): Promise<{ ok: boolean; checks: Record<string, CheckResult> }> {
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, check]): Promise<[string, CheckResult]> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            check(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          return [name, { status: 'up' }];
        } catch (e) {
          // The reason goes to the log only: /health/ready is public and must not describe internals.
          this.logger.warn({ err: e, check: name }, 'readiness check failed');
          return [name, { status: 'down' }];
        } finally {
          if (timer) clearTimeout(timer);
        }
      }),
    );
    return { ok: entries.every(([, r]) => r.status === 'up'), checks: Object.fromEntries(entries) };
  }
}
