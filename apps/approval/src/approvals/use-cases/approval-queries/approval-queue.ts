import { Principal, ROLES } from '@app/shared/auth';
import { CalendarNotCoveredError } from '@app/shared/calendar';
import type { ApprovalCurrentStepView } from '../../dto/approval.response.dto';
import { APPROVAL_STATUS, ApprovalCaseEntity, StepRole } from '../../entities/approval-case.entity';
import type { ApprovalListFilter } from '../../repositories/approval-case.repository';
import { roleOfStep } from '../../workflow';

/** The list query after validation (GET /approvals). */
export interface ApprovalListQuery {
  page: number;
  pageSize: number;
  status?: string;
  stepCode?: string;
  assignee?: 'me';
  dueBefore?: string;
  overdue?: 'true' | 'false';
  /** At most this many working days left on the current step (0–365). */
  remainingMax?: number;
  sort?: 'opened' | 'due';
}

/** The roles among the caller's that decide steps (approver, chief). */
export function decidingRoles(user: Principal): StepRole[] {
  const roles: StepRole[] = [];
  if (user.roles.includes(ROLES.APPROVER)) roles.push('approver');
  if (user.roles.includes(ROLES.CHIEF)) roles.push('chief');
  return roles;
}

/**
 * What a list is limited to: the caller's department (policy scope) with the delegated (department,
 * items) pairs valid now, and the query's filters.
 * `assignee=me` keeps the cases whose current step a role of the caller decides (an admin, deciding
 * nothing, gets none); `overdue=true` the OPEN cases whose current step was due before `today`
 * (`overdue=false` does not filter).
 */
export function listFilter(
  scope: string | null,
  user: Principal,
  q: ApprovalListQuery,
  today: string,
  delegated: Array<{ fromDept: string; itemCodes: string[] }> = [],
): ApprovalListFilter {
  return {
    dept: scope,
    // Only with a department scope (an admin's null scope already holds every case).
    ...(scope !== null && delegated.length > 0 ? { delegated } : {}),
    status: q.status,
    stepCode: q.stepCode,
    roles: q.assignee === 'me' ? decidingRoles(user) : undefined,
    dueOnOrBefore: q.dueBefore,
    overdueOn: q.overdue === 'true' ? today : undefined,
    sort: q.sort,
  };
}

/** The working-day arithmetic the queue needs (WorkCalendar). */
export interface QueueCalendar {
  workingDaysBetween(a: string, b: string): number;
}

/**
 * For `remainingMax=n`: the current step's due date lies BEFORE the returned date exactly when its
 * working days left (remainingWorkingDays) are at most n. It is the (n+1)-th working day after today:
 * (today, bound) holds n working days, so an earlier due date leaves ≤ n (an overdue one < 0) and a later
 * one more. When the calendar ends before that day, the first uncovered year starts the bound: every due
 * date the calendar covers has ≤ n left, and one it cannot count (null in the queue) is not listed.
 * `today` itself outside the calendar throws CalendarNotCoveredError.
 */
export function remainingBound(
  today: string,
  n: number,
  cal: { addWorkingDays(start: string, n: number): string },
): string {
  try {
    return cal.addWorkingDays(today, n + 1);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError && e.year > Number(today.slice(0, 4))) return `${e.year}-01-01`;
    throw e;
  }
}

/**
 * Working days from `today` to `due`: working days in (today, due] when due today or later (0 = due
 * today), minus the working days in (due, today] when overdue. null outside the calendar's years.
 */
export function remainingWorkingDays(today: string, due: string, cal: QueueCalendar): number | null {
  try {
    if (due >= today) return cal.workingDaysBetween(today, due);
    const late = cal.workingDaysBetween(due, today);
    return late === 0 ? 0 : -late;
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return null;
    throw e;
  }
}

/** The current step of an OPEN / SUSPENDED case with its clock on `today`; null once closed or withdrawn. */
export function currentStepOf(
  a: ApprovalCaseEntity,
  today: string,
  cal: QueueCalendar,
): ApprovalCurrentStepView | null {
  if (a.status !== APPROVAL_STATUS.OPEN && a.status !== APPROVAL_STATUS.SUSPENDED) return null;
  const step = a.steps[a.currentStep - 1];
  if (!step) return null;
  const dueDate = step.dueDate ?? null;
  return {
    stepNo: a.currentStep,
    code: step.code,
    name: step.name,
    role: roleOfStep(step),
    dueDate,
    remainingWorkingDays: dueDate === null ? null : remainingWorkingDays(today, dueDate, cal),
    overdue: a.status === APPROVAL_STATUS.OPEN && dueDate !== null && dueDate < today,
  };
}
