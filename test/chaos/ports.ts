/**
 * Ports for the chaos suite's private platform. They are picked BELOW Linux's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range, 32768–60999 by default): a port in that range may be held at
 * any moment as the local end of an outgoing connection (a CI run once lost a service to EADDRINUSE that
 * way), and each block is checked free by binding every port of it before use.
 */
import { createServer } from 'node:net';

/** Offsets from the block's base: five services, PostgreSQL, Redis, up to three Kafka nodes (+1 controller). */
export const PORT_OFFSETS = {
  gateway: 0,
  intake: 1,
  approval: 2,
  certificate: 3,
  evaluation: 4,
  postgres: 7,
  redis: 8,
  kafka: 100,
} as const;

const KAFKA_NODES_MAX = 3;
const BLOCK = 200;
const LOW = 20_000;
const HIGH = 32_000;

function offsets(): number[] {
  const kafka = Array.from({ length: KAFKA_NODES_MAX }, (_, i) => [
    PORT_OFFSETS.kafka + 10 * i,
    PORT_OFFSETS.kafka + 10 * i + 1,
  ]).flat();
  return [...Object.values(PORT_OFFSETS).filter((o) => o < PORT_OFFSETS.kafka), ...kafka];
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A base port whose whole block is free now; throws after many tries. */
export async function freePortBlock(random: () => number = Math.random): Promise<number> {
  const slots = Math.floor((HIGH - LOW) / BLOCK);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = LOW + Math.floor(random() * slots) * BLOCK;
    const free = await Promise.all(offsets().map((o) => isFree(base + o)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port block for the chaos platform');
}
