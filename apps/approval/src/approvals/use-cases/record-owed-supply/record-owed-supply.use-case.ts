import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationOwedMaterialsSuppliedV1 } from '@app/shared/contracts';
import { APPROVAL_STATUS } from '../../entities/approval-case.entity';
import { outstandingOwed, OWED_COMPLETE_OPINION } from '../../owed-materials';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { SYSTEM_ACTOR } from '../open-approval/open-approval.use-case';

export type RecordOwedSupplyOutcome = 'RECORDED' | 'NOT_OPENED' | 'NOTHING_NEW';

/**
 * 容缺: intake reports owed materials supplied (intake.application.owed-materials-supplied.v1). Runs in the
 * consumer's inbox transaction, under the case-number lock the acceptance also takes:
 * - the case is open: each named material is marked supplied (audited OWED_SUPPLIED); a stepless case
 *   (即办, 告知承诺) waiting only for them is then approved by the system;
 * - approval has not opened the case yet (the two topics are not ordered): the supply is remembered and
 *   applied when the acceptance opens it;
 * - a material already marked changes nothing (redelivery under another id, a repeated report).
 */
@Injectable()
export class RecordOwedSupplyUseCase {
  private readonly logger = new Logger(RecordOwedSupplyUseCase.name);

  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly close: CloseApprovalUseCase,
  ) {}

  async execute(em: EntityManager, e: ApplicationOwedMaterialsSuppliedV1): Promise<RecordOwedSupplyOutcome> {
    await this.cases.lockCaseNo(em, e.caseNo);
    const a = await this.cases.findForUpdate(em, e.caseNo);
    const at = new Date(e.suppliedAt);
    if (!a) {
      await this.cases.rememberOwedSupplies(em, e.caseNo, e.materials, at);
      this.logger.log({ caseNo: e.caseNo }, 'owed materials supplied before approval opened the case');
      return 'NOT_OPENED';
    }
    const newly = a.owedMaterials.filter((o) => o.suppliedAt === null && e.materials.includes(o.code));
    if (newly.length === 0) return 'NOTHING_NEW';
    a.owedMaterials = a.owedMaterials.map((o) =>
      newly.includes(o) ? { ...o, suppliedAt: at.toISOString() } : o,
    );
    await this.cases.save(em, a);
    await this.cases.appendAudit(em, a, {
      action: 'OWED_SUPPLIED',
      stepNo: a.status === APPROVAL_STATUS.OPEN ? a.currentStep : null,
      actor: SYSTEM_ACTOR,
      opinion: `容缺材料已补交 / owed materials supplied: ${newly.map((o) => o.code).join(', ')}`,
      at,
    });
    if (a.status === APPROVAL_STATUS.OPEN && a.steps.length === 0 && outstandingOwed(a).length === 0) {
      await this.close.execute(em, a, {
        decision: 'approve',
        opinion: OWED_COMPLETE_OPINION,
        actor: SYSTEM_ACTOR,
        at: new Date(),
      });
    }
    return 'RECORDED';
  }
}
