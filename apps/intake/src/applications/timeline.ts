/** Timeline actions of a case and their titles (中文, English); entries are written by CaseRepository. */
export const TIMELINE_TITLES = {
  SUBMITTED: ['申请已提交', 'Application submitted'],
  ACCEPTED: ['已受理', 'Accepted'],
  NOT_ACCEPTED: ['不予受理', 'Not accepted'],
  APPROVAL_OPENED: ['进入审批', 'Approval opened'],
  STEP_COMPLETED: ['审批环节办理', 'Approval step completed'],
  APPROVED: ['准予许可', 'Approved'],
  DENIED: ['不予许可', 'Denied'],
  LICENCE_ISSUED: ['电子证照已签发', 'Licence issued'],
  DONE: ['已办结', 'Completed'],
} as const;
export type TimelineAction = keyof typeof TIMELINE_TITLES;
