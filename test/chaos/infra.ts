/**
 * Private infrastructure for the chaos suite, so faults never touch the machine's own services: a
 * PostgreSQL cluster (initdb in a temporary directory), a Redis server and a Kafka cluster of one or three
 * KRaft nodes (scripts/kafka-node.sh), each on its own ports, each stoppable, killable and restartable.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { childEnvironment } from '../../libs/shared/src/config/load-config';
import { TOPICS } from '../../libs/shared/src/contracts/topics';

export const ROOT = join(__dirname, '..', '..');

function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
}

const asRoot = process.getuid?.() === 0;

const run = promisify(execFile);

/**
 * Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root). Asynchronous: the
 * load generator shares this process and must keep running while a fault is injected or cleared.
 */
async function pgTool(tool: string, args: string[]): Promise<void> {
  const bin = join(pgBin(), tool);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', bin, ...args]);
  else await run(bin, args);
}

export class PrivatePostgres {
  readonly dir: string;
  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'chaos-pg-'));
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(this.dir, uid, gid);
    }
  }

  async init(): Promise<void> {
    await pgTool('initdb', [
      '-D',
      join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private ctl(action: string, extra: string[] = []): Promise<void> {
    return pgTool('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      '-w',
      ...extra,
      action,
    ]);
  }

  start(): Promise<void> {
    return this.ctl('start');
  }

  /** A fast restart: open connections are cut (what a failover or a crash looks like to the apps). */
  restart(): Promise<void> {
    return this.ctl('restart', ['-m', 'fast']);
  }

  async stop(): Promise<void> {
    if (existsSync(join(this.dir, 'data', 'postmaster.pid'))) await this.ctl('stop', ['-m', 'fast']);
  }

  async createDatabases(names: string[]): Promise<void> {
    const c = new Client({ connectionString: `${this.url}/postgres` });
    await c.connect();
    try {
      for (const n of names) await c.query(`CREATE DATABASE "${n}"`);
    } finally {
      await c.end();
    }
  }

  async query<T>(db: string, sql: string): Promise<T[]> {
    const c = new Client({ connectionString: `${this.url}/${db}` });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  start(): void {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }
}

export class PrivateKafka {
  readonly dir: string;
  constructor(
    readonly nodes: number,
    readonly basePort: number,
  ) {
    mkdirSync(join(ROOT, '.infra'), { recursive: true });
    this.dir = mkdtempSync(join(ROOT, '.infra', 'chaos-kafka-'));
  }

  get brokers(): string[] {
    return Array.from({ length: this.nodes }, (_, i) => `127.0.0.1:${this.basePort + 10 * i}`);
  }

  private async node(cmd: 'start' | 'stop' | 'kill', id: number): Promise<void> {
    const args = [join(ROOT, 'scripts', 'kafka-node.sh'), cmd, this.dir, String(id)];
    if (cmd === 'start') args.push(String(this.nodes), String(this.basePort));
    await run('bash', args);
  }

  async startAll(): Promise<void> {
    for (let i = 1; i <= this.nodes; i++) await this.node('start', i);
  }

  start(id: number): Promise<void> {
    return this.node('start', id);
  }

  /** kill -9 of one node: a crash, no controlled shutdown. */
  kill(id: number): Promise<void> {
    return this.node('kill', id);
  }

  /**
   * The node that leads `__consumer_offsets` partition 0 — the group coordinator of every consumer group
   * (the offsets topic has one partition): losing it is the hardest single-broker loss for consumers.
   */
  async coordinatorNode(): Promise<number> {
    return this.withAdmin('chaos-probe', async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
      const leader = topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader;
      if (leader === undefined || leader < 1 || leader > this.nodes) {
        throw new Error(`no coordinator node (${leader})`);
      }
      return leader;
    });
  }

  /** Runs `fn` with an admin client of the cluster, disconnected afterwards. */
  async withAdmin<T>(clientId: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = new Kafka({ clientId, brokers: this.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Waits until `n` brokers answer. */
  async ready(n = this.nodes): Promise<void> {
    await this.script('scripts/kafka-ready.ts', ['--timeout', '120', '--nodes', String(n)]);
  }

  /**
   * Waits until the cluster serves a platform topic again: every partition has a leader that answers
   * (a restarted broker accepts connections before it has recovered its logs).
   */
  async serving(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const admin = new Kafka({
        clientId: 'chaos-probe',
        brokers: this.brokers,
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      }).admin();
      try {
        await admin.connect();
        await admin.fetchTopicOffsets(TOPICS.APPLICATION_SUBMITTED);
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }

  /** Creates every topic and .dlq (replication 3 on a cluster). */
  async createTopics(): Promise<void> {
    await this.script('scripts/create-topics.ts', [], {
      KAFKA_REPLICATION_FACTOR: this.nodes >= 3 ? '3' : '1',
    });
  }

  private async script(file: string, args: string[], env: Record<string, string> = {}): Promise<void> {
    const ts = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
    await run(process.execPath, [...ts, file, ...args], {
      cwd: ROOT,
      env: childEnvironment({ KAFKA_BROKERS: this.brokers.join(','), ...env }),
    });
  }

  /** Stops every node and deletes the data, keeping each node's log in `logDir`. */
  async remove(logDir: string): Promise<void> {
    for (let i = 1; i <= this.nodes; i++) {
      await this.node('stop', i);
      const log = join(this.dir, `node-${i}`, 'kafka.log');
      if (existsSync(log)) copyFileSync(log, join(logDir, `kafka-node-${i}.log`));
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
