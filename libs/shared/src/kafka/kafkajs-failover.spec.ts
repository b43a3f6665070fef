import {
  COORDINATOR_ATTEMPTS,
  coordinatorMoved,
  isConnectionFailure,
  NODE_SET_POLL_MS,
  patchFetchRestart,
  patchKafkajsFailover,
} from './kafkajs-failover';
import { Patchable } from './kafkajs-patch';

const connectionError = () =>
  Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
const protocolError = () => Object.assign(new Error('not leader'), { name: 'KafkaJSProtocolError' });
/** A live broker's answer that the group's coordinator is elsewhere (or still loading it). */
const groupError = (type: string) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable: true });

const dead = { nodeId: 2, isConnected: () => false };
const alive = { nodeId: 3, isConnected: () => true };

/** Stand-ins shaped like kafkajs 2.2.4's ConsumerGroup and OffsetManager (the methods patched). */
function fakes() {
  const cluster = {
    findGroupCoordinator: jest.fn(() => Promise.resolve(alive)),
    findBroker: jest.fn(({ nodeId }: { nodeId: number }) =>
      nodeId === 2 ? Promise.reject(connectionError()) : Promise.resolve(alive),
    ),
    refreshMetadata: jest.fn(() => Promise.resolve()),
  };
  class ConsumerGroup {
    groupId = 'g';
    cluster = cluster;
    coordinator: { nodeId: number; isConnected(): boolean } = dead;
    offsetManager: { coordinator: unknown } | null = { coordinator: dead };
    sent: number[] = [];
    answer?: Error;
    /** Answers of the next calls, in order (then success). */
    answers: Error[] = [];
    heartbeat(): Promise<void> {
      if (this.answer) return Promise.reject(this.answer);
      const next = this.answers.shift();
      if (next) return Promise.reject(next);
      if (this.coordinator === dead) return Promise.reject(connectionError());
      this.sent.push(this.coordinator.nodeId);
      return Promise.resolve();
    }
    recoverFromFetch(e: Error): Promise<void> {
      return Promise.reject(e);
    }
  }
  class OffsetManager {
    groupId = 'g';
    cluster = cluster;
    coordinator: { nodeId: number; isConnected(): boolean } = dead;
    answers: Error[] = [];
    committedTo: number[] = [];
    async getCoordinator(): Promise<unknown> {
      if (!this.coordinator.isConnected()) this.coordinator = await this.cluster.findBroker(this.coordinator);
      return this.coordinator;
    }
    async commitOffsets(): Promise<void> {
      const next = this.answers.shift();
      if (next) throw next;
      this.committedTo.push(this.coordinator.nodeId);
      return Promise.resolve();
    }
  }
  expect(
    patchKafkajsFailover(
      ConsumerGroup as unknown as Patchable<never>,
      OffsetManager as unknown as Patchable<never>,
    ),
  ).toBe(true);
  return { cluster, ConsumerGroup, OffsetManager };
}

