import { randomUUID } from 'node:crypto';

/**
 * Payloads as intake, approval and evaluation publish them, for the supervision tests. Each builder takes
 * the case's reference (number, item, department) and the instants that matter.
 */
export interface Ref {
  caseNo: string;
  itemCode: string;
  itemName: string;
  deptCode: string;
  deptName: string;
}

export const applicant = {
  userProp: '2',
  name: '杭州测试餐饮有限公司',
  certType: '001',
  certMasked: '91330106MA2H00000X',
  certHash: 'c'.repeat(64),
};

export const ref = (caseNo: string, deptCode: string, itemCode = `${deptCode}000111203000001`): Ref => ({
  caseNo,
  itemCode,
  itemName: '食品经营许可',
  deptCode,
  deptName: '杭州市市场监督管理局',
});

export const submitted = (r: Ref, at: string, channel = '1', projectType = '2') => ({
  ...r,
  applicant,
  submitChannel: channel,
  projectType,
  submittedAt: at,
});

export const accepted = (
  r: Ref,
  at: string,
  promiseDate: string,
  opts: { projectType?: string; promiseLimit?: number; legalLimit?: number; visitLimit?: number } = {},
) => ({
  ...r,
  applicant,
  taskType: '01',
  projectType: opts.projectType ?? '2',
  acceptDocNo: `SL${r.caseNo}`,
  acceptedAt: at,
  promiseDate,
  promiseLimit: opts.promiseLimit ?? 5,
  promiseUnit: '1',
  legalLimit: opts.legalLimit ?? 20,
  legalUnit: '1',
  visitLimit: opts.visitLimit ?? 1,
  acceptedBy: '窗口人员',
});

export const completed = (
  r: Ref,
  at: string,
  doneResult = '0',
  projectType = '2',
  visits: { visits?: number; visitLimit?: number } = {},
) => ({
  ...r,
  doneResult,
  completedAt: at,
  applicant,
  applicantSub: 'citizen-sup',
  projectType,
  licenceId: null,
  visits: visits.visits ?? 0,
  visitLimit: visits.visitLimit ?? 1,
});

export const withdrawn = (r: Ref, at: string) => ({
  ...r,
  withdrawnAt: at,
  previousStatus: 'ACCEPTED',
  reason: null,
});

export const supplementRequested = (r: Ref, seq: number, at: string, dueDate: string) => ({
  ...r,
  noticeNo: `BZ${r.caseNo}-${seq}`,
  seq,
  materials: [{ code: 'M01', name: '营业执照', reason: '复印件不清晰' }],
  requestedAt: at,
  requestedBy: '窗口人员',
  dueDate,
});

export const approvalOpened = (
  r: Ref,
  approvalId: string,
  at: string,
  dueDate: string,
  steps = ['承办', '审核', '批准'],
  stepDueDate?: string | null,
) => ({
  ...r,
  approvalId,
  steps,
  dueDate,
  openedAt: at,
  ...(stepDueDate !== undefined ? { stepDueDate } : {}),
});

export const stepCompleted = (
  r: Ref,
  approvalId: string,
  stepNo: number,
  at: string,
  next?: { stepNo: number; stepName: string; dueDate: string | null },
) => ({
  ...r,
  approvalId,
  stepNo,
  stepCode: String(Math.min(stepNo, 3)),
  stepName: ['承办', '审核', '批准'][Math.min(stepNo, 3) - 1],
  result: '1',
  opinion: '同意',
  handledBy: '审批人员',
  completedAt: at,
  ...(next ? { nextStepNo: next.stepNo, nextStepName: next.stepName, nextStepDueDate: next.dueDate } : {}),
});

export const stepReturned = (r: Ref, approvalId: string, at: string, stepDueDate: string | null) => ({
  ...r,
  approvalId,
  fromStepNo: 2,
  fromStepCode: '2',
  toStepNo: 1,
  toStepCode: '1',
  toStepName: '承办',
  result: '7',
  reason: '材料需补充核实',
  returnedBy: '审核人员',
  returnedAt: at,
  stepDueDate,
});

