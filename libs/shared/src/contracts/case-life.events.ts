import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsText } from '../validation/decorators';
import { CaseRef } from './common';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** 一次性告知书编号: BZ<办件编号>-<n>. */
const NOTICE_NO_RE = /^BZ[0-9A-Z-]{10,50}-\d{1,2}$/;
const MATERIAL_CODE_RE = /^[0-9A-Za-z_-]{1,32}$/;

/** One material named in a 补正 notice and why it is missing or defective. */
export class SupplementMaterialV1 {
  @Matches(MATERIAL_CODE_RE) code!: string;
  @IsText({ max: 200 }) name!: string;
  @IsText({ max: 500, multiline: true }) reason!: string;
}

/**
 * intake.application.supplement-requested.v1 — 补齐补正 (SPECIALNODE noderesult 1): ONE notice (一次性告知)
 * lists every missing or defective material; the case's clock stops until the applicant supplies them.
 * A clerk's notice, or the online 预审's (`preReview: true`, issued by the system at submission).
 */
export class ApplicationSupplementRequestedV1 extends CaseRef {
  @Matches(NOTICE_NO_RE) noticeNo!: string;
  /** 1 for the first notice of the case, 2 for the second … */
  @IsInt() @Min(1) @Max(99) seq!: number;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SupplementMaterialV1)
  materials!: SupplementMaterialV1[];
  @IsISO8601() requestedAt!: string;
  @IsText({ max: 100 }) requestedBy!: string;
  /** The last day (Asia/Shanghai) to supply: supplementDays working days after the notice. */
  @Matches(DATE_RE) dueDate!: string;
  /**
   * true when the system's online 预审 issued the notice at submission (every required material the
   * application lacked; SPECIALNODE noderesult 6 预审补齐补正); absent for a clerk's notice. Added within
   * v1 (optional: older consumers ignore it).
   */
  @IsOptional() @IsBoolean() preReview?: boolean;
}

/** intake.application.supplemented.v1 — the applicant supplied what the notice named; the clock runs again. */
export class ApplicationSupplementedV1 extends CaseRef {
  @Matches(NOTICE_NO_RE) noticeNo!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(MATERIAL_CODE_RE, { each: true })
  materials!: string[];
  @IsISO8601() suppliedAt!: string;
  /** Working days this pause lasted, and all pauses of the case together. */
  @IsInt() @Min(0) pausedWorkingDays!: number;
  @IsInt() @Min(0) totalPausedDays!: number;
}

/** intake.application.withdrawn.v1 — the applicant withdrew before a decision (办结 code 2 作废办结). */
export class ApplicationWithdrawnV1 extends CaseRef {
  @IsISO8601() withdrawnAt!: string;
  /** The status the case was in when withdrawn (e.g. IN_APPROVAL: approval should stop). */
  @IsString() @Length(1, 20) previousStatus!: string;
  @IsOptional() @IsText({ max: 500, multiline: true }) reason?: string | null;
}

/**
 * intake.application.refusal-proposed.v1 — a window clerk proposes 不予受理 with its legal basis; only the
 * department's chief (首席代表) decides (confirm → not-accepted, overturn → accepted).
 */
export class ApplicationRefusalProposedV1 extends CaseRef {
  @IsText({ max: 500, multiline: true }) reason!: string;
  @IsText({ max: 1000, multiline: true }) legalBasis!: string;
  @IsISO8601() proposedAt!: string;
  @IsText({ max: 100 }) proposedBy!: string;
}
