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
