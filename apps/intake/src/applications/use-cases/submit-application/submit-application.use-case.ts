import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { requestHash } from '@app/shared/http';
import { keyedHash } from '@app/shared/identifiers';
import { OutboxRelay } from '@app/shared/kafka';
import { CatalogService } from '../../../catalog/catalog.service';
import { MaterialSpec, ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { IntakeConfig } from '../../../config/intake.config';
import { acceptedByRule, RULE_ACCEPTOR } from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { COMMITMENT_ACCEPTOR } from '../../obligations';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { SubmitApplicationDto } from '../../dto/submit-application.request.dto';
import { CASE_STATUS, CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';
import {
  PRE_REVIEW_ISSUER,
  PRE_REVIEW_MISSING_REASON,
  RequestSupplementUseCase,
} from '../request-supplement/request-supplement.use-case';
import { checkApplicant, checkForm, preReviewNeeded } from './submission-rules';
import { visitOf } from '../../visits';

export interface SubmitApplicationCommand {
  user: Principal;
  dto: SubmitApplicationDto;
  /** The client's Idempotency-Key, already parsed. */
  idempotencyKey?: string;
}

export interface SubmitApplicationResult {
  view: CaseView;
  /** True when an earlier submission with the same key is returned instead of a new case. */
  replayed: boolean;
}

interface Submission {
  cmd: SubmitApplicationCommand;
  item: ServiceItemEntity;
  cert: { certNo: string; masked: string };
  hash: string | null;
  /** 网上预审: the required materials an online submission lacks (the 一次性告知 names them all). */
  preReview: MaterialSpec[];
}

/** The remark of a 预审 notice. */
export const PRE_REVIEW_REMARK =
  '网上预审: 申请材料不齐全, 请一次性补齐以下材料 / Online pre-review: supply all the materials below at once';

/**
 * 收件: validates, numbers and stores the case with its submitted event in one transaction. An online
 * submission that lacks required materials is received too, and the system's 预审 issues the 一次性告知 in
 * that same transaction (the clerk's 补正 use case: one numbered notice naming every missing material
 * with its reason, SUPPLEMENT_REQUIRED, clock paused, the same events). A 即办件
 * submitted online with every required material is accepted by rule in that same transaction (受理 by
 * the system, 承诺办结日期 today, the accepted event too); at the window the clerk accepts it. With an
 * Idempotency-Key a retry (after a timeout, a double click, a concurrent duplicate) returns the case the
 * first call created (`replayed: true`) instead of creating another.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly catalog: CatalogService,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly config: IntakeConfig,
    private readonly accept: AcceptApplicationUseCase,
    private readonly supplement: RequestSupplementUseCase,
    private readonly life: CaseLifeRepository,
  ) {}

  /** With `em` (a bundle filing its members) the case is created in the caller's transaction. */
  async execute(cmd: SubmitApplicationCommand, em?: EntityManager): Promise<SubmitApplicationResult> {
    const { user, dto, idempotencyKey } = cmd;
    const hash = idempotencyKey ? requestHash(dto) : null;
    if (idempotencyKey && hash) {
      const earlier = await this.earlierSubmission(user, idempotencyKey, hash);
      if (earlier) return { view: CaseView.from(earlier), replayed: true };
    }
    const item = await this.catalog.getPublished(dto.itemCode);
    const cert = checkApplicant(dto.applicant, item);
    const missing = checkForm(dto, item, dto.commitment?.materials ?? []);
    const preReview = preReviewNeeded(dto, item, missing) ? missing : [];
    let saved: CaseEntity;
    try {
      saved = await this.insertCase({ cmd, item, cert, hash, preReview }, em);
    } catch (e) {
      // Two requests with one key at the same time: the loser waited on the unique index and failed.
      const constraint = (e as { driverError?: { constraint?: string } }).driverError?.constraint;
      if (idempotencyKey && hash && constraint === 'cases_idempotency_uq') {
        const earlier = await this.earlierSubmission(user, idempotencyKey, hash);
        if (earlier) return { view: CaseView.from(earlier), replayed: true };
      }
      throw e;
    }
    if (!em) this.relay.poke();
    // After a 预审 the answer carries the notice (its number, materials and deadline), as the clerk's does.
    const life = preReview.length > 0 ? await this.life.read(saved.caseNo, em) : undefined;
    return { view: CaseView.from(saved, life), replayed: false };
  }

  /** The case an earlier call with this key created; IDEMPOTENCY_KEY_REUSED when its body differed. */
  private async earlierSubmission(
    user: Principal,
    key: string,
    hash: string,
  ): Promise<CaseEntity | undefined> {
    const earlier = await this.cases.findBySubmission(user.sub, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', undefined, { caseNo: earlier.caseNo });
    }
    return earlier;
  }

  private async insertCase(
    { cmd, item, cert, hash, preReview }: Submission,
    outer?: EntityManager,
  ): Promise<CaseEntity> {
    const { user, dto } = cmd;
    const now = new Date();
    // The number before the transaction (committed at once, CaseRepository.nextCaseNo); a bundle's inside it.
    const taken = outer ? undefined : await this.cases.nextCaseNo(now);
    return this.cases.inTransaction(outer, async (em) => {
      const caseNo = taken ?? (await this.cases.nextCaseNo(now, em));
      const c = await this.cases.insert(em, {
        caseNo,
        itemId: item.id,
        itemCode: item.taskCode,
        itemName: item.name,
        deptCode: item.deptCode,
        deptName: item.deptName,
        taskType: item.taskType,
        projectType: item.projectType,
        applicantSub: user.sub,
        applicantUserProp: dto.applicant.userProp,
        applicantName: dto.applicant.name,
        applicantCertType: dto.applicant.certType,
        applicantCertNo: cert.certNo,
        applicantCertMasked: cert.masked,
        applicantCertHash: keyedHash(this.config.PII_HASH_KEY, cert.certNo),
        contactPhone: dto.applicant.phone ?? null,
        formData: dto.formData,
        materials: dto.materials,
        submitChannel: dto.submitChannel ?? '1',
        visits: visitOf(dto.submitChannel),
        visitLimit: item.visitCount,
        status: CASE_STATUS.SUBMITTED,
        submittedAt: now,
        idempotencyKey: cmd.idempotencyKey ?? null,
        requestHash: hash,
      });
      await this.cases.appendTimeline(em, caseNo, {
        action: 'SUBMITTED',
        occurredAt: now,
        actor: c.applicantName,
      });
      await this.events.submitted(em, c);
      if (preReview.length > 0) {
        // 网上预审: the 一次性告知 by rule, through the clerk's 补正 path (never with a commitment).
        return this.supplement.requestLocked(em, c, {
          materials: preReview.map((m) => ({ code: m.code, reason: PRE_REVIEW_MISSING_REASON })),
          remark: PRE_REVIEW_REMARK,
          issuedBy: PRE_REVIEW_ISSUER,
          preReview: true,
        });
      }
      if (dto.commitment) {
        // 告知承诺制: accepted on the spot on the signed commitment, approval decides at once.
        return this.accept.acceptLocked(em, c, nextStatus(c.status, 'accept'), COMMITMENT_ACCEPTOR, null, {
          commitment: {
            statement: dto.commitment.statement,
            signerName: dto.commitment.signerName,
            signedAt: new Date(dto.commitment.signedAt),
            materials: dto.commitment.materials,
          },
        });
      }
      if (!acceptedByRule(c, item)) return c;
      return this.accept.acceptLocked(em, c, nextStatus(c.status, 'accept'), RULE_ACCEPTOR, null);
    });
  }
}
