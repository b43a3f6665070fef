import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUS, CaseEntity, CaseStatus, proStatusOf } from '../entities/case.entity';
import type { CasePauseEntity } from '../entities/case-pause.entity';
import type { SupplementNoticeEntity } from '../entities/supplement-notice.entity';
import type { CaseLife } from '../repositories/case-life.repository';
import { FeedbackView } from './feedback.dto';
import {
  CommitmentView,
  OwedMaterialView,
  PostCheckView,
  ResultRevocationView,
} from './obligations.response.dto';

export class CaseItemView {
  @ApiProperty({ description: '事项实施编码' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '事项类型 01 行政许可 … 20 公共服务' }) taskType!: string;
  @ApiProperty({ enum: ['1', '2'], description: '办件类型 1 即办件, 2 承诺件' }) projectType!: string;
}

export class DepartmentView {
  @ApiProperty({ description: '部门统一社会信用代码' }) code!: string;
  @ApiProperty() name!: string;
}

export class CaseApplicantView {
  @ApiProperty({ description: '申请人类型' }) userProp!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '证件类型' }) certType!: string;
  @ApiProperty({ description: '证件号码, masked for natural persons', example: '110105********002X' })
  certNo!: string;
}

export class SubmittedMaterialView {
  @ApiProperty({ example: 'M01' }) code!: string;
  @ApiProperty({ example: '申请书.pdf' }) fileName!: string;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional() sizeBytes?: number;
}

export class AcceptanceView {
  @ApiProperty({ description: '受理文书编号' }) acceptDocNo!: string | null;
  @ApiProperty({ format: 'date-time' }) acceptedAt!: string;
  @ApiProperty({ type: String, nullable: true }) acceptedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '承诺办结日期 (Asia/Shanghai)' })
  promiseDate!: string | null;
}

export class DoneView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: '办结结果 0 出证办结, 1 不予许可, 2 作废办结 (撤回), 5 退件, 6 不予受理',
  })
  doneResult!: string | null;
  @ApiProperty({ format: 'date-time' }) doneAt!: string;
}

export class NoticeMaterialView {
  @ApiProperty({ example: 'M02' }) code!: string;
  @ApiProperty({ example: '营业执照' }) name!: string;
  @ApiProperty({ example: '复印件不清晰, 请提交清晰的电子件' }) reason!: string;
}

/** 补正告知书 (一次性告知). */
export class SupplementNoticeView {
  @ApiProperty({ description: '一次性告知书编号', example: 'BZ33010020261125000001-1' }) noticeNo!: string;
  @ApiProperty({ description: '第几次补正告知' }) seq!: number;
  @ApiProperty({ type: [NoticeMaterialView] }) materials!: NoticeMaterialView[];
  @ApiProperty({ type: String, nullable: true }) remark!: string | null;
  @ApiProperty() issuedBy!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ format: 'date', description: '补正期限 (Asia/Shanghai)' }) dueDate!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) suppliedAt!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'material codes the supplement brought' })
  suppliedMaterials!: string[] | null;

  static from(n: SupplementNoticeEntity): SupplementNoticeView {
    return {
      noticeNo: n.noticeNo,
      seq: n.seq,
      materials: n.materials,
      remark: n.remark,
      issuedBy: n.issuedBy,
      issuedAt: n.issuedAt.toISOString(),
      dueDate: n.dueDate,
      suppliedAt: n.suppliedAt?.toISOString() ?? null,
      suppliedMaterials: n.suppliedMaterials,
    };
  }
}

/** The 特别程序 of approval behind a pause. */
export class SpecialProcedureView {
  @ApiProperty({ format: 'uuid' }) procedureId!: string;
  @ApiProperty({
    enum: ['2', '3', '4', '7', '8'],
    description: '2 听证, 3 公示, 4 核实, 7 检验检测, 8 专家评审',
  })
  type!: string;
  @ApiProperty({ example: '听证' }) typeName!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '预计结束日期' })
  expectedEndDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '特别程序结果, once ended' }) result!:
    string | null;
}

