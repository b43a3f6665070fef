/**
 * Waits until the Kafka cluster answers metadata requests (the port opens before the broker serves).
 * `--once` tries a single time; `--timeout N` (seconds, default 90) is the deadline; `--nodes N` waits until
 * N brokers have registered (a cluster).
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../libs/shared/src/config/load-config';
import { ScriptKafkaConfig } from './script-config';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const once = args.includes('--once');
  const ti = args.indexOf('--timeout');
  const timeoutS = ti >= 0 ? Number(args[ti + 1]) : 90;
  const ni = args.indexOf('--nodes');
  const nodes = ni >= 0 ? Number(args[ni + 1]) : 1;
  const cfg = loadConfig(ScriptKafkaConfig);
  const kafka = new Kafka({
    clientId: 'infra-ready',
    brokers: cfg.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const c = await admin.describeCluster();
      await admin.disconnect();
      if (c.brokers.length < nodes) throw new Error(`${c.brokers.length} of ${nodes} brokers registered`);
      console.log(`[infra] Kafka ready: ${c.brokers.length} broker(s), controller ${c.controller}`);
      return;
    } catch (e) {
      await admin.disconnect().catch(() => undefined);
      if (once || Date.now() > deadline) {
        console.error(
          `[infra] Kafka not ready${once ? '' : ` after ${timeoutS} s`}: ${e instanceof Error ? e.message : String(e)}`,
        );
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
void main();
