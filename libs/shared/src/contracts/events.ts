import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CaseRef, EventApplicant, EventLicenceSpec, IsMaskedForNaturalPerson } from './common';
import { AcceptedCommitmentV1, OwedMaterialV1 } from './commitment-and-deferral.events';
import { CERT_TYPE_CODES } from '../codes';
import { IsText } from '../validation/decorators';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** intake.application.submitted.v1 — an application (办件) was received (收件). */
export class ApplicationSubmittedV1 extends CaseRef {
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  /** 申报方式 submit: 0 窗口, 1 网上 … */
  @IsIn(['0', '1', '2', '3', '4', '5', '6', '7', '8']) submitChannel!: string;
  /** 办件类型 1 即办件, 2 承诺件 */
  @IsIn(['1', '2']) projectType!: string;
  @IsISO8601() submittedAt!: string;
}

const MATERIAL_CODE_RE = /^[0-9A-Za-z_-]{1,32}$/;

/**
 * A material filed with the application and received at 受理 (up_pro_material 材料目录信息): its code, its
 * name in the catalog item version the case was filed under, how many files were received and their names.
 */
export class AcceptedMaterialV1 {
  @Matches(MATERIAL_CODE_RE) code!: string;
  @IsText({ max: 200 }) name!: string;
  /** 收取数量: files received for this code. */
  @IsInt() @Min(1) @Max(999) count!: number;
  /** 附件名称: the file names as the applicant gave them (the first 20). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsText({ max: 200 }, { each: true })
  attachNames?: string[];
}

/** intake.application.accepted.v1 — a window clerk accepted (受理) the application. */
export class ApplicationAcceptedV1 extends CaseRef {
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  /** 事项类型 task_type, e.g. 01 行政许可 */
  @Matches(/^\d{2}$/) taskType!: string;
  @IsIn(['1', '2']) projectType!: string;
  /** 受理文书编号 */
  @IsString() @Length(1, 60) acceptDocNo!: string;
  @IsISO8601() acceptedAt!: string;
  /** 承诺办结日期 (Asia/Shanghai business date) */
  @Matches(DATE_RE) promiseDate!: string;
  @IsInt() @Min(0) promiseLimit!: number;
  /** 承诺时限单位 1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月 */
  @IsIn(['1', '2', '3', '4', '5']) promiseUnit!: string;
  /** 法定办结时限 anticipate_day and its unit (same codes as promiseUnit); for 承诺时限压缩率. */
  @IsOptional() @IsInt() @Min(0) legalLimit?: number;
  @IsOptional() @IsIn(['1', '2', '3', '4', '5']) legalUnit?: string;
  /** 到办事现场次数 limit_scene_num (跑动次数) of the item: the visits it promises at most. */
  @IsOptional() @IsInt() @Min(0) @Max(99) visitLimit?: number;
  @IsOptional() @ValidateNested() @Type(() => EventLicenceSpec) licence?: EventLicenceSpec | null;
  @IsText({ max: 100 }) acceptedBy!: string;
  /** 容缺受理: materials owed after 受理; approval's last step waits until they are supplied. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OwedMaterialV1)
  owedMaterials?: OwedMaterialV1[];
  /** 告知承诺制: decided on the applicant's signed commitment; approval approves at once. */
  @IsOptional() @ValidateNested() @Type(() => AcceptedCommitmentV1) commitment?: AcceptedCommitmentV1 | null;
  /** The materials filed with the application (by code, in catalog order): the province's 材料目录. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AcceptedMaterialV1)
  materials?: AcceptedMaterialV1[];
}

/** intake.application.not-accepted.v1 — 不予受理 with the reason (办结 code 6). */
export class ApplicationNotAcceptedV1 extends CaseRef {
  @IsText({ max: 500, multiline: true }) reason!: string;
  @IsISO8601() decidedAt!: string;
  @IsText({ max: 100 }) decidedBy!: string;
}

/** intake.case.completed.v1 — the case is done (办结), whatever the result. */
export class CaseCompletedV1 extends CaseRef {
  /** 办结结果 doneresult: 0 出证办结, 1 不予许可, 6 不予受理 … */
  @IsIn(['0', '1', '2', '3', '4', '5', '6']) doneResult!: string;
  @IsISO8601() completedAt!: string;
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  /** Subject (user id) of the account that applied: the one who may rate the service. */
  @IsString() @Length(1, 100) applicantSub!: string;
  @IsIn(['1', '2']) projectType!: string;
  @IsOptional() @IsString() licenceId?: string | null;
  /** The visits the applicant actually made (到现场次数): submission, 补正 or 容缺 materials at a window. */
  @IsOptional() @IsInt() @Min(0) @Max(99) visits?: number;
  /** The item's 跑动次数 (visits promised at most). */
  @IsOptional() @IsInt() @Min(0) @Max(99) visitLimit?: number;
}

/** approval.case.opened.v1 — an approval case was opened from the item's workflow. */
export class ApprovalCaseOpenedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @IsArray() @IsString({ each: true }) steps!: string[];
  @Matches(DATE_RE) dueDate!: string;
  @IsISO8601() openedAt!: string;
  /** Due date of the first step (its limit in working days from opening); null without steps or limit. */
  @IsOptional() @Matches(DATE_RE) stepDueDate?: string | null;
}

/** approval.case.step-completed.v1 — one step (承办/审核/批准) was handled. */
export class ApprovalStepCompletedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @IsInt() @Min(1) @Max(10) stepNo!: number;
  /** 审批环节 SPHJDM 1 承办, 2 审核, 3 批准 */
  @IsIn(['1', '2', '3']) stepCode!: string;
  @IsString() stepName!: string;
  /** noderesult 1 同意, 0 不同意 */
  @IsIn(['0', '1']) result!: string;
  @IsText({ min: 0, max: 1000, multiline: true }) opinion!: string;
  @IsText({ max: 100 }) handledBy!: string;
  @IsISO8601() completedAt!: string;
  /** The step that starts now, when the case goes on; absent when this step decided the case. */
  @IsOptional() @IsInt() @Min(1) @Max(10) nextStepNo?: number | null;
  @IsOptional() @IsString() nextStepName?: string | null;
  /** Its due date (limit in working days from now); null without a limit. */
  @IsOptional() @Matches(DATE_RE) nextStepDueDate?: string | null;
}

