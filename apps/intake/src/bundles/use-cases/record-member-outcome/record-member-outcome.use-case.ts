import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BundleAdvancer } from '../../bundle-advancer';
import { doneResultName, outcomeOfDoneResult } from '../../bundle-progress';
import { BundleRepository } from '../../repositories/bundle.repository';

export interface RecordMemberOutcomeCommand {
  caseNo: string;
  /** 办结结果 of the case */
  doneResult: string;
  licenceId: string | null;
  completedAt: Date;
}

/**
 * A member case is done (intake.case.completed): its outcome is recorded on the bundle and the bundle
 * moves on (dependents start, or are cancelled; the bundle may end), in the event's transaction. A case
 * filed on its own, or a member already recorded (the bundle withdrew it), changes nothing: a redelivery
 * creates nothing twice (members start only from PENDING, under the bundle's lock).
 */
@Injectable()
export class RecordMemberOutcomeUseCase {
  constructor(
    private readonly bundles: BundleRepository,
    private readonly advancer: BundleAdvancer,
  ) {}

  async execute(cmd: RecordMemberOutcomeCommand, em: EntityManager): Promise<void> {
    const b = await this.bundles.lockOfCase(em, cmd.caseNo);
    if (!b) return;
    const m = b.members.find((x) => x.caseNo === cmd.caseNo);
    if (!m || m.outcome !== 'STARTED') return;
    const outcome = outcomeOfDoneResult(cmd.doneResult);
    Object.assign(m, {
      outcome,
      doneResult: cmd.doneResult,
      licenceId: cmd.licenceId,
      endedAt: cmd.completedAt,
      reason: outcome === 'COMPLETED' ? null : `办结结果 ${cmd.doneResult} ${doneResultName(cmd.doneResult)}`,
    });
    await this.bundles.saveMember(em, m);
    await this.advancer.advance(em, b, { strict: false });
  }
}
