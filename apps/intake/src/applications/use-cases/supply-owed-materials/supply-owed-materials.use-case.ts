import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseEvents } from '../../case-events';
import { CaseView } from '../../dto/case.response.dto';
import { CASE_STATUS, CaseEntity, SubmittedMaterial } from '../../entities/case.entity';
import { checkOwedSupply, outstanding } from '../../obligations';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository } from '../../repositories/case.repository';
import { ObligationsRepository } from '../../repositories/obligations.repository';
import { visitOf } from '../../visits';

export interface SupplyOwedMaterialsCommand {
  user: Principal;
  caseNo: string;
  materials: SubmittedMaterial[];
  /** 申报方式 of this delivery: 0 窗口 counts a visit (到现场次数). */
  channel?: string;
  /** The moment of the supply (tests); now by default. */
  now?: Date;
}

/** Statuses in which owed materials can still be brought: accepted, before the case is done. */
const SUPPLIABLE: CaseEntity['status'][] = [
  CASE_STATUS.ACCEPTED,
  CASE_STATUS.IN_APPROVAL,
  CASE_STATUS.APPROVED,
];

/**
 * 容缺: the applicant who filed the case brings some or all of its outstanding owed materials, each once,
 * each by its due date. The case's material list keeps them; the owed-materials-supplied event tells
 * approval what is still outstanding (its last step waits until nothing is).
 */
@Injectable()
export class SupplyOwedMaterialsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly obligations: ObligationsRepository,
    private readonly life: CaseLifeRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: SupplyOwedMaterialsCommand): Promise<CaseView> {
    const view = await this.cases.inTransaction(undefined, async (em) => {
      const c = await this.supply(em, cmd);
      return CaseView.from(c, await this.life.read(c.caseNo, em));
    });
    this.relay.poke();
    return view;
  }

  private async supply(em: EntityManager, cmd: SupplyOwedMaterialsCommand): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, cmd.caseNo);
    this.policy.assertIsOwner(cmd.user, c);
    const owed = await this.obligations.owed(c.caseNo, em);
    if (!SUPPLIABLE.includes(c.status) || outstanding(owed).length === 0) {
      throw new DomainError('INVALID_STATE', undefined, {
        status: c.status,
        action: 'supplyOwedMaterials',
        outstanding: outstanding(owed).map((o) => o.code),
      });
    }
    const now = cmd.now ?? new Date();
    const rows = checkOwedSupply(owed, cmd.materials, now);
    const byCode = new Map(cmd.materials.map((m) => [m.code, m]));
    for (const o of rows) {
      o.suppliedAt = now;
      o.fileName = byCode.get(o.code)!.fileName;
    }
    await this.obligations.saveOwed(em, rows);
    c.materials = [...c.materials.filter((m) => !byCode.has(m.code)), ...cmd.materials];
    c.visits += visitOf(cmd.channel);
    await this.cases.save(em, c);
    const supplied = rows.map((o) => o.code);
    const left = outstanding(owed).map((o) => o.code);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'OWED_MATERIALS_SUPPLIED',
      occurredAt: now,
      actor: c.applicantName,
      detail: { materials: supplied, outstanding: left },
    });
    await this.events.owedSupplied(em, c, supplied, left, now);
    return c;
  }
}