/** One stop of the case's clock (计时暂停 … 计时恢复). */
export class PauseView {
  @ApiProperty({ enum: ['SUPPLEMENT', 'SPECIAL_PROCEDURE'], description: 'kind: 补正 or 特别程序' })
  reason!: string;
  @ApiProperty({ type: String, nullable: true }) noticeNo!: string | null;
  @ApiProperty({ type: SpecialProcedureView, nullable: true }) procedure!: SpecialProcedureView | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'null while it lasts' })
  endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'working days, once ended' })
  workingDays!: number | null;

  static from(p: CasePauseEntity): PauseView {
    return {
      reason: p.reason,
      noticeNo: p.noticeNo,
      procedure:
        p.procedureId && p.procedureType
          ? {
              procedureId: p.procedureId,
              type: p.procedureType,
              typeName: p.procedureTypeName ?? '',
              reason: p.procedureReason ?? '',
              expectedEndDate: p.expectedEndDate,
              result: p.procedureResult,
            }
          : null,
      startedAt: p.startedAt.toISOString(),
      endedAt: p.endedAt?.toISOString() ?? null,
      workingDays: p.workingDays,
    };
  }
}

/** A clerk's 拟不予受理 proposal (decided by the department's chief). */
export class RefusalProposalView {
  @ApiProperty() reason!: string;
  @ApiProperty({ description: '法律依据' }) legalBasis!: string;
  @ApiProperty() proposedBy!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "when the chief's confirmation or overturn is due (REFUSAL_CONFIRM_WORKDAYS)",
  })
  confirmDueAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'set when the proposal was still undecided after confirmDueAt (escalated)',
  })
  overdueAt!: string | null;
}

