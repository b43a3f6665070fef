import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES, STEP_CODES, USER_PROP_CODES } from '@app/shared/codes';
import { APPROVAL_STATUS, ApprovalCaseEntity, ApprovalStatus } from '../entities/approval-case.entity';
import { ApprovalAuditEntity } from '../entities/audit.entity';

const STEP_STATES = ['DONE', 'CURRENT', 'PENDING'] as const;
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
}

export class ApprovalLicenceView {
  @ApiProperty({ description: '证照类型代码' }) typeCode!: string;
  @ApiProperty({ description: '证照类型名称' }) typeName!: string;
}

export class ApprovalAuditView {
  @ApiProperty({ enum: ['OPENED', 'STEP_APPROVED', 'STEP_DENIED', 'APPROVED', 'DENIED'] }) action!: string;
  @ApiProperty({ type: Number, nullable: true }) stepNo!: number | null;
  @ApiProperty({ description: 'name of the person (or 系统)' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, description: 'department of the person' }) dept!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static of(r: ApprovalAuditEntity): ApprovalAuditView {
    return {
      action: r.action,
      stepNo: r.stepNo,
      actor: r.actorName ?? r.actorSub,
      dept: r.actorDept,
      opinion: r.opinion,
      at: r.at.toISOString(),
    };
  }
}

/** An approval case in a list: everything but the audit trail. */
export class ApprovalSummaryView {
  @ApiProperty({ format: 'uuid' }) approvalId!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ type: ApprovalItemView }) item!: ApprovalItemView;
  @ApiProperty({ type: ApprovalDepartmentView }) department!: ApprovalDepartmentView;
  @ApiProperty({ type: ApprovalApplicantView }) applicant!: ApprovalApplicantView;
  @ApiProperty({ enum: Object.values(APPROVAL_STATUS) }) status!: ApprovalStatus;
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

  static of(a: ApprovalCaseEntity): ApprovalSummaryView {
    const open = a.status === APPROVAL_STATUS.OPEN;
    const stateOf = (stepNo: number): StepState =>
      stepNo < a.currentStep || !open ? 'DONE' : stepNo === a.currentStep ? 'CURRENT' : 'PENDING';
    return {
      approvalId: a.id,
      caseNo: a.caseNo,
      item: { code: a.itemCode, name: a.itemName, projectType: a.projectType },
      department: { code: a.deptCode, name: a.deptName },
      applicant: { userProp: a.applicant.userProp, name: a.applicant.name, certNo: a.applicant.certMasked },
      status: a.status,
      steps: a.steps.map((s, i) => ({ ...s, stepNo: i + 1, state: stateOf(i + 1) })),
      currentStep: open ? a.currentStep : null,
      dueDate: a.dueDate,
      openedAt: a.openedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      licence: a.licence ? { typeCode: a.licence.typeCode, typeName: a.licence.typeName } : null,
    };
  }
}

/** One approval case with its steps, deadline and audit trail. */
export class ApprovalView extends ApprovalSummaryView {
  @ApiProperty({ type: [ApprovalAuditView], description: 'append-only audit trail, oldest first' })
  audit!: ApprovalAuditView[];

  static withAudit(a: ApprovalCaseEntity, audit: ApprovalAuditEntity[]): ApprovalView {
    return { ...ApprovalSummaryView.of(a), audit: audit.map((r) => ApprovalAuditView.of(r)) };
  }
}
