import { randomBytes } from 'node:crypto';
import { checkDocRoutes } from '../support/doc-route-checks';
import { fetchMergedDocument, OpenApiDocument, operationsOf } from '../support/openapi';
import { Platform, startPlatform } from '../support/platform';

/**
 * Who may call what, as the README's "Using the API" table states it. The gateway's merged OpenAPI
 * document (built from the services' own @Public()/@Roles() declarations) must say exactly this.
 */
const ALL_STAFF_AND_OWNER = ['applicant', 'clerk', 'approver', 'chief', 'admin'];
const EXPECTED_ACCESS: Record<string, 'public' | string[]> = {
  'GET /api/v1/items': 'public',
  'GET /api/v1/items/{itemCode}': 'public',
  'POST /api/v1/items': ['admin'],
  'PUT /api/v1/items/{itemCode}': ['admin'],
  'POST /api/v1/items/{itemCode}/versions': ['admin'],
  'POST /api/v1/items/{itemCode}/publish': ['admin'],
  'GET /api/v1/catalog/items': ['admin'],
  'GET /api/v1/catalog/items/{itemId}': ['admin'],
  'GET /api/v1/catalog/audit': ['admin'],
  'POST /api/v1/applications': ['applicant'],
  'GET /api/v1/applications': ALL_STAFF_AND_OWNER,
  'GET /api/v1/applications/{caseNo}': ALL_STAFF_AND_OWNER,
  'GET /api/v1/applications/{caseNo}/timeline': ALL_STAFF_AND_OWNER,
  'POST /api/v1/applications/{caseNo}/accept': ['clerk'],
  'POST /api/v1/applications/{caseNo}/reject': ['clerk'],
  'POST /api/v1/applications/{caseNo}/supplement-notice': ['clerk'],
  'GET /api/v1/applications/{caseNo}/supplement-notices/{noticeNo}/pdf': ALL_STAFF_AND_OWNER,
  'POST /api/v1/applications/{caseNo}/supplement': ['applicant'],
  'POST /api/v1/applications/{caseNo}/withdraw': ['applicant'],
  'POST /api/v1/applications/{caseNo}/cannot-get-done': ['applicant'],
  'POST /api/v1/applications/{caseNo}/cannot-get-done/{id}/answer': ['chief'],
  'GET /api/v1/applications/feedback': ['chief', 'admin'],
  'POST /api/v1/applications/{caseNo}/owed-materials': ['applicant'],
  'GET /api/v1/applications/post-checks': ['clerk', 'approver', 'chief', 'admin'],
  'POST /api/v1/applications/{caseNo}/post-check': ['clerk', 'approver', 'chief'],
  'GET /api/v1/bundle-definitions': 'public',
  'GET /api/v1/bundle-definitions/{code}': 'public',
  'POST /api/v1/bundle-definitions': ['admin'],
  'PUT /api/v1/bundle-definitions/{code}': ['admin'],
  'POST /api/v1/bundles': ['applicant'],
  'GET /api/v1/bundles': ['applicant', 'admin'],
  'GET /api/v1/bundles/{bundleNo}': ['applicant', 'admin', 'clerk', 'approver', 'chief', 'dept_head'],
  'POST /api/v1/bundles/{bundleNo}/withdraw': ['applicant'],
  'GET /api/v1/supervision/statistics': ['supervisor', 'dept_head'],
  'GET /api/v1/supervision/lights': ['supervisor', 'dept_head'],
  'GET /api/v1/supervision/flags': ['supervisor', 'dept_head'],
  'GET /api/v1/supervision/cases/{caseNo}': ['supervisor', 'dept_head'],
  'GET /api/v1/supervision/escalations': ['supervisor', 'dept_head'],
  'GET /api/v1/supervision/escalations/{id}': ['supervisor', 'dept_head'],
  'POST /api/v1/supervision/escalations/{id}/acknowledge': ['dept_head'],
  'POST /api/v1/supervision/escalations/{id}/resolve': ['dept_head'],
  'POST /api/v1/applications/{caseNo}/refusal/confirm': ['chief'],
  'POST /api/v1/applications/{caseNo}/refusal/overturn': ['chief'],
  'GET /api/v1/approvals': ['approver', 'chief', 'dept_head', 'admin'],
  'GET /api/v1/approvals/{caseNo}': ['approver', 'chief', 'dept_head', 'admin'],
  'POST /api/v1/approvals/{caseNo}/decision': ['approver', 'chief'],
  'POST /api/v1/approvals/{caseNo}/chief-decision': ['chief'],
  'POST /api/v1/approvals/{caseNo}/return': ['approver', 'chief'],
  'POST /api/v1/approvals/{caseNo}/special-procedures': ['approver'],
  'POST /api/v1/approvals/{caseNo}/special-procedures/{id}/end': ['approver'],
  'POST /api/v1/workflows': ['admin'],
  'GET /api/v1/workflows/{itemCode}': ['admin', 'approver'],
  'POST /api/v1/authorisations/chief': ['admin', 'dept_head'],
  'POST /api/v1/authorisations/chief/{id}/revoke': ['admin', 'dept_head'],
  'GET /api/v1/authorisations/chief': ['admin', 'dept_head'],
  'POST /api/v1/authorisations/delegations': ['admin', 'dept_head'],
  'POST /api/v1/authorisations/delegations/{id}/revoke': ['admin', 'dept_head'],
  'GET /api/v1/authorisations/delegations': ['admin', 'dept_head'],
  'GET /api/v1/licences/{licenceId}': ['clerk', 'approver', 'partner', 'admin'],
  'GET /api/v1/licences/{licenceId}/file': ['clerk', 'approver', 'partner', 'admin'],
  'GET /api/v1/licences/{licenceId}/usage': ['admin'],
  'GET /api/v1/verify/{token}': 'public',
  'POST /api/v1/verify/file': 'public',
  'GET /api/v1/keys': 'public',
  'POST /api/v1/reviews': ['applicant'],
  'GET /api/v1/reviews/{caseNo}': ['applicant', 'clerk', 'approver', 'admin'],
  'GET /api/v1/bad-reviews': ['clerk', 'approver', 'dept_head', 'supervisor', 'admin'],
  'GET /api/v1/bad-reviews/{id}': ['clerk', 'approver', 'dept_head', 'supervisor', 'admin'],
  'POST /api/v1/bad-reviews/{id}/verify': ['clerk', 'approver', 'dept_head'],
  'POST /api/v1/bad-reviews/{id}/rectify': ['clerk', 'approver', 'dept_head'],
  'POST /api/v1/bad-reviews/{id}/explain': ['clerk', 'approver', 'dept_head'],
  'POST /api/v1/bad-reviews/{id}/appeal': ['clerk', 'approver', 'dept_head'],
  'POST /api/v1/bad-reviews/{id}/decide-appeal': ['supervisor'],
  'POST /api/v1/bad-reviews/{id}/follow-up': ['clerk', 'approver', 'dept_head'],
  'POST /api/v1/share-clients': ['admin'],
  'GET /api/v1/share-clients': ['admin'],
  'GET /api/v1/share-clients/{accessId}': ['admin'],
  'PATCH /api/v1/share-clients/{accessId}': ['admin'],
  'POST /api/v1/share-clients/{accessId}/disable': ['admin'],
  'POST /api/v1/share-clients/{accessId}/rotate-secret': ['admin'],
  'POST /api/v1/share/getToken': 'public',
  'POST /api/v1/share/queryCertInfo': 'public',
  'POST /api/v1/share/queryCertInfoByHolderCode': 'public',
  'POST /api/v1/share/queryCertInfoByQRcode': 'public',
  'POST /api/v1/share/verifyCertInfo': 'public',
  'POST /api/v1/share/verifyFile': 'public',
  'POST /api/v1/share/downloadUrl': 'public',
  'POST /api/v1/share/getCertRemarkInfo': 'public',
  'GET /api/v1/share/download/{id}': 'public',
  'POST /api/v1/webhooks/subscriptions': ['admin'],
  'GET /api/v1/webhooks/subscriptions': ['admin'],
  'GET /api/v1/webhooks/subscriptions/{id}': ['admin'],
  'PATCH /api/v1/webhooks/subscriptions/{id}': ['admin'],
  'PUT /api/v1/webhooks/subscriptions/{id}': ['admin'],
  'POST /api/v1/webhooks/subscriptions/{id}/rotate-secret': ['admin'],
  'GET /api/v1/webhooks/subscriptions/{id}/deliveries': ['admin'],
  'GET /api/v1/webhooks/subscriptions/{id}/dead-letters': ['admin'],
  'POST /api/v1/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay': ['admin'],
  'POST /api/v1/webhooks/subscriptions/{id}/dead-letters/replay': ['admin'],
  'GET /api/v1/exchange/public-key': 'public',
  'GET /api/v1/exchange/records': ['admin'],
  'GET /api/v1/exchange/records/{id}': ['admin'],
  'POST /api/v1/exchange/records/{id}/replay': ['admin'],
  'POST /api/v1/exchange/dead-letters/replay': ['admin'],
};

