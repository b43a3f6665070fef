import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { EscalationView } from '../../dto/escalation.dto';
import { ESCALATION_STATUS } from '../../entities/escalation.entity';
import { EscalationRepository } from '../../escalation.repository';
import { EscalationsPolicy } from '../../escalations.policy';

/**
 * 办结督办: the department head closes an OPEN or ACKNOWLEDGED 督办 item with what was done (a comment is
 * required); a resolved item is final (409 INVALID_STATE). Audited. If the clock is still red, the next red
 * transition of that clock opens a new item.
 */
@Injectable()
export class ResolveEscalationUseCase {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly policy: EscalationsPolicy,
  ) {}

  async execute(user: Principal, id: string, comment: string): Promise<EscalationView> {
    const now = new Date();
    const resolution = comment.trim();
    if (resolution.length < 2) {
      throw new DomainError('VALIDATION_FAILED', undefined, {
        comment: 'a resolution comment of at least 2 characters is required',
      });
    }
    const x = await this.escalations.transaction(async (em) => {
      const item = this.policy.answerable(user, await this.escalations.lock(em, id), id);
      if (item.status === ESCALATION_STATUS.RESOLVED) {
        throw new DomainError('INVALID_STATE', undefined, {
          status: item.status,
          allowedFrom: [ESCALATION_STATUS.OPEN, ESCALATION_STATUS.ACKNOWLEDGED],
        });
      }
      item.status = ESCALATION_STATUS.RESOLVED;
      item.resolvedAt = now;
      item.resolvedBy = user.sub;
      item.resolution = resolution;
      await this.escalations.save(em, item);
      await this.escalations.audit(em, {
        escalationId: id,
        action: 'RESOLVED',
        actorSub: user.sub,
        actorName: user.name ?? null,
        comment: resolution,
        at: now,
      });
      return item;
    });
    return EscalationView.of(x, await this.escalations.auditOf(id));
  }
}
