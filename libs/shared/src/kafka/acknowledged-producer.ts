/**
 * Every producer of the platform, and the check that a send which answers "sent" really was.
 *
 * kafkajs 2.2.4 can resolve a send without having sent some of its messages (tulios/kafkajs#1303, open;
 * PR #1798 unmerged). A send whose partitions lead to several brokers keeps each broker's answer across
 * its retries, and a retry sends only to the brokers with no answer yet (`sendMessages.js`,
 * `brokersWithoutResponse`). When a broker dies mid-send, the retry regroups the messages by the new
 * leaders — and a partition that moved onto a broker which had already answered (for its own partitions)
 * is never sent. The send resolves; the outbox marks the rows published; the events are lost. The
 * three-broker chaos run lost an `intake.application.accepted` event this way: marked published 4 s after
 * the broker died, absent from its partition (whose idempotent sequence number went to the next message).
 *
 * So each producer's partitioner (kafkajs' default: murmur2 of the key, as Java's client) notes the
 * partition it gave each message — on a retry it is asked again, so the note is the last attempt's — and a
 * send answers only when every noted partition is among the acknowledged ones (error code 0); otherwise it
 * throws PartitionsNotAcknowledgedError. The outbox relay then rolls back and sends the rows again: what
 * did land arrives twice and the consumers' inbox drops the copy (idempotent by event id).
 */
import {
  ICustomPartitioner,
  Kafka,
  Message,
  Partitioners,
  Producer,
  ProducerBatch,
  ProducerRecord,
  RecordMetadata,
  TopicMessages,
} from 'kafkajs';

/** The partition kafkajs gave each message on its send's latest attempt. */
const assigned = new WeakMap<Message, number>();

/** kafkajs' default partitioner, noting what it answers for each message. */
export const notingPartitioner: ICustomPartitioner = () => {
  const partition = Partitioners.DefaultPartitioner();
  return (args) => {
    const p = partition(args);
    assigned.set(args.message, p);
    return p;
  };
};

/** A send resolved without an acknowledgement for some partitions its messages were given. */
export class PartitionsNotAcknowledgedError extends Error {
  override readonly name = 'PartitionsNotAcknowledgedError';

  constructor(readonly partitions: string[]) {
    super(
      `Kafka did not acknowledge ${partitions.join(', ')}: the send is not complete (kafkajs skipped a ` +
        'partition whose leader moved during its retries); send again',
    );
  }
}

/**
 * The `topic/partition`s the messages were given that the answer does not acknowledge. A message kafkajs
 * never partitioned (no note, no explicit partition) cannot be checked and is left out: kafkajs partitions
 * every message of a send before anything goes out, so this does not happen after a send that resolved.
 */
export function unacknowledged(topicMessages: TopicMessages[], acks: RecordMetadata[]): string[] {
  const acked = new Set(acks.filter((a) => a.errorCode === 0).map((a) => `${a.topicName}/${a.partition}`));
  const missing = new Set<string>();
  for (const { topic, messages } of topicMessages) {
    for (const m of messages) {
      const p = assigned.get(m) ?? m.partition;
      if (p !== undefined && !acked.has(`${topic}/${p}`)) missing.add(`${topic}/${p}`);
    }
  }
  return [...missing];
}

/** The acknowledgements, once every partition the messages went to is among them (else throws). */
export function confirmAcknowledged(
  topicMessages: TopicMessages[],
  acks: RecordMetadata[],
): RecordMetadata[] {
  const missing = unacknowledged(topicMessages, acks);
  if (missing.length > 0) throw new PartitionsNotAcknowledgedError(missing);
  return acks;
}

/**
 * An idempotent producer (acks=all, one request in flight so per-partition order holds, no topic
 * auto-creation) whose `send` and `sendBatch` answer only once every partition they wrote to acknowledged.
 */
export function createProducer(kafka: Kafka): Producer {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: notingPartitioner,
  });
  const sendBatch = producer.sendBatch.bind(producer);
  producer.sendBatch = async (batch: ProducerBatch) =>
    confirmAcknowledged(batch.topicMessages ?? [], await sendBatch(batch));
  producer.send = ({ topic, messages, ...options }: ProducerRecord) =>
    producer.sendBatch({ ...options, topicMessages: [{ topic, messages }] });
  return producer;
}
