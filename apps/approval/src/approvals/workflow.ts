import { addNaturalDays, caseClockOf, naturalDaysBetween } from '@app/shared/calendar';
import type { StepRole, WorkflowStep } from './entities/approval-case.entity';

/** 承诺件: 承办 → 审核 → 批准 (≤ 3 steps, docs/architecture.md). 即办件 closes at once. */
export const PROMISE_WORKFLOW: WorkflowStep[] = [
  { code: '1', name: '承办' },
  { code: '2', name: '审核' },
  { code: '3', name: '批准' },
];
export const IMMEDIATE_WORKFLOW: WorkflowStep[] = [{ code: '3', name: '批准' }];
export const IMMEDIATE_OPINION = '即办件，当场办结';

export function workflowFor(projectType: string): WorkflowStep[] {
  return projectType === '1' ? IMMEDIATE_WORKFLOW : PROMISE_WORKFLOW;
}

export type Decision = 'approve' | 'deny';

export interface DecisionOutcome {
  /** The step that was handled (1-based). */
  stepNo: number;
  step: WorkflowStep;
  /** noderesult of the step: '1' 同意 (approve), '0' 不同意 (deny). */
  result: '1' | '0';
  /**
   * OPEN while steps remain, whatever the decision (an earlier step's 不同意 travels on as a proposal);
   * only the last step decides the case: approve → APPROVED (准予许可), deny → DENIED (不予许可).
   */
  status: 'OPEN' | 'APPROVED' | 'DENIED';
  /** The step waiting next (unchanged when the case closes). */
  nextStep: number;
}

/** Pure transition of an open approval case on a decision of its current step; throws for a closed case. */
export function applyDecision(
  steps: WorkflowStep[],
  currentStep: number,
  status: string,
  decision: Decision,
): DecisionOutcome {
  if (status !== 'OPEN') throw new Error(`approval case is ${status}`);
  if (currentStep < 1 || currentStep > steps.length) {
    throw new Error(`no step ${currentStep} in a ${steps.length}-step workflow`);
  }
  const step = steps[currentStep - 1];
  const result = decision === 'approve' ? '1' : '0';
  if (currentStep < steps.length) {
    return { stepNo: currentStep, step, result, status: 'OPEN', nextStep: currentStep + 1 };
  }
  return {
    stepNo: currentStep,
    step,
    result,
    status: decision === 'approve' ? 'APPROVED' : 'DENIED',
    nextStep: currentStep,
  };
}

/** 审批环节 SPHJDM names (docs/standards.md#审批环节-sphjdm). */
export const STEP_NAMES = { '1': '承办', '2': '审核', '3': '批准' } as const;
export const STEP_ROLES: StepRole[] = ['approver', 'chief'];
export const MAX_WORKFLOW_STEPS = 3;
/** Upper bound of one step's time limit (working days): a typo guard, not a legal rule. */
export const MAX_STEP_LIMIT_DAYS = 60;

/**
 * What is wrong with a list of step definitions (empty when valid): at most 3 steps, codes from
 * SPHJDM, ascending and unique, a known role, a whole number of working days 0–60.
 */
export function workflowProblems(
  steps: ReadonlyArray<{ code: unknown; role: unknown; limitDays: unknown }>,
): string[] {
  const problems: string[] = [];
  if (steps.length > MAX_WORKFLOW_STEPS) problems.push(`at most ${MAX_WORKFLOW_STEPS} steps`);
  steps.forEach((s, i) => {
    if (typeof s.code !== 'string' || !(s.code in STEP_NAMES)) {
      problems.push(`steps.${i}.code must be 1, 2 or 3`);
    } else if (i > 0 && typeof steps[i - 1].code === 'string' && s.code <= (steps[i - 1].code as string)) {
      problems.push('step codes must be ascending and unique');
    }
    if (!STEP_ROLES.includes(s.role as StepRole)) problems.push(`steps.${i}.role must be approver or chief`);
    if (
      typeof s.limitDays !== 'number' ||
      !Number.isInteger(s.limitDays) ||
      s.limitDays < 0 ||
      s.limitDays > MAX_STEP_LIMIT_DAYS
    ) {
      problems.push(`steps.${i}.limitDays must be a whole number 0–${MAX_STEP_LIMIT_DAYS}`);
    }
  });
  return problems;
}

/** `n` working days after a Shanghai date (WorkCalendar.addWorkingDays). */
export type AddWorkingDays = (start: string, n: number) => string;

/** The steps of a new case from a definition: nothing started yet. */
export function caseSteps(
  defs: ReadonlyArray<{ code: WorkflowStep['code']; role: StepRole; limitDays: number }>,
): WorkflowStep[] {
  return defs.map((d) => ({
    code: d.code,
    name: STEP_NAMES[d.code],
    role: d.role,
    limitDays: d.limitDays,
    startedOn: null,
    dueDate: null,
  }));
}

/**
 * The steps with step `stepNo` (1-based) started on `today`: due `limitDays` working days later
 * (no due date for a step without a limit, from before versioned workflows). Returns a new array.
 */
export function startStep(
  steps: WorkflowStep[],
  stepNo: number,
  today: string,
  addWorkingDays: AddWorkingDays,
): WorkflowStep[] {
  return steps.map((s, i) =>
    i === stepNo - 1
      ? {
          ...s,
          startedOn: today,
          dueDate: s.limitDays === undefined ? null : addWorkingDays(today, s.limitDays),
        }
      : s,
  );
}

