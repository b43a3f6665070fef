import { KafkaJSConnectionError, Message, RecordMetadata, TopicMessages } from 'kafkajs';
import {
  confirmAcknowledged,
  notingPartitioner,
  PartitionsNotAcknowledgedError,
  unacknowledged,
} from './acknowledged-producer';

/* eslint-disable @typescript-eslint/no-require-imports */
type SendMessages = (o: { acks: number; topicMessages: TopicMessages[] }) => Promise<RecordMetadata[]>;
const createSendMessages = require('kafkajs/src/producer/sendMessages') as (deps: object) => SendMessages;
const createRetry = require('kafkajs/src/retry') as (o: object) => unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

interface ProduceRequest {
  topicData: Array<{ topic: string; partitions: Array<{ partition: number; messages: Message[] }> }>;
}

const TOPIC = 'intake.application.accepted.v1';

/**
 * kafkajs 2.2.4's own send path (sendMessages.js with its retrier) against two stand-in brokers: partition 0
 * is led by node 2, partition 1 by node 1. Node 1 dies while its request is in flight — after node 2 has
 * answered for partition 0 — and the metadata refreshed after the failure shows partition 1 led by node 2.
 */
function clusterLosingNode1() {
  const received: Array<{ node: number; partitions: number[] }> = [];
  let leaders: Record<number, number> = { 0: 2, 1: 1 };
  let node2Answered!: () => void;
  const answered = new Promise<void>((r) => (node2Answered = r));
  const broker = (nodeId: number) => ({
    nodeId,
    async produce(req: ProduceRequest) {
      if (nodeId === 1) {
        await answered;
        throw new KafkaJSConnectionError('Connection error: read ECONNRESET');
      }
      const partitions = req.topicData[0].partitions.map((p) => p.partition);
      received.push({ node: nodeId, partitions });
      node2Answered();
      return {
        topics: req.topicData.map((t) => ({
          topicName: t.topic,
          partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: 0, baseOffset: '0' })),
        })),
      };
    },
  });
  const brokers: Record<number, ReturnType<typeof broker>> = { 1: broker(1), 2: broker(2) };
  const cluster = {
    targetTopics: new Set<string>(),
    refreshMetadataIfNecessary: () => Promise.resolve(),
    addMultipleTargetTopics: () => Promise.resolve(),
    isConnected: () => true,
    removeBroker: () => undefined,
    findTopicPartitionMetadata: () =>
      [0, 1].map((partitionId) => ({ partitionId, leader: leaders[partitionId] })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const byLeader: Record<number, number[]> = {};
      for (const p of partitions.map(Number)) (byLeader[leaders[p]] ??= []).push(p);
      return byLeader;
    },
    findBroker: ({ nodeId }: { nodeId: number }) => Promise.resolve(brokers[nodeId]),
    refreshMetadata: () => {
      leaders = { 0: 2, 1: 2 };
      return Promise.resolve();
    },
  };
  const sequences = new Map<string, number>();
  const eosManager = {
    acquireBrokerLock: () => Promise.resolve(),
    releaseBrokerLock: () => Promise.resolve(),
    isTransactional: () => false,
    getSequence: (t: string, p: number) => sequences.get(`${t}/${p}`) ?? 0,
    updateSequence: (t: string, p: number, n: number) =>
      sequences.set(`${t}/${p}`, (sequences.get(`${t}/${p}`) ?? 0) + n),
    getProducerId: () => 1,
    getProducerEpoch: () => 0,
    getTransactionalId: () => undefined,
  };
  const quiet = () => undefined;
  const sendMessages = createSendMessages({
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    cluster,
    retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 2 }),
    partitioner: notingPartitioner(),
    eosManager,
  });
  return { sendMessages, received };
}

const message = (partition: number): Message => ({ key: `case-${partition}`, value: '{}', partition });

describe('acknowledged producer', () => {
  it('catches kafkajs 2.2.4 resolving a send whose moved partition it never sent (kafkajs#1303)', async () => {
    const { sendMessages, received } = clusterLosingNode1();
    const topicMessages = [{ topic: TOPIC, messages: [message(0), message(1)] }];

    const acks = await sendMessages({ acks: -1, topicMessages });

    // kafkajs answers "sent": node 2 answered once, for partition 0 only; partition 1 went nowhere.
    expect(received).toEqual([{ node: 2, partitions: [0] }]);
    expect(acks.map((a) => a.partition)).toEqual([0]);
    expect(unacknowledged(topicMessages, acks)).toEqual([`${TOPIC}/1`]);
    expect(() => confirmAcknowledged(topicMessages, acks)).toThrow(PartitionsNotAcknowledgedError);
    expect(() => confirmAcknowledged(topicMessages, acks)).toThrow(`${TOPIC}/1`);
  });

  it('passes a send whose every partition was acknowledged', () => {
    const topicMessages = [
      { topic: TOPIC, messages: [message(0), message(1)] },
      { topic: 'other.v1', messages: [message(1)] },
    ];
    const acks = [
      { topicName: TOPIC, partition: 1, errorCode: 0 },
      { topicName: TOPIC, partition: 0, errorCode: 0 },
      { topicName: 'other.v1', partition: 1, errorCode: 0 },
    ];
    expect(confirmAcknowledged(topicMessages, acks)).toBe(acks);
  });

  it('does not count an acknowledgement with an error code, nor one of another topic', () => {
    const topicMessages = [{ topic: TOPIC, messages: [message(0), message(1)] }];
    expect(
      unacknowledged(topicMessages, [
        { topicName: TOPIC, partition: 0, errorCode: 6 },
        { topicName: 'other.v1', partition: 1, errorCode: 0 },
      ]),
    ).toEqual([`${TOPIC}/0`, `${TOPIC}/1`]);
  });

  it("notes the partition kafkajs' default partitioner chose for a keyed message", () => {
    const partition = notingPartitioner();
    const m: Message = { key: '33010020261128000012', value: '{}' };
    const partitionMetadata = [0, 1, 2, 3, 4, 5].map((partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    const p = partition({ topic: TOPIC, partitionMetadata, message: m });
    // murmur2 of the key, as the Java client (the chaos run's lost event went to partition 5 of 6).
    expect(p).toBe(5);
    expect(
      unacknowledged([{ topic: TOPIC, messages: [m] }], [{ topicName: TOPIC, partition: 4, errorCode: 0 }]),
    ).toEqual([`${TOPIC}/5`]);
    expect(
      unacknowledged([{ topic: TOPIC, messages: [m] }], [{ topicName: TOPIC, partition: 5, errorCode: 0 }]),
    ).toEqual([]);
  });
});
