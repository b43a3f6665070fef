import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CASE_NO_RE } from './common';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The clocks 电子监察 watches, each carried by another service's events: 承诺办结 (intake, paused by
 * 特别程序), an approval step's limit and a 特别程序's expected end (approval), a 补正 deadline and a 容缺
 * material's deadline (intake), a 告知承诺 事后核查 deadline (intake), a 差评整改 deadline (evaluation).
 */
export const CLOCK_KINDS = [
  'CASE_PROMISE',
  'APPROVAL_STEP',
  'SPECIAL_PROCEDURE',
  'SUPPLEMENT',
  'DEFERRED_MATERIAL',
  'POST_CHECK',
  'RECTIFICATION',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** 电子监察 lights: GREEN on time, YELLOW at most N working days left, RED overdue. */
export const LIGHTS = ['GREEN', 'YELLOW', 'RED'] as const;
export type Light = (typeof LIGHTS)[number];

/** supervision.case.light-changed.v1 — a clock's light changed (published once per change). */
export class SupervisionLightChangedV1 {
  @IsUUID() clockId!: string;
  @Matches(CASE_NO_RE) caseNo!: string;
  @IsIn(CLOCK_KINDS) kind!: string;
  /** Which clock of its kind on the case: step number, procedure id, notice number, material code … */
  @IsString() @Length(0, 80) ref!: string;
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsOptional() @IsString() @Length(1, 50) itemCode?: string | null;
  /** null when the clock's first light is not GREEN (a clock that starts yellow or red). */
  @IsOptional() @IsIn(LIGHTS) previousLight!: string | null;
  @IsIn(LIGHTS) light!: string;
  /** The effective due date (Asia/Shanghai), pauses included. */
  @Matches(DATE_RE) dueDate!: string;
  /** Working days left after today up to the due date; negative: working days overdue. */
  @IsInt() remainingWorkingDays!: number;
  @IsISO8601() changedAt!: string;
}

/** supervision.escalation.opened.v1 — a clock turned red: a 督办 item opened for the department head. */
export class SupervisionEscalationOpenedV1 {
  @IsUUID() escalationId!: string;
  @IsUUID() clockId!: string;
  @Matches(CASE_NO_RE) caseNo!: string;
  @IsIn(CLOCK_KINDS) kind!: string;
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsOptional() @IsString() @Length(1, 50) itemCode?: string | null;
  @Matches(DATE_RE) dueDate!: string;
  @IsISO8601() openedAt!: string;
}
