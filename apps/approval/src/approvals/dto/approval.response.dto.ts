import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES, STEP_CODES, USER_PROP_CODES } from '@app/shared/codes';
import {
  SPECIAL_PROCEDURE_CODES,
  SPECIAL_PROCEDURE_TYPES,
  SpecialProcedureType,
} from '@app/shared/contracts';
import { APPROVAL_STATUS, ApprovalCaseEntity, ApprovalStatus } from '../entities/approval-case.entity';
import { ApprovalAuditEntity } from '../entities/audit.entity';
import { SpecialProcedureEntity } from '../entities/special-procedure.entity';
import { AUDIT_ACTIONS } from '../audit-trail';
import { roleOfStep, STEP_ROLES } from '../workflow';

/** CANCELLED: a step that was current or pending when the application was withdrawn. */
const STEP_STATES = ['DONE', 'CURRENT', 'PENDING', 'CANCELLED'] as const;
type StepState = (typeof STEP_STATES)[number];

export class ApprovalItemView {
  @ApiProperty({ description: '事项编码' }) code!: string;
  @ApiProperty({ description: '事项名称' }) name!: string;
  @ApiProperty({ enum: Object.values(PROJECT_TYPES), description: '办件类型: 1 即办件, 2 承诺件' })
  projectType!: string;
}

export class ApprovalDepartmentView {
  @ApiProperty({ description: '部门统一社会信用代码' }) code!: string;
  @ApiProperty() name!: string;
}

export class ApprovalApplicantView {
  @ApiProperty({ enum: USER_PROP_CODES, description: '申请人类型' }) userProp!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '证件号码 (masked for natural persons)' }) certNo!: string;
}

export class ApprovalStepView {
  @ApiProperty({ minimum: 1, maximum: STEP_CODES.length }) stepNo!: number;
  @ApiProperty({ enum: STEP_CODES, description: '审批环节 SPHJDM: 1 承办, 2 审核, 3 批准' }) code!: string;
  @ApiProperty({ example: '承办' }) name!: string;
  @ApiProperty({ enum: STEP_STATES }) state!: StepState;
  @ApiProperty({ enum: STEP_ROLES, description: 'who decides the step: approver, or the 首席代表 (chief)' })
  role!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'time limit of the step in working days' })
  limitDays!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'date the step became current' })
  startedOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'due date of the step (working days; moved by 特别程序 pauses)',
  })
  dueDate!: string | null;
}

export class ApprovalLicenceView {
  @ApiProperty({ description: '证照类型代码' }) typeCode!: string;
  @ApiProperty({ description: '证照类型名称' }) typeName!: string;
}

export class ApprovalAuditView {
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ type: Number, nullable: true }) stepNo!: number | null;
  @ApiProperty({ description: 'name of the person (or 系统)' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, description: 'department of the person' }) dept!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the 首席代表 authorisation a chief decision was taken under',
  })
  authorisationId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the cross-department delegation a delegate acted under',
  })
  delegationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the 特别程序 of the row' })
  procedureId!: string | null;

  static of(r: ApprovalAuditEntity): ApprovalAuditView {
    return {
      action: r.action,
      stepNo: r.stepNo,
      actor: r.actorName ?? r.actorSub,
      dept: r.actorDept,
      opinion: r.opinion,
      at: r.at.toISOString(),
      authorisationId: r.authorisationId ?? null,
      delegationId: r.delegationId ?? null,
      procedureId: r.procedureId ?? null,
    };
  }
}

/** 容缺受理: a material the case was accepted without. */
export class ApprovalOwedMaterialView {
  @ApiProperty({ example: 'M03' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date', description: '补交期限' }) dueDate!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while owed' })
  suppliedAt!: string | null;
}

