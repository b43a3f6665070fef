import { TOPICS } from '@app/shared/contracts';
import { jsonRequest, ServiceUnderTest, testToken, uniqueCaseNo, waitFor } from '@app/shared/testing';

/** Helpers of the work-order integration specs: tokens, HTTP calls, an order opened by a real bad review. */
export const DEPT = '113301000024901620';
export const OTHER_DEPT = '11330100002491026R';
const APPLICANT_SUB = 'citizen-work-order';

export const tokens = {
  applicant: testToken({ sub: APPLICANT_SUB, roles: ['applicant'] }),
  clerk: testToken({ sub: 'clerk-wo', name: '窗口 张三', roles: ['clerk'], dept: DEPT }),
  approver: testToken({ sub: 'approver-wo', name: '审批 王五', roles: ['approver'], dept: DEPT }),
  deptHead: testToken({ sub: 'head-wo', name: '科长 赵六', roles: ['dept_head'], dept: DEPT }),
  supervisor: testToken({ sub: 'supervisor-wo', name: '监察 李四', roles: ['supervisor'] }),
  admin: testToken({ sub: 'admin-wo', roles: ['admin'] }),
  foreignClerk: testToken({ sub: 'clerk-other', roles: ['clerk'], dept: OTHER_DEPT }),
  foreignHead: testToken({ sub: 'head-other', roles: ['dept_head'], dept: OTHER_DEPT }),
};

export interface ApiReply {
  status: number;
  body: Record<string, unknown>;
}

export function api(
  t: ServiceUnderTest,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiReply> {
  return jsonRequest(t.svc.url, method, path, { token, body });
}

function completed(caseNo: string) {
  return {
    caseNo,
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    doneResult: '0',
    completedAt: new Date().toISOString(),
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'c'.repeat(64),
    },
    applicantSub: APPLICANT_SUB,
    projectType: '2',
    licenceId: null,
  };
}

/** A case completed (through Kafka) and rated 1 by its applicant: its work order, ASSIGNED. */
export async function openOrder(t: ServiceUnderTest): Promise<{ id: string; caseNo: string }> {
  const caseNo = uniqueCaseNo();
  await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
  await waitFor(
    async () =>
      (await t.pg.query('SELECT 1 FROM ratable_cases WHERE case_no = $1', [caseNo])).rowCount === 1 ||
      undefined,
    { description: 'ratable case' },
  );
  const r = await api(t, 'POST', '/reviews', tokens.applicant, {
    caseNo,
    satisfaction: 1,
    pf: '2',
    comment: '窗口人员态度差',
  });
  if (r.status !== 201) throw new Error(`rating failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: (r.body.workOrder as { workOrderId: string }).workOrderId, caseNo };
}

/** Runs commands in order, each expected to answer 200; returns the last reply. */
export async function drive(
  t: ServiceUnderTest,
  id: string,
  steps: Array<[command: string, token: string, body: unknown]>,
): Promise<ApiReply> {
  let last: ApiReply = { status: 0, body: {} };
  for (const [command, token, body] of steps) {
    last = await api(t, 'POST', `/bad-reviews/${id}/${command}`, token, body);
    if (last.status !== 200) {
      throw new Error(`${command} answered ${last.status} ${JSON.stringify(last.body)}`);
    }
  }
  return last;
}

/** The outbox rows of one case's work order, by topic (what the order's opening and transitions wrote). */
export async function outboxOf(t: ServiceUnderTest, caseNo: string): Promise<Record<string, number>> {
  const rows = await t.pg.query<{ topic: string; n: string }>(
    `SELECT topic, count(*) AS n FROM outbox WHERE message_key = $1 AND topic LIKE 'evaluation.bad-review.%' GROUP BY topic`,
    [caseNo],
  );
  return Object.fromEntries(rows.rows.map((r) => [r.topic, Number(r.n)]));
}

export const VERIFY = ['verify', tokens.clerk, { note: '已电话回访评价人, 情况属实' }] as [
  string,
  string,
  unknown,
];
