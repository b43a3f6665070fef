import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { EscalationView } from '../../dto/escalation.dto';
import { ESCALATION_STATUS } from '../../entities/escalation.entity';
import { EscalationRepository } from '../../escalation.repository';
import { EscalationsPolicy } from '../../escalations.policy';

/** 签收: the department head takes an OPEN 督办 item on (409 INVALID_STATE otherwise); audited. */
@Injectable()
export class AcknowledgeEscalationUseCase {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly policy: EscalationsPolicy,
  ) {}

  async execute(user: Principal, id: string, comment?: string): Promise<EscalationView> {
    const now = new Date();
    const x = await this.escalations.transaction(async (em) => {
      const item = this.policy.answerable(user, await this.escalations.lock(em, id), id);
      if (item.status !== ESCALATION_STATUS.OPEN) {
        throw new DomainError('INVALID_STATE', undefined, {
          status: item.status,
          allowedFrom: [ESCALATION_STATUS.OPEN],
        });
      }
      item.status = ESCALATION_STATUS.ACKNOWLEDGED;
      item.acknowledgedAt = now;
      item.acknowledgedBy = user.sub;
      await this.escalations.save(em, item);
      await this.escalations.audit(em, {
        escalationId: id,
        action: 'ACKNOWLEDGED',
        actorSub: user.sub,
        actorName: user.name ?? null,
        comment: comment?.trim() || null,
        at: now,
      });
      return item;
    });
    return EscalationView.of(x, await this.escalations.auditOf(id));
  }
}
