import type { Principal } from '@app/shared/auth';
import type { ApplicationAcceptedV1 } from '@app/shared/contracts';
import { ApprovalCaseEntity } from '../entities/approval-case.entity';
import { caseSteps } from '../workflow';

/** The default 承诺件 workflow (承办 2 / 审核 2 / 批准 1 working days), step 1 started 2026-11-24. */
export const promiseSteps = () =>
  caseSteps([
    { code: '1', role: 'approver', limitDays: 2 },
    { code: '2', role: 'approver', limitDays: 2 },
    { code: '3', role: 'approver', limitDays: 1 },
  ]).map((s, i) => (i === 0 ? { ...s, startedOn: '2026-11-24', dueDate: '2026-11-26' } : s));

/** Test data for the unit specs of the approval use cases. */
export const DEPT = '113301000024901620';
export const OTHER_DEPT = '11330100002491026R';

export const approver = (sub = 'approver-1', dept = DEPT): Principal => ({
  sub,
  name: `审批员 ${sub}`,
  roles: ['approver'],
  dept,
  token: 't',
});
export const admin = (): Principal => ({ sub: 'admin', roles: ['admin'], token: 't' });
/** 部门负责人 (dept_head) of `dept`: grants and revokes their own department's authorisations. */
export const deptHead = (dept = DEPT): Principal => ({
  sub: `head-${dept.slice(-4)}`,
  name: '部门负责人',
  roles: ['dept_head'],
  dept,
  token: 't',
});

export function approvalCase(over: Partial<ApprovalCaseEntity> = {}): ApprovalCaseEntity {
  return Object.assign(new ApprovalCaseEntity(), {
    id: '00000000-0000-4000-8000-000000000001',
    caseNo: '33010620261124000001',
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    projectType: '2',
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'b'.repeat(64),
    },
    licence: { typeCode: '111000000000135652001', typeName: '食品经营许可证', validYears: 5, faceFields: {} },
    taskType: '01',
    workflowId: '00000000-0000-4000-8000-0000000000d1',
    workflowVersion: 1,
    steps: promiseSteps(),
    currentStep: 1,
    status: 'OPEN',
    dueDate: '2026-12-01',
    promiseUnit: '1',
    openedAt: new Date('2026-11-24T02:00:00Z'),
    decidedAt: null,
    version: 1,
    ...over,
  });
}

export function acceptedEvent(projectType = '2'): ApplicationAcceptedV1 {
  const a = approvalCase();
  return {
    caseNo: a.caseNo,
    itemCode: a.itemCode,
    itemName: a.itemName,
    deptCode: a.deptCode,
    deptName: a.deptName,
    applicant: a.applicant,
    taskType: '01',
    projectType,
    acceptDocNo: `SL${a.caseNo}`,
    acceptedAt: '2026-11-24T02:00:00.000Z',
    promiseDate: '2026-12-01',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: a.licence ?? undefined,
    acceptedBy: 'clerk',
  };
}
