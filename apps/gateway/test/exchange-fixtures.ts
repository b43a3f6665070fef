import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';

/** A department code of its own (18 chars, 杭州市西湖区 330106 as its registration region). */
export const exchangeDept = () => `11330106${randomBytes(5).toString('hex').toUpperCase()}`;

export interface CaseEvent {
  topic: string;
  payload: Record<string, unknown>;
}

/** The materials filed with the application, as the accepted event carries them (caseLife `filed`). */
export const FILED_MATERIALS = [
  {
    code: 'M01',
    name: '食品经营许可申请书',
    count: 2,
    attachNames: ['申请书-第1页.pdf', '申请书-第2页.pdf'],
  },
  { code: 'M04', name: '法定代表人身份证明', count: 1 },
];

/**
 * One case's life as the other services publish it, in time order: 申报 → 补正告知 → 补正 → 受理 → 承办 →
 * 特别程序 (听证) start/end → 审核 → 退回 → 审核 → 批准 → 办结 (出证) → 评价. Times are one minute apart.
 * With `filed`, the accepted event carries FILED_MATERIALS (an older producer's event carries none).
 */
export function caseLife(
  caseNo: string,
  dept = exchangeDept(),
  start = Date.now() - 3_600_000,
  {
    filed = false,
    special = { type: '2', typeName: '听证' },
  }: { filed?: boolean; special?: { type: string; typeName: string } } = {},
) {
  const at = (min: number) => new Date(start + min * 60_000).toISOString();
  const ref = {
    caseNo,
    itemCode: `${dept}000111203000001`.slice(0, 36),
    itemName: '食品经营许可',
    deptCode: dept,
    deptName: '杭州市西湖区市场监督管理局',
  };
  const applicant = {
    userProp: '1',
    name: '张三',
    certType: '111',
    certMasked: '330106********1234',
    certHash: 'a'.repeat(64),
  };
  const approvalId = randomUUID();
  const procedureId = randomUUID();
  const noticeNo = `BZ${caseNo}-1`;
  const licenceId = `1.2.156.3005.2.11100000000000000000A.${dept}.SN${caseNo.slice(-6)}.001.X`;
  const step = (stepNo: number, stepCode: string, stepName: string, min: number, extra = {}) => ({
    topic: TOPICS.APPROVAL_STEP_COMPLETED,
    payload: {
      ...ref,
      approvalId,
      stepNo,
      stepCode,
      stepName,
      result: '1',
      opinion: `${stepName}同意`,
      handledBy: `officer-${stepNo}`,
      completedAt: at(min),
      ...extra,
    },
  });
  const events: CaseEvent[] = [
    {
      topic: TOPICS.APPLICATION_SUBMITTED,
      payload: { ...ref, applicant, submitChannel: '1', projectType: '2', submittedAt: at(0) },
    },
    {
      topic: TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      payload: {
        ...ref,
        noticeNo,
        seq: 1,
        materials: [
          { code: 'M02', name: '经营场所使用证明', reason: '缺少租赁合同' },
          { code: 'M03', name: '食品安全管理制度', reason: '未盖章' },
        ],
        requestedAt: at(1),
        requestedBy: 'clerk-1',
        dueDate: at(1).slice(0, 10),
      },
    },
    {
      topic: TOPICS.APPLICATION_SUPPLEMENTED,
      payload: {
        ...ref,
        noticeNo,
        materials: ['M02', 'M03'],
        suppliedAt: at(2),
        pausedWorkingDays: 0,
        totalPausedDays: 0,
      },
    },
    {
      topic: TOPICS.APPLICATION_ACCEPTED,
      payload: {
        ...ref,
        applicant,
        taskType: '01',
        projectType: '2',
        acceptDocNo: `SL${caseNo}`,
        acceptedAt: at(3),
        promiseDate: '2026-12-31',
        promiseLimit: 10,
        promiseUnit: '1',
        licence: { typeCode: '11100000000000000000A', typeName: '食品经营许可证', faceFields: {} },
        acceptedBy: 'clerk-1',
        ...(filed ? { materials: FILED_MATERIALS } : {}),
      },
    },
    step(1, '1', '承办', 4, { nextStepNo: 2, nextStepName: '审核' }),
    {
      topic: TOPICS.APPROVAL_CASE_SUSPENDED,
      payload: {
        ...ref,
        approvalId,
        procedureId,
        type: special.type,
        typeName: special.typeName,
        result: '6',
        reason: '申请人申请听证',
        expectedEndDate: '2026-12-20',
        stepNo: 2,
        suspendedBy: 'officer-2',
        suspendedAt: at(5),
      },
    },
    {
      topic: TOPICS.APPROVAL_CASE_RESUMED,
      payload: {
        ...ref,
        approvalId,
        procedureId,
        type: special.type,
        typeName: special.typeName,
        reason: '申请人申请听证',
        expectedEndDate: '2026-12-20',
        procedureResult: '听证结束, 维持原方案',
        pausedWorkingDays: 3,
        stepNo: 2,
        stepDueDate: null,
        dueDate: '2026-12-31',
        resumedBy: 'officer-2',
        resumedAt: at(6),
      },
    },
    step(2, '2', '审核', 7, { nextStepNo: 3, nextStepName: '批准' }),
    {
      topic: TOPICS.APPROVAL_STEP_RETURNED,
      payload: {
        ...ref,
        approvalId,
        fromStepNo: 3,
        fromStepCode: '3',
        toStepNo: 2,
        toStepCode: '2',
        toStepName: '审核',
        result: '7',
        reason: '材料核对不完整',
        returnedBy: 'officer-3',
        returnedAt: at(8),
        stepDueDate: null,
      },
    },
    step(2, '2', '审核', 9, { nextStepNo: 3, nextStepName: '批准' }),
    step(3, '3', '批准', 10),
    {
      topic: TOPICS.CASE_COMPLETED,
      payload: {
        ...ref,
        doneResult: '0',
        completedAt: at(11),
        applicant,
        applicantSub: 'citizen-exchange',
        projectType: '2',
        licenceId,
      },
    },
    {
      topic: TOPICS.REVIEW_SUBMITTED,
      payload: {
        reviewId: randomUUID(),
        caseNo,
        itemCode: ref.itemCode,
        deptCode: dept,
        satisfaction: 5,
        pf: '2',
        assessNumber: 1,
        assessTime: at(12),
      },
    },
  ];
  return { events, ref, licenceId, procedureId };
}

/** The records one caseLife with `filed` materials yields, in the order the province must receive them. */
export const EXPECTED_KINDS = [
  'up_pro_process', // 补正告知
  'up_pro_process', // 补正提交
  'up_pro_accept',
  'up_pro_material', // materials filed with the application (accepted event)
  'up_pro_material',
  'up_pro_process', // 受理
  'up_pro_process', // 承办
  'up_pro_special_procedure', // 听证 start (I)
  'up_pro_special_procedure', // 听证 end (U)
  'up_pro_process', // 审核
  'up_pro_process', // 退回
  'up_pro_process', // 审核
  'up_pro_process', // 批准
  'up_pro_result',
  'projectService',
  'evaluate',
];
