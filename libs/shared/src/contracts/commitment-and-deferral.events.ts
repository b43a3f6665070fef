import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsText } from '../validation/decorators';
import { CaseRef } from './common';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MATERIAL_CODE_RE = /^[0-9A-Za-z_-]{1,32}$/;
/** 告知承诺书编号 CN<办件编号>; 事后核查任务编号 HC<办件编号>. */
const COMMITMENT_NO_RE = /^CN[0-9A-Z-]{10,50}$/;
const POST_CHECK_NO_RE = /^HC[0-9A-Z-]{10,50}$/;

/** A 容缺 material owed after 受理: its code, its name in the catalog, and the last day to supply it. */
export class OwedMaterialV1 {
  @Matches(MATERIAL_CODE_RE) code!: string;
  @IsText({ max: 200 }) name!: string;
  /** Last day to supply (Asia/Shanghai): deferDays working days after 受理. */
  @Matches(DATE_RE) dueDate!: string;
}

/** 告知承诺制 on an accepted event: the signed commitment replaced these materials; approval decides at once. */
export class AcceptedCommitmentV1 {
  @Matches(COMMITMENT_NO_RE) commitmentNo!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(MATERIAL_CODE_RE, { each: true })
  materials!: string[];
  /** Last day (Asia/Shanghai) of the 事后核查. */
  @Matches(DATE_RE) postCheckDueDate!: string;
}

/**
 * intake.application.owed-materials-supplied.v1 — 容缺受理: the applicant supplied some or all of the owed
 * materials. `outstanding` is what is still owed after this; approval's last step waits until it is empty.
 */
export class ApplicationOwedMaterialsSuppliedV1 extends CaseRef {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(MATERIAL_CODE_RE, { each: true })
  materials!: string[];
  @IsArray() @ArrayMaxSize(50) @Matches(MATERIAL_CODE_RE, { each: true }) outstanding!: string[];
  @IsISO8601() suppliedAt!: string;
}

/**
 * intake.application.owed-materials-overdue.v1 — an owed material was not supplied by its due date: the
 * case ends as 退件 (DONE doneresult 5) and approval stops (no decision is taken). Superseded by v2 (the
 * item's rule may end the case as 不予许可, a new code); kept with its shape for consumers of v1, no
 * longer produced.
 */
export class ApplicationOwedMaterialsOverdueV1 extends CaseRef {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OwedMaterialV1)
  materials!: OwedMaterialV1[];
  @IsISO8601() overdueAt!: string;
  /** The case status before it ended (ACCEPTED, IN_APPROVAL). */
  @IsString() @Length(1, 20) previousStatus!: string;
  /** 办结结果 doneresult the case ended with (5 退件). */
  @IsIn(['5']) doneResult!: string;
}

/**
 * intake.application.owed-materials-overdue.v2 — an owed material was not supplied by its due date: the
 * case ends per the rule of its item (`owedOverdueResult`): 退件 (DONE doneresult 5, the default) or
 * 不予许可 (doneresult 1), and approval stops (no decision is taken there). v2 because doneResult gained a
 * code (the versioning rule: new codes are a new version).
 */
export class ApplicationOwedMaterialsOverdueV2 extends ApplicationOwedMaterialsOverdueV1 {
  /** 办结结果 doneresult the case ended with, by the item's rule: 5 退件 (default) or 1 不予许可. */
  @IsIn(['5', '1']) declare doneResult: string;
}

/**
 * intake.case.post-check-due.v1 — 告知承诺制: the 事后核查 of a case was not recorded by its deadline (sent
 * once per task, when the sweep flags it overdue).
 */
export class CasePostCheckDueV1 extends CaseRef {
  @Matches(POST_CHECK_NO_RE) postCheckNo!: string;
  @Matches(COMMITMENT_NO_RE) commitmentNo!: string;
  @Matches(DATE_RE) dueDate!: string;
  @IsISO8601() flaggedAt!: string;
}

/**
 * intake.case.post-check-failed.v1 — 告知承诺制: the 事后核查 found the commitment untrue; the case's result
 * is revoked and certificate revokes the case's licence. The commitment record is kept.
 */
export class CasePostCheckFailedV1 extends CaseRef {
  @Matches(POST_CHECK_NO_RE) postCheckNo!: string;
  @Matches(COMMITMENT_NO_RE) commitmentNo!: string;
  @IsText({ min: 2, max: 1000, multiline: true }) reason!: string;
  @IsText({ max: 100 }) checkedBy!: string;
  @IsISO8601() checkedAt!: string;
  /** The licence the case yielded (certificate revokes it; by case number when absent). */
  @IsOptional() @IsString() @Length(1, 120) licenceId?: string | null;
}

/** intake.case.post-check-passed.v1 — 告知承诺制: the 事后核查 confirmed the commitment; the result stands. */
export class CasePostCheckPassedV1 extends CaseRef {
  @Matches(POST_CHECK_NO_RE) postCheckNo!: string;
  @Matches(COMMITMENT_NO_RE) commitmentNo!: string;
  @Matches(DATE_RE) dueDate!: string;
  @IsText({ max: 100 }) checkedBy!: string;
  @IsISO8601() checkedAt!: string;
  @IsOptional() @IsText({ max: 1000, multiline: true }) remark?: string | null;
}