/** approval.case.approved.v1 — 准予许可. Carries what the certificate service needs to issue the licence. */
export class ApprovalCaseApprovedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  @IsOptional() @ValidateNested() @Type(() => EventLicenceSpec) licence?: EventLicenceSpec | null;
  @IsText({ min: 0, max: 1000, multiline: true }) opinion!: string;
  @IsISO8601() approvedAt!: string;
}

/** approval.case.denied.v1 — 不予许可. */
export class ApprovalCaseDeniedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @IsText({ max: 1000, multiline: true }) opinion!: string;
  @IsISO8601() deniedAt!: string;
}

/** certificate.licence.issued.v1 — an electronic licence was issued (签发). */
export class LicenceIssuedV1 {
  /** 证照标识 (GB/T 36904) */
  @Matches(/^1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.[0-9A-Z]{1,40}\.\d{3}\.[0-9A-Z]$/)
  licenceId!: string;
  @IsString() caseNo!: string;
  @IsString() itemCode!: string;
  @Matches(/^[0-9A-Z]{21}$/) typeCode!: string;
  @IsString() typeName!: string;
  @IsText({ max: 200 }) holderName!: string;
  @IsIn(CERT_TYPE_CODES) holderCertType!: string;
  @IsString() @IsMaskedForNaturalPerson('holderCertType') holderCertMasked!: string;
  @Matches(/^[0-9a-f]{64}$/) holderCertHash!: string;
  @Matches(/^[0-9A-Z]{18}$/) issuerCode!: string;
  @IsString() issuerName!: string;
  @Matches(DATE_RE) issueDate!: string;
  @IsOptional() @Matches(DATE_RE) validTo?: string | null;
  @Matches(/^\d{3}$/) version!: string;
  @IsString() kid!: string;
  @IsString() verifyUrl!: string;
}

/** evaluation.review.submitted.v1 — a 好差评 rating was recorded. */
export class ReviewSubmittedV1 {
  @IsUUID() reviewId!: string;
  @IsString() caseNo!: string;
  @IsString() itemCode!: string;
  @IsString() deptCode!: string;
  /** satisfaction 1 非常不满意 … 5 非常满意 */
  @IsInt() @Min(1) @Max(5) satisfaction!: number;
  /** 评价渠道 pf 1 pc端 … 7 系统默认评价 */
  @IsIn(['1', '2', '3', '4', '5', '6', '7']) pf!: string;
  /** assessNumber 1 首次评价, 2 二次评价 */
  @IsIn([1, 2]) assessNumber!: number;
  @IsISO8601() assessTime!: string;
}

/** evaluation.bad-review.opened.v1 — a grade of 1–2 opened a rectification work order (差评整改). */
export class BadReviewOpenedV1 {
  @IsUUID() workOrderId!: string;
  @IsUUID() reviewId!: string;
  @IsString() caseNo!: string;
  @IsString() deptCode!: string;
  @IsInt() @Min(1) @Max(2) satisfaction!: number;
  @Matches(DATE_RE) rectifyDueDate!: string;
  @IsISO8601() openedAt!: string;
}