const sorted = (a: 'public' | string[]) => (a === 'public' ? a : [...a].sort());

describe('every public operation through the gateway, driven by the merged OpenAPI document', () => {
  const run = randomBytes(3).toString('hex');
  let platform: Platform | undefined;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    // Many requests from few tokens: the per-client rate limit must not be what answers.
    platform = await startPlatform(run, {
      gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' },
      logLevel: 'warn',
    });
    doc = await fetchMergedDocument(platform.gw);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('states for every operation exactly the access of the README table', () => {
    const actual = Object.fromEntries(
      operationsOf(doc).map(({ key, op }) => [
        key,
        op['x-public'] === true ? 'public' : sorted(op['x-roles'] ?? []),
      ]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED_ACCESS).map(([k, v]) => [k, sorted(v)]));
    expect(actual).toEqual(expected);
    // x-public and x-roles never contradict each other.
    for (const { key, op } of operationsOf(doc)) {
      expect([key, op['x-public'] === true && (op['x-roles'] ?? []).length > 0]).toEqual([key, false]);
    }
  });

  it('answers 401/403 to callers the operation does not name, and refuses undeclared input with a 4xx code', async () => {
    const { problems, requests, answers } = await checkDocRoutes(platform!.gw, doc, run);
    console.log(
      [
        `[routes] ${operationsOf(doc).length} operations, ${requests} requests, ${problems.length} problems`,
        ...Object.entries(answers).map(([k, n]) => `[routes]   ${k} ×${n}`),
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});
