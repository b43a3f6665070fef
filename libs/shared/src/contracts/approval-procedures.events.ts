import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CaseRef } from './common';
import { IsText } from '../validation/decorators';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 特别程序 types of an approval case. `2`–`4` are 特殊环节 SPECIALNODE codes of the provincial 前置库
 * standard (EA_JC_STEP_SPECIALNODE.noderesult: 2 听证, 3 公示, 4 核实). 行政许可法 Art. 45 also excludes
 * 检验、检测、检疫 and 专家评审 from the time limit; the provincial list has no code for them, so this
 * platform uses the local extensions `7` 检验检测 and `8` 专家评审 (report them as 5 挂起 where a
 * province accepts only its own list). `1` 补齐补正, `5` 挂起 and `6` 预审补齐补正 are not 特别程序 of
 * an approval case and are not accepted here.
 */
export const SPECIAL_PROCEDURE_TYPES = {
  '2': '听证',
  '3': '公示',
  '4': '核实',
  '7': '检验检测',
  '8': '专家评审',
} as const;
export type SpecialProcedureType = keyof typeof SPECIAL_PROCEDURE_TYPES;
export const SPECIAL_PROCEDURE_CODES = Object.keys(SPECIAL_PROCEDURE_TYPES) as SpecialProcedureType[];

/** approval.case.step-returned.v1 — 退回: the current step went back to the previous one (noderesult 7). */
export class ApprovalStepReturnedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  /** The step that returned the case (SPHJDM 2 审核 or 3 批准). */
  @IsInt() @Min(2) @Max(10) fromStepNo!: number;
  @IsIn(['1', '2', '3']) fromStepCode!: string;
  /** The step that is current again. */
  @IsInt() @Min(1) @Max(10) toStepNo!: number;
  @IsIn(['1', '2', '3']) toStepCode!: string;
  @IsText({ max: 20 }) toStepName!: string;
  /** noderesult 7 退回 */
  @IsIn(['7']) result!: string;
  @IsText({ max: 1000, multiline: true }) reason!: string;
  @IsText({ max: 100 }) returnedBy!: string;
  @IsISO8601() returnedAt!: string;
  /** The new due date of the step that is current again (its limit in working days from now); null without a limit. */
  @IsOptional() @Matches(DATE_RE) stepDueDate!: string | null;
}

/** approval.case.suspended.v1 — 特别程序 started (noderesult 6): the case's clock stops. */
export class ApprovalCaseSuspendedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @IsUUID() procedureId!: string;
  /** 特别程序 type: 2 听证, 3 公示, 4 核实, 7 检验检测, 8 专家评审 */
  @IsIn(SPECIAL_PROCEDURE_CODES) type!: string;
  @IsText({ max: 20 }) typeName!: string;
  /** noderesult 6 特别程序 (挂起) */
  @IsIn(['6']) result!: string;
  @IsText({ max: 1000, multiline: true }) reason!: string;
  /** Expected last day of the procedure (Asia/Shanghai). */
  @Matches(DATE_RE) expectedEndDate!: string;
  /** The step that was current when the case was suspended. */
  @IsInt() @Min(1) @Max(10) stepNo!: number;
  @IsText({ max: 100 }) suspendedBy!: string;
  @IsISO8601() suspendedAt!: string;
}

/** approval.case.resumed.v1 — 特别程序 ended: the clock resumes, due dates move by the paused working days. */
export class ApprovalCaseResumedV1 extends CaseRef {
  @IsUUID() approvalId!: string;
  @IsUUID() procedureId!: string;
  @IsIn(SPECIAL_PROCEDURE_CODES) type!: string;
  @IsText({ max: 20 }) typeName!: string;
  @IsText({ max: 1000, multiline: true }) reason!: string;
  @Matches(DATE_RE) expectedEndDate!: string;
  /** 特别程序结果 */
  @IsText({ max: 1000, multiline: true }) procedureResult!: string;
  /**
   * Working days in (start date, end date]: the days the clock did not run. At most the type's maximum:
   * a procedure that overran is credited up to start date + maximum only.
   */
  @IsInt() @Min(0) pausedWorkingDays!: number;
  /**
   * Working days the procedure ran beyond its type's maximum (0 within it): not credited, they count
   * against the promise. Added within v1; absent from events published before.
   */
  @IsOptional() @IsInt() @Min(0) overrunWorkingDays?: number;
  @IsInt() @Min(1) @Max(10) stepNo!: number;
  /** The current step's new due date (old due date + pausedWorkingDays working days); null without one. */
  @IsOptional() @Matches(DATE_RE) stepDueDate!: string | null;
  /** The approval case's new due date (承诺办结日期 + pausedWorkingDays working days). */
  @Matches(DATE_RE) dueDate!: string;
  @IsText({ max: 100 }) resumedBy!: string;
  @IsISO8601() resumedAt!: string;
}
