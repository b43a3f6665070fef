import { Logger } from '@nestjs/common';

/**
 * Runs `run` every `intervalMs` in this process, never two rounds at once (a tick while a round is still
 * running is skipped). A failed round is logged and retried at the next tick. `stop()` waits for the round
 * in flight. Sweepers and pruners use it; the work itself makes sure only one replica acts at a time.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Starts ticking (an interval of 0 or less never starts). */
  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** One round now, unless one is running; resolves when it ends. */
  tick(): Promise<void> {
    this.running ??= this.run()
      .catch((e: unknown) => this.logger.warn({ err: e }, `${this.what} failed; retrying next tick`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