/** An approval case in a list: everything but the audit trail. */
export class ApprovalSummaryView {
  @ApiProperty({ format: 'uuid' }) approvalId!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ type: ApprovalItemView }) item!: ApprovalItemView;
  @ApiProperty({ type: ApprovalDepartmentView }) department!: ApprovalDepartmentView;
  @ApiProperty({ type: ApprovalApplicantView }) applicant!: ApprovalApplicantView;
  @ApiProperty({ type: String, nullable: true, description: '事项类型 task_type' }) taskType!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "version of the workflow definition the case was opened with (the item's own or its 办件类型 default)",
  })
  workflowVersion!: number | null;
  @ApiProperty({
    enum: Object.values(APPROVAL_STATUS),
    description:
      'SUSPENDED while a 特别程序 runs: no decision is taken and the clock stops; WITHDRAWN when the applicant ' +
      'withdrew the application before a decision (no decision is taken any more)',
  })
  status!: ApprovalStatus;
  @ApiProperty({ type: [ApprovalStepView] }) steps!: ApprovalStepView[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the step waiting for a decision (null once closed)',
  })
  currentStep!: number | null;
  @ApiProperty({ format: 'date', description: '承诺办结日期' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: ApprovalLicenceView, nullable: true }) licence!: ApprovalLicenceView | null;
  @ApiProperty({
    type: [ApprovalOwedMaterialView],
    description:
      '容缺受理: materials owed at acceptance; while one is not supplied the deciding step (and a chief decision) answers 409 OWED_MATERIALS_OUTSTANDING',
  })
  owedMaterials!: ApprovalOwedMaterialView[];

  static of(a: ApprovalCaseEntity): ApprovalSummaryView {
    const open = a.status === APPROVAL_STATUS.OPEN || a.status === APPROVAL_STATUS.SUSPENDED;
    const withdrawn = a.status === APPROVAL_STATUS.WITHDRAWN;
    const stateOf = (stepNo: number): StepState =>
      withdrawn
        ? stepNo < a.currentStep
          ? 'DONE'
          : 'CANCELLED'
        : stepNo < a.currentStep || !open
          ? 'DONE'
          : stepNo === a.currentStep
            ? 'CURRENT'
            : 'PENDING';
    return {
      approvalId: a.id,
      caseNo: a.caseNo,
      item: { code: a.itemCode, name: a.itemName, projectType: a.projectType },
      department: { code: a.deptCode, name: a.deptName },
      applicant: { userProp: a.applicant.userProp, name: a.applicant.name, certNo: a.applicant.certMasked },
      status: a.status,
      taskType: a.taskType ?? null,
      workflowVersion: a.workflowVersion ?? null,
      steps: a.steps.map((s, i) => ({
        stepNo: i + 1,
        code: s.code,
        name: s.name,
        state: stateOf(i + 1),
        role: roleOfStep(s),
        limitDays: s.limitDays ?? null,
        startedOn: s.startedOn ?? null,
        dueDate: s.dueDate ?? null,
      })),
      currentStep: open ? a.currentStep : null,
      dueDate: a.dueDate,
      openedAt: a.openedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      licence: a.licence ? { typeCode: a.licence.typeCode, typeName: a.licence.typeName } : null,
      owedMaterials: a.owedMaterials ?? [],
    };
  }
}

/** The step of a case waiting for a decision, with its clock (approvers' queue). */
export class ApprovalCurrentStepView {
  @ApiProperty({ minimum: 1, maximum: STEP_CODES.length }) stepNo!: number;
  @ApiProperty({ enum: STEP_CODES, description: '审批环节 SPHJDM: 1 承办, 2 审核, 3 批准' }) code!: string;
  @ApiProperty({ example: '承办' }) name!: string;
  @ApiProperty({ enum: STEP_ROLES, description: 'who decides the step: approver, or the 首席代表 (chief)' })
  role!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'due date of the step' })
  dueDate!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'working days left until the due date, counted from today (Asia/Shanghai) exclusive to the due date ' +
      'inclusive: 0 when due today, negative when overdue (working days since the due date); null without ' +
      'a due date or outside the working-day calendar. Frozen in effect while SUSPENDED (the due date moves ' +
      'when the 特别程序 ends).',
  })
  remainingWorkingDays!: number | null;
  @ApiProperty({ description: 'OPEN and the due date lies before today' }) overdue!: boolean;
}

/** A case in the approvers' queue: the summary with its current step's clock. */
export class ApprovalQueueItemView extends ApprovalSummaryView {
  @ApiProperty({
    type: ApprovalCurrentStepView,
    nullable: true,
    description: 'the step waiting for a decision (null once closed or withdrawn)',
  })
  current!: ApprovalCurrentStepView | null;
}

/** A 特别程序 of a case. */
export class SpecialProcedureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SPECIAL_PROCEDURE_CODES }) type!: string;
  @ApiProperty({ example: '听证' }) typeName!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date' }) expectedEndDate!: string;
  @ApiProperty({ description: 'the step that was current when it started' }) stepNo!: number;
  @ApiProperty({ enum: ['RUNNING', 'ENDED'] }) state!: 'RUNNING' | 'ENDED';
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '特别程序结果' }) result!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'working days in (startedOn, endedOn]: the days the clock did not run',
  })
  pausedWorkingDays!: number | null;

  static of(p: SpecialProcedureEntity): SpecialProcedureView {
    return {
      id: p.id,
      type: p.type,
      typeName: SPECIAL_PROCEDURE_TYPES[p.type as SpecialProcedureType] ?? p.type,
      reason: p.reason,
      expectedEndDate: p.expectedEndDate,
      stepNo: p.stepNo,
      state: p.endedAt ? 'ENDED' : 'RUNNING',
      startedAt: p.startedAt.toISOString(),
      startedOn: p.startedOn,
      startedBy: p.startedBy,
      endedAt: p.endedAt?.toISOString() ?? null,
      endedOn: p.endedOn,
      endedBy: p.endedBy,
      result: p.result,
      pausedWorkingDays: p.pausedWorkingDays,
    };
  }
}

/** One approval case with its steps, deadline, 特别程序 and audit trail. */
export class ApprovalView extends ApprovalSummaryView {
  @ApiProperty({ type: [ApprovalAuditView], description: 'append-only audit trail, oldest first' })
  audit!: ApprovalAuditView[];
  @ApiProperty({ type: [SpecialProcedureView], description: '特别程序 of the case, oldest first' })
  specialProcedures!: SpecialProcedureView[];

  static withAudit(
    a: ApprovalCaseEntity,
    audit: ApprovalAuditEntity[],
    procedures: SpecialProcedureEntity[] = [],
  ): ApprovalView {
    return {
      ...ApprovalSummaryView.of(a),
      audit: audit.map((r) => ApprovalAuditView.of(r)),
      specialProcedures: procedures.map((p) => SpecialProcedureView.of(p)),
    };
  }
}
