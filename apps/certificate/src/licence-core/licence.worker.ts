import { parentPort, workerData } from 'node:worker_threads';
import { LicenceJob, produceLicence } from './licence-producer';

/** A licence worker thread: produces licences (licence-producer.ts) off the main event loop. */
const keys = workerData as { privateKeyHex: string; fontPath: string };
parentPort?.on('message', (msg: { id: number; job: LicenceJob }) => {
  produceLicence(msg.job, keys).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (e: unknown) =>
      parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
