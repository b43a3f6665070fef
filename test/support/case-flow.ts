import { testToken } from '../../libs/shared/src/testing/test-env';
import { http } from './http';

/** What the e2e tests read of a case (GET /api/v1/applications/{caseNo}). */
export interface CaseBody {
  caseNo: string;
  status: string;
  version: number;
  item: { code: string; name: string; projectType: string };
  department: { code: string; name: string };
  applicant: { userProp: string; name: string; certType: string; certNo: string };
  formData: Record<string, string>;
  materials: Array<{ code: string; fileName: string }>;
  acceptance: { acceptedAt: string; acceptedBy: string } | null;
  done: { doneResult: string; doneAt: string } | null;
  licenceId: string | null;
}

interface ApprovalBody {
  status: string;
  currentStep: number | null;
  steps: Array<{ stepNo: number; name: string; role: 'approver' | 'chief' }>;
}

/** What the staff of the case's department did, in order (受理, then each step's name). */
export interface StaffActions {
  caseNo: string;
  actions: string[];
}

/**
 * Follows a case through the gateway with the case long poll (`waitVersion`, the answer comes as soon as
 * the case changes) as its applicant's front end would, until `until` holds; never a blind sleep.
 */
export async function followCase(
  gw: string,
  token: string,
  caseNo: string,
  until: (c: CaseBody) => boolean,
  description: string,
  timeoutMs = 90_000,
): Promise<CaseBody> {
  const deadline = Date.now() + timeoutMs;
  let r = await http<CaseBody>('GET', `${gw}/api/v1/applications/${caseNo}`, { token });
  for (;;) {
    if (r.status !== 200) throw new Error(`GET ${caseNo}: ${r.status} ${JSON.stringify(r.body)}`);
    if (until(r.body)) return r.body;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}: ${caseNo} is ${r.body.status}`);
    }
    r = await http<CaseBody>(
      'GET',
      `${gw}/api/v1/applications/${caseNo}?waitVersion=${r.body.version}&waitSeconds=20`,
      { token },
    );
  }
}

/** A token of `role` in department `dept`; `n` tells the people of one department apart. */
export const staffToken = (run: string, dept: string, role: 'clerk' | 'approver' | 'chief', n = 1): string =>
  testToken({ sub: `${role}-${n}-${dept}-${run}`, roles: [role], name: `${role} ${n}`, dept });

/**
 * Handles one case as its department's staff would, through the gateway: the clerk's 受理 when the case
 * waits for it (a 即办件 filed online with every material is accepted by rule and needs none), then every
 * approval step by a different person of the department holding the step's role (a 即办 workflow has no
 * step: approval decides it by itself), then follows the case to its 办结. `beforeFinalStep` runs just
 * before the step that decides the case. Throws on any refusal.
 */
export async function handleCaseAsStaff(
  gw: string,
  opts: {
    run: string;
    applicantToken: string;
    caseNo: string;
    beforeFinalStep?: () => Promise<void>;
  },
): Promise<StaffActions & { done: CaseBody }> {
  const { run, applicantToken, caseNo } = opts;
  const actions: string[] = [];
  let c = await followCase(gw, applicantToken, caseNo, () => true, 'the case');
  const dept = c.department.code;
  if (c.status === 'SUBMITTED') {
    const r = await http('POST', `${gw}/api/v1/applications/${caseNo}/accept`, {
      token: staffToken(run, dept, 'clerk'),
      body: { remark: '材料齐全，予以受理' },
    });
    if (r.status !== 200) throw new Error(`受理 ${caseNo}: ${r.status} ${JSON.stringify(r.body)}`);
    actions.push('受理');
  }
  c = await followCase(
    gw,
    applicantToken,
    caseNo,
    (x) => !['SUBMITTED', 'ACCEPTED'].includes(x.status),
    'its approval to open',
  );
  for (;;) {
    if (c.status !== 'IN_APPROVAL') break;
    const a = await http<ApprovalBody>('GET', `${gw}/api/v1/approvals/${caseNo}`, {
      token: staffToken(run, dept, 'approver'),
    });
    if (a.status !== 200) throw new Error(`GET approval ${caseNo}: ${a.status} ${JSON.stringify(a.body)}`);
    if (a.body.status !== 'OPEN' || a.body.currentStep === null) break;
    const step = a.body.steps[a.body.currentStep - 1];
    if (step.stepNo === a.body.steps.length) await opts.beforeFinalStep?.();
    const d = await http('POST', `${gw}/api/v1/approvals/${caseNo}/decision`, {
      token: staffToken(run, dept, step.role, step.stepNo),
      body: { stepNo: step.stepNo, decision: 'approve', opinion: `${step.name}：同意` },
    });
    if (d.status !== 200) throw new Error(`${step.name} ${caseNo}: ${d.status} ${JSON.stringify(d.body)}`);
    actions.push(step.name);
  }
  const done = await followCase(gw, applicantToken, caseNo, (x) => x.status === 'DONE', '办结');
  return { caseNo, actions, done };
}
