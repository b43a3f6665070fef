import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { canTransition } from '../../../applications/case-state';
import {
  DONE_WITHDRAWN,
  WithdrawApplicationUseCase,
} from '../../../applications/use-cases/withdraw-application/withdraw-application.use-case';
import { BundleEvents } from '../../bundle-events';
import { BundlesPolicy } from '../../bundles.policy';
import { BundleView } from '../../dto/bundle.response.dto';
import { BUNDLE_STATUS } from '../../entities/bundle.entity';
import { BundleRepository } from '../../repositories/bundle.repository';

export interface WithdrawBundleCommand {
  user: Principal;
  bundleNo: string;
  reason?: string;
}

/**
 * 撤回 of a whole bundle by its applicant, in ONE transaction: every running member that may still be
 * withdrawn is withdrawn through the ordinary 撤回 (作废办结, its own events), members not started are
 * cancelled, and the bundle ends WITHDRAWN (intake.bundle.withdrawn). Members already decided (approved,
 * done) keep their result. Nothing left to withdraw or cancel is 409.
 */
@Injectable()
export class WithdrawBundleUseCase {
  constructor(
    private readonly bundles: BundleRepository,
    private readonly policy: BundlesPolicy,
    private readonly withdraw: WithdrawApplicationUseCase,
    private readonly events: BundleEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute({ user, bundleNo, reason }: WithdrawBundleCommand): Promise<BundleView> {
    const view = await this.bundles.inTransaction(undefined, async (em) => {
      const b = await this.bundles.lock(em, bundleNo);
      this.policy.assertIsOwner(user, b);
      if (b.status !== BUNDLE_STATUS.IN_PROGRESS) {
        throw new DomainError('INVALID_STATE', '一件事已结束 / The bundle has ended', { status: b.status });
      }
      const statuses = await this.bundles.caseStatuses(
        b.members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])),
        em,
      );
      const now = new Date();
      const why = reason ?? null;
      let changed = 0;
      for (const m of b.members) {
        if (m.outcome === 'PENDING') {
          Object.assign(m, {
            outcome: 'CANCELLED',
            reason: '一件事已撤回 / the bundle was withdrawn',
            endedAt: now,
          });
        } else if (
          m.outcome === 'STARTED' &&
          m.caseNo &&
          canTransition(statuses.get(m.caseNo)!, 'withdraw')
        ) {
          await this.withdraw.execute({ user, caseNo: m.caseNo, reason: why ?? '一件事撤回' }, em);
          Object.assign(m, {
            outcome: 'WITHDRAWN',
            doneResult: DONE_WITHDRAWN,
            reason: '一件事已撤回 / the bundle was withdrawn',
            endedAt: now,
          });
        } else continue;
        changed++;
        await this.bundles.saveMember(em, m);
      }
      if (changed === 0) {
        throw new DomainError('INVALID_STATE', '没有可撤回的事项 / No member can be withdrawn any more', {
          bundleNo,
        });
      }
      Object.assign(b, {
        status: BUNDLE_STATUS.WITHDRAWN,
        statusReason: why ?? '申请人撤回 / withdrawn by the applicant',
        endedAt: now,
      });
      await this.bundles.save(em, b);
      await this.events.ended(em, b, 'WITHDRAWN');
      const after = await this.bundles.caseStatuses(
        b.members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])),
        em,
      );
      return BundleView.from(b, after, { full: true });
    });
    this.relay.poke();
    return view;
  }
}
