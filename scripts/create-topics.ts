/** Creates every platform topic and its .dlq (explicit partitions) that does not exist yet. */
import { loadConfig } from '../libs/shared/src/config/load-config';
import { ensureTopics } from '../libs/shared/src/kafka/topics-admin';
import { ScriptKafkaConfig } from './script-config';

async function main(): Promise<void> {
  const cfg = loadConfig(ScriptKafkaConfig);
  const r = await ensureTopics(cfg.KAFKA_BROKERS.split(','), cfg.KAFKA_REPLICATION_FACTOR);
  console.log(
    `[infra] topics: ${r.expected} expected, ${r.created} created, ${r.expected - r.created} already there`,
  );
}
main().catch((e: unknown) => {
  console.error('[infra] topic creation failed:', e);
  process.exit(1);
});