export const suspended = (
  r: Ref,
  approvalId: string,
  procedureId: string,
  at: string,
  expectedEndDate: string,
) => ({
  ...r,
  approvalId,
  procedureId,
  type: '2',
  typeName: '听证',
  result: '6',
  reason: '依申请举行听证',
  expectedEndDate,
  stepNo: 1,
  suspendedBy: '审批人员',
  suspendedAt: at,
});

export const resumed = (
  r: Ref,
  approvalId: string,
  procedureId: string,
  at: string,
  expectedEndDate: string,
  pausedWorkingDays: number,
  dueDate: string,
) => ({
  ...r,
  approvalId,
  procedureId,
  type: '2',
  typeName: '听证',
  reason: '依申请举行听证',
  expectedEndDate,
  procedureResult: '听证结束',
  pausedWorkingDays,
  stepNo: 1,
  stepDueDate: null,
  dueDate,
  resumedBy: '审批人员',
  resumedAt: at,
});

export const review = (r: Ref, satisfaction: number, pf: string, at: string, assessNumber = 1) => ({
  reviewId: randomUUID(),
  caseNo: r.caseNo,
  itemCode: r.itemCode,
  deptCode: r.deptCode,
  satisfaction,
  pf,
  assessNumber,
  assessTime: at,
});

export const badReview = (
  r: Ref,
  reviewId: string,
  satisfaction: number,
  at: string,
  rectifyDueDate: string,
) => ({
  workOrderId: randomUUID(),
  reviewId,
  caseNo: r.caseNo,
  deptCode: r.deptCode,
  satisfaction,
  rectifyDueDate,
  openedAt: at,
});

export interface BundleMember {
  itemCode: string;
  deptCode: string;
  startedAt?: string;
  endedAt?: string;
  outcome?: string;
}

export const bundleSubmitted = (bundleNo: string, members: BundleMember[], at: string) => ({
  bundleNo,
  definitionCode: 'YJS-KBCY',
  definitionName: '我要开办餐饮店',
  applicant,
  enterpriseUscc: null,
  members: members.map((m) => ({
    itemCode: m.itemCode,
    itemName: '成员事项',
    deptCode: m.deptCode,
    deptName: '成员部门',
    dependsOn: [],
  })),
  submittedAt: at,
});

export const bundleEnded = (bundleNo: string, state: string, members: BundleMember[], at: string) => ({
  bundleNo,
  definitionCode: 'YJS-KBCY',
  definitionName: '我要开办餐饮店',
  state,
  reason: '',
  members: members.map((m) => ({
    itemCode: m.itemCode,
    itemName: '成员事项',
    deptCode: m.deptCode,
    outcome: m.outcome ?? 'COMPLETED',
    caseNo: null,
    doneResult: null,
    licenceId: null,
    startedAt: m.startedAt ?? null,
    endedAt: m.endedAt ?? null,
  })),
  licenceIds: [],
  endedAt: at,
});

export const badReviewRectified = (
  order: { workOrderId: string; reviewId: string; caseNo: string; deptCode: string; rectifyDueDate: string },
  at: string,
  outcome: 'RECTIFIED' | 'EXPLAINED' = 'RECTIFIED',
) => ({
  workOrderId: order.workOrderId,
  reviewId: order.reviewId,
  caseNo: order.caseNo,
  deptCode: order.deptCode,
  outcome,
  mode: outcome === 'RECTIFIED' ? 'IMMEDIATE' : null,
  rectifyDueDate: order.rectifyDueDate,
  rectifiedAt: at,
  handledBy: '整改责任人',
});

export const badReviewClosed = (
  order: { workOrderId: string; reviewId: string; caseNo: string; deptCode: string },
  at: string,
  closure: 'FOLLOWED_UP' | 'VOIDED' = 'FOLLOWED_UP',
) => ({
  workOrderId: order.workOrderId,
  reviewId: order.reviewId,
  caseNo: order.caseNo,
  deptCode: order.deptCode,
  closure,
  raterSatisfied: closure === 'FOLLOWED_UP' ? true : null,
  closedAt: at,
  closedBy: closure === 'FOLLOWED_UP' ? '回访人员' : '监察员',
});
