import { Kafka, logLevel } from 'kafkajs';
import { topicSpecs } from '../contracts/topics';

/**
 * Creates every platform topic and its .dlq (explicit partitions) that does not exist yet. On a cluster
 * that has just formed, the leaders' metadata can lag the creation: the check is repeated a few times.
 */
export async function ensureTopics(
  brokers: string[],
  replicationFactor = 1,
): Promise<{ expected: number; created: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureTopicsOnce(brokers, replicationFactor);
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function ensureTopicsOnce(
  brokers: string[],
  replicationFactor: number,
): Promise<{ expected: number; created: number }> {
  const kafka = new Kafka({ clientId: 'gov-platform-topics', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const specs = topicSpecs(replicationFactor);
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
    return { expected: specs.length, created: missing.length };
  } finally {
    await admin.disconnect();
  }
}
