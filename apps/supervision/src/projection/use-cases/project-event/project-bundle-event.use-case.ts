import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { AnyInbound } from '../../inbound';
import { BundleRepository } from '../../repositories/bundle.repository';

export type BundleTopic =
  | typeof TOPICS.BUNDLE_SUBMITTED
  | typeof TOPICS.BUNDLE_COMPLETED
  | typeof TOPICS.BUNDLE_PARTIALLY_COMPLETED
  | typeof TOPICS.BUNDLE_FAILED
  | typeof TOPICS.BUNDLE_WITHDRAWN;

/** Projects 一件事 bundles: when they were filed, how they ended, and each member's run (for the time saved). */
@Injectable()
export class ProjectBundleEventUseCase {
  constructor(private readonly bundles: BundleRepository) {}

  async execute(em: EntityManager, e: AnyInbound<BundleTopic>): Promise<void> {
    switch (e.topic) {
      case TOPICS.BUNDLE_SUBMITTED: {
        const p = e.payload;
        await this.bundles.submitted(em, {
          bundleNo: p.bundleNo,
          definitionCode: p.definitionCode,
          definitionName: p.definitionName,
          deptCodes: [...new Set(p.members.map((m) => m.deptCode))],
          itemCodes: [...new Set(p.members.map((m) => m.itemCode))],
          submittedAt: new Date(p.submittedAt),
        });
        return;
      }
      case TOPICS.BUNDLE_COMPLETED:
      case TOPICS.BUNDLE_PARTIALLY_COMPLETED:
      case TOPICS.BUNDLE_FAILED:
      case TOPICS.BUNDLE_WITHDRAWN: {
        const p = e.payload;
        await this.bundles.ended(em, {
          bundleNo: p.bundleNo,
          definitionCode: p.definitionCode,
          definitionName: p.definitionName,
          state: p.state,
          endedAt: new Date(p.endedAt),
          members: p.members.map((m) => ({
            itemCode: m.itemCode,
            deptCode: m.deptCode,
            outcome: m.outcome,
            caseNo: m.caseNo ?? null,
            startedAt: m.startedAt ?? null,
            endedAt: m.endedAt ?? null,
          })),
        });
        return;
      }
    }
  }
}