describe('kafkajs failover fixes', () => {
  it('tells a failed connection from a broker that answered', () => {
    expect(isConnectionFailure(connectionError())).toBe(true);
    expect(
      isConnectionFailure(Object.assign(new Error('closed'), { name: 'KafkaJSConnectionClosedError' })),
    ).toBe(true);
    expect(isConnectionFailure(protocolError())).toBe(false);
    expect(isConnectionFailure(undefined)).toBe(false);
  });

  it('a heartbeat that cannot reach the coordinator finds the new one and is sent there, as the same member', async () => {
    const { ConsumerGroup, cluster } = fakes();
    const g = new ConsumerGroup();
    await g.heartbeat();
    expect(cluster.findGroupCoordinator).toHaveBeenCalledWith({ groupId: 'g' });
    expect(g.sent).toEqual([3]);
    expect(g.offsetManager?.coordinator).toBe(alive);
  });

  it('other heartbeat errors are left to kafkajs (a rebalance is its business)', async () => {
    const { ConsumerGroup, cluster } = fakes();
    const g = new ConsumerGroup();
    g.answer = protocolError();
    await expect(g.heartbeat()).rejects.toThrow('not leader');
    expect(cluster.findGroupCoordinator).not.toHaveBeenCalled();
  });

  it('a live broker that is not (yet) the coordinator sends the heartbeat to the new one after a pause, as the same member', async () => {
    const { ConsumerGroup, cluster } = fakes();
    const g = new ConsumerGroup();
    g.coordinator = { nodeId: 1, isConnected: () => true };
    g.answers = [groupError('NOT_COORDINATOR_FOR_GROUP'), groupError('GROUP_LOAD_IN_PROGRESS')];
    await g.heartbeat();
    expect(cluster.findGroupCoordinator).toHaveBeenCalledTimes(2);
    expect(g.sent).toEqual([3]);
    expect(g.offsetManager?.coordinator).toBe(alive);
  });

  it('an offset commit told "not the coordinator" is retried with the new coordinator, not turned into a rebalance', async () => {
    const { OffsetManager, cluster } = fakes();
    const m = new OffsetManager();
    m.coordinator = { nodeId: 1, isConnected: () => true };
    m.answers = [groupError('NOT_COORDINATOR_FOR_GROUP')];
    await m.commitOffsets();
    expect(cluster.findGroupCoordinator).toHaveBeenCalledTimes(1);
    expect(m.committedTo).toEqual([3]);
  });

  it('gives the last failure to kafkajs after a bounded number of attempts', async () => {
    const { OffsetManager, cluster } = fakes();
    const m = new OffsetManager();
    m.answers = Array.from({ length: COORDINATOR_ATTEMPTS }, () => groupError('NOT_COORDINATOR_FOR_GROUP'));
    await expect(m.commitOffsets()).rejects.toThrow('NOT_COORDINATOR_FOR_GROUP');
    expect(cluster.findGroupCoordinator).toHaveBeenCalledTimes(COORDINATOR_ATTEMPTS - 1);
    expect(m.committedTo).toEqual([]);
  });

  it('tells a moved coordinator from other group errors', () => {
    expect(coordinatorMoved(groupError('NOT_COORDINATOR_FOR_GROUP'))).toBe(true);
    expect(coordinatorMoved(groupError('GROUP_COORDINATOR_NOT_AVAILABLE'))).toBe(true);
    expect(coordinatorMoved(connectionError())).toBe(true);
    expect(coordinatorMoved(groupError('REBALANCE_IN_PROGRESS'))).toBe(false);
    expect(coordinatorMoved(groupError('UNKNOWN_MEMBER_ID'))).toBe(false);
  });

  it('an offset commit whose coordinator is gone asks for the new coordinator', async () => {
    const { OffsetManager, cluster } = fakes();
    const m = new OffsetManager();
    await expect(m.getCoordinator()).resolves.toBe(alive);
    expect(cluster.findBroker).toHaveBeenCalledTimes(1);
    expect(cluster.findGroupCoordinator).toHaveBeenCalledTimes(1);
    expect(m.coordinator).toBe(alive);
  });

  it('a fetch that cannot reach its leader refreshes the metadata instead of failing the consumer', async () => {
    const { ConsumerGroup, cluster } = fakes();
    const g = new ConsumerGroup();
    await expect(g.recoverFromFetch(connectionError())).resolves.toBeUndefined();
    expect(cluster.refreshMetadata).toHaveBeenCalledTimes(1);
    await expect(g.recoverFromFetch(protocolError())).rejects.toThrow('not leader');
    expect(cluster.refreshMetadata).toHaveBeenCalledTimes(1);
  });

  it('patches a class once', () => {
    const { ConsumerGroup, OffsetManager } = fakes();
    const hb = ConsumerGroup.prototype.heartbeat;
    patchKafkajsFailover(
      ConsumerGroup as unknown as Patchable<never>,
      OffsetManager as unknown as Patchable<never>,
    );
    expect(ConsumerGroup.prototype.heartbeat).toBe(hb);
  });

  it('refuses classes of another shape', () => {
    class Other {}
    expect(
      patchKafkajsFailover(Other as unknown as Patchable<never>, Other as unknown as Patchable<never>),
    ).toBe(false);
  });
});

describe('kafkajs fetcher restart', () => {
  /** A stand-in shaped like kafkajs 2.2.4's Runner (its fetch, and the group's broker ids). */
  function runner(fetchMs: number) {
    class Runner {
      nodes = [1, 2, 3];
      consumerGroup = { getNodeIds: () => this.nodes };
      fetch(): Promise<unknown[]> {
        return new Promise((r) => setTimeout(() => r(['batch']), fetchMs));
      }
    }
    expect(patchFetchRestart(Runner as unknown as Patchable<never>)).toBe(true);
    return new Runner();
  }

  it('a fetch waiting on its long poll ends early, empty, when the set of brokers changes', async () => {
    const r = runner(5000);
    const t0 = Date.now();
    const pending = r.fetch();
    setTimeout(() => (r.nodes = [1, 3]), 100);
    await expect(pending).resolves.toEqual([]);
    expect(Date.now() - t0).toBeLessThan(100 + 2 * NODE_SET_POLL_MS + 200);
  });

  it('otherwise returns what the broker returned', async () => {
    const r = runner(50);
    r.nodes = [3, 2, 1];
    await expect(r.fetch()).resolves.toEqual(['batch']);
  });
});
