import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CASE_NO_RE, EventApplicant } from './common';
import { IsText } from '../validation/decorators';

/** 一件事 bundle number: `YJS` + 行政区划 6 + yyyyMMdd + 6-digit sequence. */
export const BUNDLE_NO_RE = /^YJS[0-9]{6}[0-9]{8}[0-9]{6}$/;

/** What became of one member of a bundle (`PENDING`/`STARTED` while it runs). */
export const BUNDLE_MEMBER_OUTCOMES = [
  'PENDING',
  'STARTED',
  'COMPLETED',
  'FAILED',
  'WITHDRAWN',
  'CANCELLED',
] as const;
export type BundleMemberOutcome = (typeof BUNDLE_MEMBER_OUTCOMES)[number];

/** How a bundle ended. */
export const BUNDLE_END_STATES = ['COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED', 'WITHDRAWN'] as const;
export type BundleEndState = (typeof BUNDLE_END_STATES)[number];

/** A member item of a bundle, as events name it. */
export class BundleMemberRef {
  /** 实施编码 of the member item */
  @IsString() @Length(1, 50) itemCode!: string;
  @IsText({ max: 200 }) itemName!: string;
  /** 实施部门 统一社会信用代码 */
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsText({ max: 100 }) deptName!: string;
  /** Members (by 实施编码) whose result this one needs; empty = starts at once. */
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) dependsOn!: string[];
}

/** intake.bundle.submitted.v1 — one 一件事 application was filed; members without dependencies start with it. */
export class BundleSubmittedV1 {
  @Matches(BUNDLE_NO_RE) bundleNo!: string;
  @IsString() @Length(1, 40) definitionCode!: string;
  @IsText({ max: 100 }) definitionName!: string;
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  /** The enterprise the bundle registers (its 统一社会信用代码 is public), when it registers one. */
  @IsOptional() @Matches(/^[0-9A-Z]{18}$/) enterpriseUscc?: string | null;
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BundleMemberRef)
  members!: BundleMemberRef[];
  @IsISO8601() submittedAt!: string;
}

/** intake.bundle.member-started.v1 — a member case was created (in its own department) for a bundle. */
export class BundleMemberStartedV1 extends BundleMemberRef {
  @Matches(BUNDLE_NO_RE) bundleNo!: string;
  @IsString() @Length(1, 40) definitionCode!: string;
  /** The member's 办件编号 */
  @Matches(CASE_NO_RE) caseNo!: string;
  @IsISO8601() startedAt!: string;
}

/** One member's outcome when a bundle ends. */
export class BundleMemberResult {
  @IsString() @Length(1, 50) itemCode!: string;
  @IsText({ max: 200 }) itemName!: string;
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsIn(BUNDLE_MEMBER_OUTCOMES) outcome!: string;
  @IsOptional() @Matches(CASE_NO_RE) caseNo?: string | null;
  /** 办结结果 doneresult of the member case, once done */
  @IsOptional() @IsIn(['0', '1', '2', '3', '4', '5', '6']) doneResult?: string | null;
  @IsOptional() @IsString() licenceId?: string | null;
  @IsOptional() @IsISO8601() startedAt?: string | null;
  @IsOptional() @IsISO8601() endedAt?: string | null;
}

/**
 * The end of a bundle (intake.bundle.completed / partially-completed / failed / withdrawn .v1): every
 * member's outcome and the combined result, all licences of the members.
 */
export class BundleEndedV1 {
  @Matches(BUNDLE_NO_RE) bundleNo!: string;
  @IsString() @Length(1, 40) definitionCode!: string;
  @IsText({ max: 100 }) definitionName!: string;
  @IsIn(BUNDLE_END_STATES) state!: string;
  @IsText({ min: 0, max: 500, multiline: true }) reason!: string;
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BundleMemberResult)
  members!: BundleMemberResult[];
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) licenceIds!: string[];
  @IsISO8601() endedAt!: string;
}

/** intake.bundle.completed.v1 — every member completed: the combined result carries all licences. */
export class BundleCompletedV1 extends BundleEndedV1 {}
/** intake.bundle.partially-completed.v1 — every member ended, some refused or withdrawn. */
export class BundlePartiallyCompletedV1 extends BundleEndedV1 {}
/** intake.bundle.failed.v1 — a member others depend on was refused or withdrawn (dependents cancelled), or none completed. */
export class BundleFailedV1 extends BundleEndedV1 {}
/** intake.bundle.withdrawn.v1 — the applicant withdrew the whole bundle. */
export class BundleWithdrawnV1 extends BundleEndedV1 {}
