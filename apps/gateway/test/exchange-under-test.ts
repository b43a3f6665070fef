import { sm2 } from 'sm-crypto-v2';
import {
  BootedApp,
  bootServiceApp,
  serviceTestEnv,
  ServiceUnderTest,
  testEnv,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { GATEWAY_BOOTSTRAP } from '../src/gateway.bootstrap';
import { CaseEvent } from './exchange-fixtures';
import { gatewayExtraEnv, startGatewayUnderTest } from './gateway-under-test';
import { ProvinceStandIn } from './province-stand-in';

const APP_WORD = 'it-app-word';

/** The gateway with the exchange on, pushing to a stand-in province that knows our public key. */
export interface ExchangeUnderTest {
  t: ServiceUnderTest;
  province: ProvinceStandIn;
  env: Record<string, string>;
  /** Produces a case's events in order, as the other services would. */
  produce: (events: CaseEvent[], opts?: { id?: string }) => Promise<string[]>;
  /** State of a case's records, in send order. */
  records: (caseNo: string) => Promise<Array<{ id: string; kind: string; state: string; attempts: number }>>;
  waitDelivered: (caseNo: string, n: number, timeoutMs?: number) => Promise<void>;
  /** A second replica on the same database and consumer group. */
  replica: () => Promise<BootedApp>;
  stop: () => Promise<void>;
}

export async function startExchangeUnderTest(extra: Record<string, string> = {}): Promise<ExchangeUnderTest> {
  const ours = sm2.generateKeyPairHex();
  // The province knows no key of ours until it fetched the one the gateway publishes (below).
  const province = new ProvinceStandIn('', APP_WORD);
  await province.start();
  const env = {
    EXCHANGE_ENABLED: 'true',
    EXCHANGE_BASE_URL: province.url,
    EXCHANGE_APP_MARK: 'it-gateway',
    EXCHANGE_APP_WORD: APP_WORD,
    EXCHANGE_SM2_PRIVATE_KEY: ours.privateKey,
    EXCHANGE_PROVINCE_PUBLIC_KEY: province.keys.publicKey,
    EXCHANGE_DISPATCH_INTERVAL_MS: '50',
    EXCHANGE_SETTLE_MS: '1000',
    EXCHANGE_RETRY_BASE_MS: '50',
    EXCHANGE_RETRY_MAX_DELAY_MS: '200',
    EXCHANGE_MAX_ATTEMPTS: '50',
    EXCHANGE_TIMEOUT_MS: '5000',
    ...extra,
  };
  const t = await startGatewayUnderTest(env);
  const published = await fetch(`${t.svc.url}/api/v1/exchange/public-key`);
  if (published.status !== 200) throw new Error(`public key: HTTP ${published.status}`);
  province.trust(((await published.json()) as { publicKeyHex: string }).publicKeyHex);
  const records = async (caseNo: string) =>
    (
      await t.pg.query<{ id: string; kind: string; state: string; attempts: number }>(
        `SELECT id, kind, state, attempts FROM exchange_records WHERE case_no = $1 ORDER BY order_at, pos`,
        [caseNo],
      )
    ).rows;
  return {
    t,
    province,
    env,
    records,
    produce: async (events, opts = {}) => {
      const ids: string[] = [];
      for (const e of events) {
        ids.push(await t.producer.send(e.topic, String(e.payload.caseNo), e.payload, opts));
      }
      return ids;
    },
    waitDelivered: async (caseNo, n, timeoutMs = 60_000) => {
      await waitFor(
        async () => (await records(caseNo)).filter((r) => r.state === 'DELIVERED').length >= n || undefined,
        { timeoutMs, description: `${n} records of ${caseNo} delivered` },
      );
    },
    replica: () => {
      const url = new URL(testEnv().postgresUrl);
      url.pathname = `/${t.dbName}`;
      return bootServiceApp(
        AppModule,
        GatewayConfig,
        {
          ...serviceTestEnv('gateway', url.toString()),
          ...gatewayExtraEnv(env),
          KAFKA_GROUP_ID: t.svc.app.get(GatewayConfig).KAFKA_GROUP_ID,
        },
        GATEWAY_BOOTSTRAP,
      );
    },
    stop: async () => {
      await t.stop();
      await province.stop();
    },
  };
}
