/** Creates every platform topic and its .dlq (explicit partitions) that does not exist yet. */
import { Kafka, logLevel } from 'kafkajs';
import { topicSpecs } from '../libs/shared/src/contracts/topics';
import { loadConfig } from '../libs/shared/src/config/load-config';
import { ScriptKafkaConfig } from './script-config';

async function main(): Promise<void> {
  const cfg = loadConfig(ScriptKafkaConfig);
  const kafka = new Kafka({
    clientId: 'infra-topics',
    brokers: cfg.KAFKA_BROKERS.split(','),
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const specs = topicSpecs(cfg.KAFKA_REPLICATION_FACTOR);
    const missing = specs.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
        })),
      });
    }
    console.log(
      `[infra] topics: ${specs.length} expected, ${missing.length} created, ${specs.length - missing.length} already there`,
    );
  } finally {
    await admin.disconnect();
  }
}
main().catch((e: unknown) => {
  console.error('[infra] topic creation failed:', e);
  process.exit(1);
});
