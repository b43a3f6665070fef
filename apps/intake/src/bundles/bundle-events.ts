import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BundleEndState, TOPICS, TopicPayloads } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { eventApplicant } from '../applications/case-events';
import { BundleMemberEntity } from './entities/bundle-member.entity';
import { BundleEntity } from './entities/bundle.entity';

const END_TOPICS = {
  COMPLETED: TOPICS.BUNDLE_COMPLETED,
  PARTIALLY_COMPLETED: TOPICS.BUNDLE_PARTIALLY_COMPLETED,
  FAILED: TOPICS.BUNDLE_FAILED,
  WITHDRAWN: TOPICS.BUNDLE_WITHDRAWN,
} as const satisfies Record<BundleEndState, string>;

const memberRef = (m: BundleMemberEntity) => ({
  itemCode: m.itemCode,
  itemName: m.itemName,
  deptCode: m.deptCode,
  deptName: m.deptName,
  dependsOn: m.dependsOn,
});

/** The bundle's end: every member's outcome and the combined result (all licences). */
export function endedEvent(
  b: BundleEntity,
  state: BundleEndState,
): TopicPayloads[typeof TOPICS.BUNDLE_COMPLETED] {
  return {
    bundleNo: b.bundleNo,
    definitionCode: b.definitionCode,
    definitionName: b.definitionName,
    state,
    reason: b.statusReason ?? '',
    members: b.members.map((m) => ({
      itemCode: m.itemCode,
      itemName: m.itemName,
      deptCode: m.deptCode,
      outcome: m.outcome,
      caseNo: m.caseNo,
      doneResult: m.doneResult,
      licenceId: m.licenceId,
      startedAt: m.startedAt?.toISOString() ?? null,
      endedAt: m.endedAt?.toISOString() ?? null,
    })),
    licenceIds: b.members.flatMap((m) => (m.licenceId ? [m.licenceId] : [])),
    endedAt: (b.endedAt ?? new Date()).toISOString(),
  };
}

/** Writes a bundle's events into the outbox, in the caller's transaction; keyed by 一件事编号 (one partition). */
@Injectable()
export class BundleEvents {
  constructor(private readonly outbox: OutboxService) {}

  async submitted(em: EntityManager, b: BundleEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.BUNDLE_SUBMITTED, b.bundleNo, {
      bundleNo: b.bundleNo,
      definitionCode: b.definitionCode,
      definitionName: b.definitionName,
      applicant: eventApplicant(b),
      enterpriseUscc: b.enterpriseUscc,
      members: b.members.map(memberRef),
      submittedAt: b.submittedAt.toISOString(),
    });
  }

  async memberStarted(em: EntityManager, b: BundleEntity, m: BundleMemberEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.BUNDLE_MEMBER_STARTED, b.bundleNo, {
      ...memberRef(m),
      bundleNo: b.bundleNo,
      definitionCode: b.definitionCode,
      caseNo: m.caseNo ?? '',
      startedAt: (m.startedAt ?? new Date()).toISOString(),
    });
  }

  async ended(em: EntityManager, b: BundleEntity, state: BundleEndState): Promise<void> {
    await this.outbox.add(em, END_TOPICS[state], b.bundleNo, endedEvent(b, state));
  }
}
