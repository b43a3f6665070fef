import { randomBytes } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import {
  BootedApp,
  bootServiceApp,
  createTestDatabase,
  serviceTestEnv,
  ServiceUnderTest,
  startServiceUnderTest,
  testEnv,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { GATEWAY_BOOTSTRAP } from '../src/gateway.bootstrap';

/** The gateway's env beyond a domain service's (serviceTestEnv): Redis, rate limits, upstreams nowhere. */
export function gatewayExtraEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: testEnv().redisUrl,
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PUBLIC_READ_PER_MINUTE: '100000',
    RATE_LIMIT_PREFIX: `it:gw:${randomBytes(3).toString('hex')}`,
    INTAKE_URL: 'http://127.0.0.1:1',
    APPROVAL_URL: 'http://127.0.0.1:1',
    CERTIFICATE_URL: 'http://127.0.0.1:1',
    EVALUATION_URL: 'http://127.0.0.1:1',
    SUPERVISION_URL: 'http://127.0.0.1:1',
    ...extra,
  };
}

/** The gateway in-process on its own fresh database and consumer group, collecting its ops notices. */
export function startGatewayUnderTest(extra: Record<string, string> = {}): Promise<ServiceUnderTest> {
  return startServiceUnderTest(AppModule, GatewayConfig, {
    service: 'gateway',
    topics: [TOPICS.GATEWAY_WEBHOOK_DELIVERY_FAILED],
    env: gatewayExtraEnv(extra),
    configure: GATEWAY_BOOTSTRAP.configure,
    ownOpenApi: false,
  });
}

/**
 * The gateway booted as main.ts boots it, on a fresh database of its own (partner webhooks) and a unique
 * consumer group; `env` adds to or overrides the domain-service test env. `close` also drops the database.
 */
export async function bootGatewayApp(env: Record<string, string>): Promise<BootedApp> {
  const db = await createTestDatabase('it_gateway');
  const app = await bootServiceApp(
    AppModule,
    GatewayConfig,
    { ...serviceTestEnv('gateway', db.url), ...env },
    GATEWAY_BOOTSTRAP,
  );
  return {
    ...app,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
