import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CertificateConfig } from '../config/certificate.config';
import { LicenceJob, ProducedLicence, produceLicence } from '../licence-core';

interface Pending {
  resolve: (r: ProducedLicence) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * Licence production (PDF + SM2) in worker threads, so the event loop that answers HTTP and Kafka never
 * waits behind a render. LICENCE_WORKERS threads (0 = on the main thread), each parsing the font once;
 * a job goes to the least busy thread; a thread that dies fails its jobs (the consumer retries them)
 * and is replaced.
 */
@Injectable()
export class LicenceWorkerPool implements OnApplicationShutdown {
  private readonly logger = new Logger(LicenceWorkerPool.name);
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 1;
  private closing = false;

  constructor(private readonly config: CertificateConfig) {
    for (let i = 0; i < config.LICENCE_WORKERS; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const file = join(__dirname, '..', 'licence-core', `licence.worker${extname(__filename)}`);
    const worker = new Worker(file, {
      workerData: {
        privateKeyHex: this.config.SIGNING_PRIVATE_KEY.toLowerCase(),
        fontPath: this.config.FONT_PATH,
      },
      // Under ts-node/jest the worker is TypeScript: register the same transpiler and path aliases.
      execArgv:
        extname(__filename) === '.ts'
          ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
          : undefined,
    });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (m: { id: number; result?: ProducedLicence; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      slot.busy--;
      if (m.error !== undefined) p.reject(new Error(`licence worker: ${m.error}`));
      else p.resolve({ ...m.result!, file: Buffer.from(m.result!.file) });
    });
    worker.on('error', (e) => this.logger.error({ err: e }, 'licence worker failed'));
    worker.on('exit', (code) => {
      for (const [id, p] of this.pending) {
        if (p.slot !== slot) continue;
        this.pending.delete(id);
        p.reject(new Error(`licence worker exited (${code})`));
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closing) this.slots[i] = this.spawn();
    });
    worker.unref();
    return slot;
  }

  async produce(job: LicenceJob): Promise<ProducedLicence> {
    if (this.slots.length === 0) {
      return produceLicence(job, {
        privateKeyHex: this.config.SIGNING_PRIVATE_KEY.toLowerCase(),
        fontPath: this.config.FONT_PATH,
      });
    }
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise<ProducedLicence>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, job });
    });
  }

  /** After the consumer stopped (a licence in the making finishes first). */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
