import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LICENCE_STATUS } from '../../entities/licence.entity';
import { LicenceRepository } from '../../repositories/licence.repository';

export interface RevokeLicenceCommand {
  caseNo: string;
  /** The licence intake knows of; every licence of the case is revoked either way. */
  licenceId?: string | null;
  reason: string;
  at: Date;
}

/** What a revocation did: the identifiers it revoked now (empty when none was still ISSUED). */
export interface RevokeLicenceOutcome {
  revoked: string[];
  alreadyRevoked: string[];
}

/**
 * 注销 of a case's licences (告知承诺制: the 事后核查 failed), inside the consumer's inbox transaction. Every
 * ISSUED licence of the case becomes REVOKED with the time and reason; its file and signature stay (the
 * record is evidence), and verification then answers REVOKED. Idempotent by state as well as by event id:
 * a licence already revoked keeps its first revocation. A case without a licence (an item that yields
 * none) revokes nothing and is logged.
 */
@Injectable()
export class RevokeLicenceUseCase {
  private readonly logger = new Logger(RevokeLicenceUseCase.name);

  constructor(private readonly licences: LicenceRepository) {}

  async execute(em: EntityManager, c: RevokeLicenceCommand): Promise<RevokeLicenceOutcome> {
    const all = await this.licences.forCaseForUpdate(em, c.caseNo);
    const out: RevokeLicenceOutcome = { revoked: [], alreadyRevoked: [] };
    for (const l of all) {
      if (l.status === LICENCE_STATUS.REVOKED) {
        out.alreadyRevoked.push(l.licenceId);
        continue;
      }
      l.status = LICENCE_STATUS.REVOKED;
      l.revokedAt = c.at;
      l.revocationReason = c.reason;
      await this.licences.saveState(em, l);
      out.revoked.push(l.licenceId);
    }
    if (all.length === 0) {
      this.logger.warn(
        { caseNo: c.caseNo, licenceId: c.licenceId },
        'revocation of a case without a licence',
      );
    } else {
      this.logger.log({ caseNo: c.caseNo, ...out }, 'licences revoked (post-check failed)');
    }
    return out;
  }
}