/** What the API shows of a case (办件): the applicant's certificate number only masked. */
export class CaseView {
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ enum: Object.values(CASE_STATUS) }) status!: CaseStatus;
  @ApiProperty({ enum: ['1', '2', '3'], description: '1 待受理, 2 已受理, 3 已办结' }) proStatus!: string;
  @ApiProperty({ type: CaseItemView }) item!: CaseItemView;
  @ApiProperty({ type: DepartmentView }) department!: DepartmentView;
  @ApiProperty({ type: CaseApplicantView }) applicant!: CaseApplicantView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) formData!: Record<
    string,
    string
  >;
  @ApiProperty({ type: [SubmittedMaterialView] }) materials!: SubmittedMaterialView[];
  @ApiProperty({ description: '申报方式' }) submitChannel!: string;
  @ApiProperty({ description: '到现场次数: visits made so far (a window submission, 补正 or 容缺 delivery)' })
  visits!: number;
  @ApiProperty({ type: Number, nullable: true, description: '事项的跑动次数 (visits promised at most)' })
  visitLimit!: number | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: AcceptanceView, nullable: true }) acceptance!: AcceptanceView | null;
  @ApiProperty({ type: String, nullable: true }) notAcceptedReason!: string | null;
  @ApiProperty({ type: DoneView, nullable: true }) done!: DoneView | null;
  @ApiProperty({ type: String, nullable: true, description: '电子证照标识' }) licenceId!: string | null;
  @ApiProperty({ description: '计时暂停的工作日合计 (补正, 特别程序)' }) pausedDays!: number;
  @ApiProperty({ type: RefusalProposalView, nullable: true }) refusalProposal!: RefusalProposalView | null;
  @ApiPropertyOptional({
    type: [SupplementNoticeView],
    description: '补正告知书 (in the case detail and the answers of the case-life commands)',
  })
  supplementNotices?: SupplementNoticeView[];
  @ApiPropertyOptional({ type: [PauseView], description: '计时暂停 (in the case detail …)' })
  pauses?: PauseView[];
  @ApiPropertyOptional({
    type: [FeedbackView],
    description: '"办不成事" feedback and answers (in the case detail …)',
  })
  feedback?: FeedbackView[];
  @ApiProperty({
    description:
      '行政许可法 Art. 32: no 受理, 补正 notice or refusal within 5 working days of receipt (视为受理)',
  })
  deemedAccepted!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'when the case was flagged',
  })
  deemedAcceptedAt!: string | null;
  @ApiProperty({
    type: ResultRevocationView,
    nullable: true,
    description: '告知承诺制: the result revoked after a failed 事后核查',
  })
  resultRevocation!: ResultRevocationView | null;
  @ApiPropertyOptional({
    type: [OwedMaterialView],
    description: '容缺受理: materials owed (in the case detail …)',
  })
  owedMaterials?: OwedMaterialView[];
  @ApiPropertyOptional({
    type: CommitmentView,
    nullable: true,
    description: '告知承诺书 (in the case detail …)',
  })
  commitment?: CommitmentView | null;
  @ApiPropertyOptional({
    type: PostCheckView,
    nullable: true,
    description: '事后核查 (in the case detail …)',
  })
  postCheck?: PostCheckView | null;
  @ApiProperty({ description: 'version of this case record (grows with every change; for long polls)' })
  version!: number;

  /** With `life` (notices and pauses) for the detail; lists leave it out. */
  static from(c: CaseEntity, life?: CaseLife): CaseView {
    const view: CaseView = {
      caseNo: c.caseNo,
      status: c.status,
      proStatus: proStatusOf(c.status),
      item: { code: c.itemCode, name: c.itemName, taskType: c.taskType, projectType: c.projectType },
      department: { code: c.deptCode, name: c.deptName },
      applicant: {
        userProp: c.applicantUserProp,
        name: c.applicantName,
        certType: c.applicantCertType,
        certNo: c.applicantCertMasked,
      },
      formData: c.formData,
      materials: c.materials,
      submitChannel: c.submitChannel,
      visits: c.visits ?? 0,
      visitLimit: c.visitLimit ?? null,
      submittedAt: c.submittedAt.toISOString(),
      acceptance: c.acceptedAt
        ? {
            acceptDocNo: c.acceptDocNo,
            acceptedAt: c.acceptedAt.toISOString(),
            acceptedBy: c.acceptedBy,
            promiseDate: c.promiseDate,
          }
        : null,
      notAcceptedReason: c.notAcceptedReason,
      done: c.doneAt ? { doneResult: c.doneResult, doneAt: c.doneAt.toISOString() } : null,
      licenceId: c.licenceId,
      pausedDays: c.pausedDays,
      refusalProposal:
        c.refusalReason && c.refusalProposedAt
          ? {
              reason: c.refusalReason,
              legalBasis: c.refusalLegalBasis ?? '',
              proposedBy: c.refusalProposedBy ?? '',
              proposedAt: c.refusalProposedAt.toISOString(),
              confirmDueAt: c.refusalConfirmDueAt?.toISOString() ?? null,
              overdueAt: c.refusalOverdueAt?.toISOString() ?? null,
            }
          : null,
      deemedAccepted: c.deemedAcceptedAt !== null && c.deemedAcceptedAt !== undefined,
      deemedAcceptedAt: c.deemedAcceptedAt?.toISOString() ?? null,
      resultRevocation: ResultRevocationView.from(c),
      version: c.version,
    };
    if (life) {
      view.supplementNotices = life.notices.map((n) => SupplementNoticeView.from(n));
      view.pauses = life.pauses.map((p) => PauseView.from(p));
      view.feedback = (life.feedback ?? []).map((f) => FeedbackView.from(f));
      view.owedMaterials = (life.owed ?? []).map((o) => OwedMaterialView.from(o));
      view.commitment = life.commitment ? CommitmentView.from(life.commitment) : null;
      view.postCheck = life.postCheck ? PostCheckView.from(life.postCheck) : null;
    }
    return view;
  }
}