/** The role that may decide a step (approver for steps from before versioned workflows). */
export function roleOfStep(step: WorkflowStep): StepRole {
  return step.role ?? 'approver';
}

/**
 * 首席代表 decides every remaining step at once: each remaining step gets the same result, and the last
 * one decides the case. Throws for a closed case, like applyDecision.
 */
export function applyChiefDecision(
  steps: WorkflowStep[],
  currentStep: number,
  status: string,
  decision: Decision,
): DecisionOutcome[] {
  const outcomes: DecisionOutcome[] = [];
  let step = currentStep;
  for (;;) {
    const o = applyDecision(steps, step, status, decision);
    outcomes.push(o);
    if (o.status !== 'OPEN') return outcomes;
    step = o.nextStep;
  }
}

export interface ReturnOutcome {
  fromStepNo: number;
  toStepNo: number;
  steps: WorkflowStep[];
}

/**
 * 退回 (noderesult 7): the current step goes back to the previous one, which starts again on `today`
 * with its own full limit. Not from the first step (null), only on an OPEN case (throws otherwise).
 */
export function applyReturn(
  steps: WorkflowStep[],
  currentStep: number,
  status: string,
  today: string,
  addWorkingDays: AddWorkingDays,
): ReturnOutcome | null {
  if (status !== 'OPEN') throw new Error(`approval case is ${status}`);
  if (currentStep < 1 || currentStep > steps.length) {
    throw new Error(`no step ${currentStep} in a ${steps.length}-step workflow`);
  }
  if (currentStep === 1) return null;
  const toStepNo = currentStep - 1;
  const restarted = startStep(steps, toStepNo, today, addWorkingDays).map((s, i) =>
    i === currentStep - 1 ? { ...s, startedOn: null, dueDate: null } : s,
  );
  return { fromStepNo: currentStep, toStepNo, steps: restarted };
}

export interface ResumeOutcome {
  /** Working days in (startedOn, endedOn]: what the current step's clock (working days) did not run. */
  pausedWorkingDays: number;
  /** The case's clock: the unit its due date moved in. */
  caseClock: 'working' | 'natural';
  /** The days the case's own clock did not run, in that unit (= pausedWorkingDays for working days). */
  pausedCaseDays: number;
  steps: WorkflowStep[];
  stepDueDate: string | null;
  dueDate: string;
}

/**
 * The end of a 特别程序 (行政许可法 Art. 45: its time is not counted): no clock ran in (startedOn, endedOn].
 * Each due date moves in its own clock's unit. The current step's limit is in working days, so its due
 * date moves by the working days of the pause. The case's 承诺办结日期 moves in the case's promise unit
 * (`promiseUnit`): by the working days of the pause for 工作日, by its natural days otherwise.
 */
export function applyResume(
  steps: WorkflowStep[],
  currentStep: number,
  dueDate: string,
  startedOn: string,
  endedOn: string,
  cal: { addWorkingDays: AddWorkingDays; workingDaysBetween: (a: string, b: string) => number },
  promiseUnit: string | null = null,
): ResumeOutcome {
  const paused = endedOn > startedOn ? cal.workingDaysBetween(startedOn, endedOn) : 0;
  const moved = steps.map((s, i) =>
    i === currentStep - 1 && s.dueDate ? { ...s, dueDate: cal.addWorkingDays(s.dueDate, paused) } : s,
  );
  const caseClock = caseClockOf(promiseUnit);
  const pausedCaseDays = caseClock === 'working' ? paused : naturalDaysBetween(startedOn, endedOn);
  return {
    pausedWorkingDays: paused,
    caseClock,
    pausedCaseDays,
    steps: moved,
    stepDueDate: moved[currentStep - 1]?.dueDate ?? null,
    dueDate:
      caseClock === 'working' ? cal.addWorkingDays(dueDate, paused) : addNaturalDays(dueDate, pausedCaseDays),
  };
}

export interface PauseCap {
  /** The last day the pause is credited: the actual end, at most startedOn + the type's maximum. */
  creditedEnd: string;
  /** startedOn + the type's maximum (working days): the latest end the type allows. */
  latestEnd: string;
  /** Working days in (latestEnd, endedOn]: the overrun, counted against the promise (0 within). */
  overrunWorkingDays: number;
}

/**
 * The 特别程序 maximum at the end: the clock pause credited stops at the latest end the type allows
 * (startedOn + `maxWorkdays` working days, the bound checked at start); time beyond it counts against
 * the promise and is reported as the overrun.
 */
export function capPause(
  startedOn: string,
  endedOn: string,
  maxWorkdays: number,
  cal: { addWorkingDays: AddWorkingDays; workingDaysBetween: (a: string, b: string) => number },
): PauseCap {
  const latestEnd = cal.addWorkingDays(startedOn, maxWorkdays);
  if (endedOn <= latestEnd) return { creditedEnd: endedOn, latestEnd, overrunWorkingDays: 0 };
  return {
    creditedEnd: latestEnd,
    latestEnd,
    overrunWorkingDays: cal.workingDaysBetween(latestEnd, endedOn),
  };
}
