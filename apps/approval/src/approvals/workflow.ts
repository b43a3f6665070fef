import type { WorkflowStep } from './entities/approval-case.entity';

/** 承诺件: 承办 → 审核 → 批准 (≤ 3 steps, DESIGN.md §3). 即办件 closes at once. */
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
  /** OPEN while steps remain; APPROVED after the last approval; DENIED on any denial. */
  status: 'OPEN' | 'APPROVED' | 'DENIED';
  nextStep: number;
}

/** Pure transition of an open approval case on a decision; throws for a closed case. */
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
  if (decision === 'deny') return { stepNo: currentStep, step, status: 'DENIED', nextStep: currentStep };
  const last = currentStep === steps.length;
  return {
    stepNo: currentStep,
    step,
    status: last ? 'APPROVED' : 'OPEN',
    nextStep: last ? currentStep : currentStep + 1,
  };
}
