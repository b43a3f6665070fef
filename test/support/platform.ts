import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { createTestDatabase, testEnv } from '../../libs/shared/src/testing/test-env';
import { TEST_WORK_CALENDAR_FILE } from '../../libs/shared/src/testing/work-calendar.fixture';
import { ensureBuilt, hasExited, ServiceProcess, startService, stopService, waitReady } from './processes';

/** The five domain services behind the gateway, in start order. */
export const SERVICE_NAMES = ['intake', 'approval', 'certificate', 'evaluation', 'supervision'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface PlatformDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

export interface Platform {
  /** The gateway's base URL (`http://127.0.0.1:<port>`): the only public entry. */
  gw: string;
  /** All six processes (the five services, then the gateway). */
  services: ServiceProcess[];
  /** Each domain service's own base URL (tests go through the gateway; these are for diagnostics). */
  serviceUrls: Record<ServiceName, string>;
  /** Each domain service's own database (a fresh one per platform). */
  dbs: Record<ServiceName, PlatformDatabase>;
  /** The gateway's own database (partner webhooks; a fresh one per platform). */
  gatewayDb: PlatformDatabase;
  /** The 行政区划 code the services number their cases with. */
  region: string;
  /** Directory of the processes' log files (one `<name>.log` each). */
  logDir: string;
  /** The certificate service's signing key id (`kid` of its licences and licence.issued events). */
  signingKeyId: string;
  /** Starts a service again (same port, database, group and environment) after it stopped; resolves when ready. */
  restart(name: ServiceName): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** 行政区划 for case numbers (default: a random one, so case numbers never collide on the shared broker). */
  region?: string;
  /** LOG_LEVEL of every process (default 'info': request logs on). */
  logLevel?: string;
  /** Extra environment of the gateway (e.g. RATE_LIMIT_PER_MINUTE for tests that send many requests). */
  gatewayEnv?: Record<string, string>;
  /** Extra environment of every domain service. */
  serviceEnv?: Record<string, string>;
  /** Extra environment of one domain service (after serviceEnv). */
  serviceEnvOf?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** A TCP port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/**
 * Starts the whole platform as production runs it: a fresh PostgreSQL database per service (the gateway's too), the
 * five services and the gateway as six OS processes (compiled dist/, see processes.ts) on free ports,
 * against the test run's Kafka and Redis; resolves when every process answers /health/ready.
 * `run` (a short random string) keeps the run's Kafka groups, keys and rate-limit keys apart.
 * On a failed start everything already started is stopped again before the error is rethrown.
 */
export async function startPlatform(run: string, opts: PlatformOptions = {}): Promise<Platform> {
  ensureBuilt();
  const env = testEnv();
  const region = opts.region ?? String(100000 + Math.floor(Math.random() * 900000));
  const [gwPort, ...servicePorts] = await freePorts(1 + SERVICE_NAMES.length);
  const gw = `http://127.0.0.1:${gwPort}`;
  const logDir = mkdtempSync(join(tmpdir(), `e2e-${run}-`));
  const signingKeyId = `e2e-${run}`;
  const services: ServiceProcess[] = [];
  const dbs: Partial<Record<ServiceName, PlatformDatabase>> = {};
  const serviceUrls: Partial<Record<ServiceName, string>> = {};
  const launches: Partial<Record<ServiceName, { port: number; env: Record<string, string> }>> = {};
  let gatewayDb: PlatformDatabase | undefined;

  const stop = async () => {
    await Promise.all(services.map((s) => stopService(s)));
    await Promise.all([...Object.values(dbs), ...(gatewayDb ? [gatewayDb] : [])].map((d) => d.drop()));
  };

  try {
    const common = {
      NODE_ENV: 'test',
      LOG_LEVEL: opts.logLevel ?? 'info', // request logs on, so tests can read real log lines
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      PII_HASH_KEY: env.piiHashKey,
      KAFKA_RETRY_BASE_MS: '100',
      KAFKA_FROM_BEGINNING: 'false',
      WORK_CALENDAR_FILE: TEST_WORK_CALENDAR_FILE,
      SHUTDOWN_DELAY_MS: '0',
    };
    const signing = sm2.generateKeyPairHex();
    for (const [i, name] of SERVICE_NAMES.entries()) {
      // One at a time: concurrent CREATE DATABASE from template1 can fail ("being accessed by other users").
      const db = await createTestDatabase(`e2e_${name}`);
      dbs[name] = db;
      const port = servicePorts[i];
      serviceUrls[name] = `http://127.0.0.1:${port}`;
      const extra: Record<string, string> =
        name === 'certificate'
          ? { SIGNING_PRIVATE_KEY: signing.privateKey, SIGNING_KEY_ID: signingKeyId, PUBLIC_BASE_URL: gw }
          : {};
      const serviceEnv = {
        ...common,
        ...extra,
        ...(opts.serviceEnv ?? {}),
        ...(opts.serviceEnvOf?.[name] ?? {}),
        REGION_CODE: region,
        DATABASE_URL: db.url,
        KAFKA_CLIENT_ID: `e2e-${name}`,
        KAFKA_GROUP_ID: `e2e-${run}-${name}`,
      };
      launches[name] = { port, env: serviceEnv };
      services.push(startService(name, port, serviceEnv, logDir));
    }
    gatewayDb = await createTestDatabase('e2e_gateway');
    services.push(
      startService(
        'gateway',
        gwPort,
        {
          ...common,
          DATABASE_URL: gatewayDb.url,
          KAFKA_CLIENT_ID: 'e2e-gateway',
          KAFKA_GROUP_ID: `e2e-${run}-gateway`,
          REDIS_URL: env.redisUrl,
          RATE_LIMIT_PREFIX: `e2e:${run}`,
          BODY_LIMIT_BYTES: '65536',
          INTAKE_URL: serviceUrls.intake!,
          APPROVAL_URL: serviceUrls.approval!,
          CERTIFICATE_URL: serviceUrls.certificate!,
          EVALUATION_URL: serviceUrls.evaluation!,
          SUPERVISION_URL: serviceUrls.supervision!,
          ...(opts.gatewayEnv ?? {}),
        },
        logDir,
      ),
    );
    await Promise.all(services.map((s) => waitReady(s)));
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  return {
    gw,
    services,
    serviceUrls: serviceUrls as Record<ServiceName, string>,
    dbs: dbs as Record<ServiceName, PlatformDatabase>,
    gatewayDb: gatewayDb,
    region,
    logDir,
    signingKeyId,
    restart: async (name) => {
      const launch = launches[name]!;
      const i = services.findIndex((s) => s.name === name);
      if (!hasExited(services[i])) throw new Error(`${name} is still running`);
      services[i] = startService(name, launch.port, launch.env, logDir);
      await waitReady(services[i]);
      return services[i];
    },
    stop,
  };
}
