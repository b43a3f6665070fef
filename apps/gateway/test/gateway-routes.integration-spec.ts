import { randomBytes } from 'node:crypto';
import { BootedApp, bootServiceApp, checkRoutes, routeTable, testEnv } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { configureGateway } from '../src/configure';

/**
 * Every route of the public API, read from the controllers' own metadata: each states who may call it,
 * answers 401 without a token and 403 to every other role, and refuses invalid input with a 4xx code —
 * all at the gateway, before anything is forwarded (no service listens behind this gateway: a request
 * that got through would come back as 503).
 */
describe('gateway routes: who may call, and invalid input (integration)', () => {
  const env = testEnv();
  let gw: BootedApp;

  beforeAll(async () => {
    const nowhere = 'http://127.0.0.1:1';
    gw = await bootServiceApp(
      AppModule,
      GatewayConfig,
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'fatal',
        KAFKA_CLIENT_ID: 'it-gateway-routes',
        JWT_PUBLIC_KEY: env.jwtPublicKey,
        REDIS_URL: env.redisUrl,
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_PREFIX: `it:gw-routes:${randomBytes(3).toString('hex')}`,
        INTAKE_URL: nowhere,
        APPROVAL_URL: nowhere,
        CERTIFICATE_URL: nowhere,
        EVALUATION_URL: nowhere,
      },
      { service: 'gateway', kafkaConsumer: false, configure: configureGateway },
    );
  });

  afterAll(() => gw.close());

  it('declares exactly the access of the README for every endpoint, and enforces it', async () => {
    // Who may call each endpoint (README "Using the API"); 'public' needs no token.
    const staff = ['applicant', 'clerk', 'approver', 'admin'];
    const access: Record<string, string[] | 'public'> = {
      'GET /api/v1/items': 'public',
      'GET /api/v1/items/:itemCode': 'public',
      'POST /api/v1/applications': ['applicant'],
      'GET /api/v1/applications': staff,
      'GET /api/v1/applications/:caseNo': staff,
      'GET /api/v1/applications/:caseNo/timeline': staff,
      'POST /api/v1/applications/:caseNo/accept': ['clerk'],
      'POST /api/v1/applications/:caseNo/reject': ['clerk'],
      'GET /api/v1/approvals': ['approver', 'admin'],
      'GET /api/v1/approvals/:caseNo': ['approver', 'admin'],
      'POST /api/v1/approvals/:caseNo/decision': ['approver'],
      'GET /api/v1/licences/:licenceId': ['clerk', 'approver', 'partner', 'admin'],
      'GET /api/v1/licences/:licenceId/file': ['clerk', 'approver', 'partner', 'admin'],
      'GET /api/v1/licences/:licenceId/usage': ['admin'],
      'GET /api/v1/verify/:token': 'public',
      'POST /api/v1/verify/file': 'public',
      'GET /api/v1/keys': 'public',
      'POST /api/v1/reviews': ['applicant'],
      'GET /api/v1/reviews/:caseNo': staff,
      'GET /api/v1/bad-reviews': ['clerk', 'approver', 'admin'],
      'GET /health/live': 'public',
      'GET /health/ready': 'public',
    };
    const routes = routeTable(gw.app);
    const declared = Object.fromEntries(
      routes.map((r) => [`${r.method} ${r.path}`, r.isPublic ? 'public' : [...r.roles].sort()]),
    );
    const expected = Object.fromEntries(
      Object.entries(access).map(([k, v]) => [k, v === 'public' ? v : [...v].sort()]),
    );
    expect(declared).toEqual(expected);
    expect(await checkRoutes(gw.url, routes)).toEqual([]);
  });
});
