import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Client } from 'pg';
import { IntakeConfig } from '../config/intake.config';

/** The PostgreSQL notification channel: the payload is the 办件编号 of a case whose row changed. */
export const CASE_CHANGED_CHANNEL = 'case_changed';

/**
 * Wakes long-polling readers when a case changes, whichever replica changed it: every case update sends
 * NOTIFY in its transaction (delivered on commit), and each replica LISTENs on one connection. A lost
 * connection is re-opened; waiters then simply time out and re-read, so nothing depends on a notification
 * arriving.
 */
@Injectable()
export class CaseChanges implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(CaseChanges.name);
  private readonly waiters = new Map<string, Set<() => void>>();
  private client?: Client;
  private closing = false;

  constructor(private readonly config: IntakeConfig) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closing) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'intake-listen',
    });
    client.on('notification', (n) => {
      const set = n.payload ? this.waiters.get(n.payload) : undefined;
      if (set) for (const wake of set) wake();
    });
    client.on('error', (e) => {
      this.logger.warn({ err: e }, 'case change listener lost its connection; reconnecting');
      void client.end().catch(() => undefined);
      setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CASE_CHANGED_CHANNEL}`);
      this.client = client;
    } catch (e) {
      this.logger.warn({ err: e }, 'case change listener could not connect; retrying');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
    }
  }

  /**
   * Starts waiting for a change of the case: `done` resolves when it changes or after `timeoutMs`. Start
   * waiting BEFORE reading the case, so a change between the read and the wait is not missed; `cancel`
   * when the read already shows what the caller waits for.
   */
  waitForChange(caseNo: string, timeoutMs: number): { done: Promise<void>; cancel: () => void } {
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      const set = this.waiters.get(caseNo) ?? new Set<() => void>();
      this.waiters.set(caseNo, set);
      finish = () => {
        clearTimeout(timer);
        set.delete(finish);
        if (set.size === 0) this.waiters.delete(caseNo);
        resolve();
      };
      const timer = setTimeout(finish, this.closing ? 0 : timeoutMs);
      set.add(finish);
    });
    return { done, cancel: () => finish() };
  }

  /** Draining: long polls answer now with the case as it is, so the HTTP server can close promptly. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.beforeApplicationShutdown();
    await this.client?.end().catch(() => undefined);
  }
}
