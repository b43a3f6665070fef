import type { WorkflowStep } from './entities/approval-case.entity';

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
