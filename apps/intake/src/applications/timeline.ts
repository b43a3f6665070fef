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
  SUPPLEMENT_REQUESTED: ['补正告知 (一次性告知)', 'Supplement requested (one notice)'],
  SUPPLEMENTED: ['申请人已补正材料', 'Materials supplemented'],
  SUPPLEMENT_EXPIRED: ['逾期未补正, 退件', 'Returned: supplement deadline missed'],
  WITHDRAWN: ['申请人撤回申请', 'Withdrawn by the applicant'],
  REFUSAL_PROPOSED: ['拟不予受理 (待首席代表审核)', 'Refusal proposed (awaiting the chief)'],
  REFUSAL_OVERTURNED: ['首席代表否决不予受理意见', 'Refusal proposal overturned by the chief'],
  SPECIAL_PROCEDURE_STARTED: ['特别程序开始', 'Special procedure started'],
  SPECIAL_PROCEDURE_ENDED: ['特别程序结束', 'Special procedure ended'],
  FEEDBACK_RAISED: ['办不成事反映', 'Cannot-get-done feedback raised'],
  FEEDBACK_ANSWERED: ['办不成事答复', 'Feedback answered'],
  DEEMED_ACCEPTED: ['逾期未告知，视为受理', 'Deemed accepted (Art. 32)'],
} as const;
export type TimelineAction = keyof typeof TIMELINE_TITLES;
