import { EntityManager } from 'typeorm';
import { TimelineEntryEntity } from './entities/timeline-entry.entity';

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

export async function addTimeline(
  em: EntityManager,
  caseNo: string,
  action: TimelineAction,
  occurredAt: Date,
  opts: { actor?: string | null; detail?: Record<string, unknown>; sourceEventId?: string } = {},
): Promise<void> {
  const [zh, en] = TIMELINE_TITLES[action];
  await em.save(TimelineEntryEntity, {
    caseNo,
    action,
    titleZh: zh,
    titleEn: en,
    actor: opts.actor ?? null,
    detail: opts.detail ?? {},
    occurredAt,
    sourceEventId: opts.sourceEventId ?? null,
  });
}
