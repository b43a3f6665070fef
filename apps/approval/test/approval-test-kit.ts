import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, uniqueCaseNo } from '@app/shared/testing';

/** The department of the approval integration specs (杭州市市场监督管理局). */
export const KIT_DEPT = '113301000024901620';

/** An intake.application.accepted.v1 payload of a 承诺件 of KIT_DEPT, with `over` applied. */
export function acceptedPayload(caseNo: string, itemCode: string, over: Record<string, unknown> = {}) {
  return {
    caseNo,
    itemCode,
    itemName: '食品经营许可',
    deptCode: KIT_DEPT,
    deptName: '杭州市市场监督管理局',
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'b'.repeat(64),
    },
    taskType: '01',
    projectType: '2',
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: '2026-12-31',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: null,
    acceptedBy: 'clerk',
    ...over,
  };
}

/** Sends a 受理 of a new case over Kafka and waits until approval opened it; returns the case number. */
export async function openApprovalCase(
  t: ServiceUnderTest,
  itemCode: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const caseNo = uniqueCaseNo();
  await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, acceptedPayload(caseNo, itemCode, over));
  await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
  return caseNo;
}

export type Row = Record<string, unknown>;

/** JSON calls to the service under test, with a bearer token (none: anonymous). */
export function serviceCalls(t: () => ServiceUnderTest) {
  const call = async (method: string, path: string, bearer?: string, body?: unknown) => {
    const r = await fetch(`${t().svc.url}${path}`, {
      method,
      headers: {
        ...(bearer !== undefined ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Row };
  };
  const post = (path: string, body: unknown, bearer: string) => call('POST', path, bearer, body);
  return { call, post };
}
