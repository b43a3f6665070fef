import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { EventApplicant, TOPICS, TopicPayloads } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { ServiceItemEntity } from '../catalog/entities/service-item.entity';
import { CaseEntity } from './entities/case.entity';
import { SupplementNoticeEntity } from './entities/supplement-notice.entity';
import { CommitmentEntity } from './entities/commitment.entity';
import { OwedMaterialEntity } from './entities/owed-material.entity';
import { PostCheckEntity } from './entities/post-check.entity';
import { acceptedMaterials } from './accepted-materials';

type ApplicantFields = Pick<
  CaseEntity,
  'applicantUserProp' | 'applicantName' | 'applicantCertType' | 'applicantCertMasked' | 'applicantCertHash'
>;

/** The event view of an applicant: a person's ID only masked, plus its keyed hash. */
export function eventApplicant(c: ApplicantFields): EventApplicant {
  return {
    userProp: c.applicantUserProp,
    name: c.applicantName,
    certType: c.applicantCertType,
    certMasked: c.applicantCertMasked,
    certHash: c.applicantCertHash,
  };
}

/** The case reference every case event starts with. */
export const caseRef = (c: CaseEntity) => ({
  caseNo: c.caseNo,
  itemCode: c.itemCode,
  itemName: c.itemName,
  deptCode: c.deptCode,
  deptName: c.deptName,
});

export function submittedEvent(c: CaseEntity): TopicPayloads[typeof TOPICS.APPLICATION_SUBMITTED] {
  return {
    ...caseRef(c),
    applicant: eventApplicant(c),
    submitChannel: c.submitChannel,
    projectType: c.projectType,
    submittedAt: c.submittedAt.toISOString(),
  };
}

/** What a 受理 may carry besides the case: 容缺 materials owed, or the commitment it was decided on. */
export interface AcceptedExtras {
  owed?: Array<Pick<OwedMaterialEntity, 'code' | 'name' | 'dueDate'>>;
  commitment?: Pick<CommitmentEntity, 'commitmentNo' | 'materials'> & { postCheckDueDate: string };
}

/**
 * 受理: with what approval and certificate need (the promise, and the licence to issue with its face), and
 * the materials filed with the application (the exchange's 材料目录). Every path that accepts (window,
 * overturned refusal, 即办, 告知承诺, bundle members) builds its event here.
 */
export function acceptedEvent(
  c: CaseEntity,
  item: ServiceItemEntity,
  extra: AcceptedExtras = {},
): TopicPayloads[typeof TOPICS.APPLICATION_ACCEPTED] {
  const faceFields = Object.fromEntries(
    item.formFields.filter((f) => f.onLicence && c.formData[f.key]).map((f) => [f.label, c.formData[f.key]]),
  );
  const materials = acceptedMaterials(c.materials ?? [], item.materials ?? []);
  return {
    ...caseRef(c),
    applicant: eventApplicant(c),
    taskType: c.taskType,
    projectType: c.projectType,
    acceptDocNo: c.acceptDocNo ?? `SL${c.caseNo}`,
    acceptedAt: (c.acceptedAt ?? new Date()).toISOString(),
    promiseDate: c.promiseDate ?? '',
    promiseLimit: item.promiseLimit,
    promiseUnit: item.promiseUnit,
    legalLimit: item.legalLimit,
    legalUnit: item.legalUnit,
    visitLimit: item.visitCount,
    licence:
      item.yieldsLicence && item.licenceTypeCode && item.licenceTypeName
        ? {
            typeCode: item.licenceTypeCode,
            typeName: item.licenceTypeName,
            validYears: item.licenceValidYears ?? undefined,
            faceFields,
          }
        : null,
    acceptedBy: c.acceptedBy ?? '',
    ...(materials.length > 0 ? { materials } : {}),
    ...(extra.owed && extra.owed.length > 0
      ? { owedMaterials: extra.owed.map(({ code, name, dueDate }) => ({ code, name, dueDate })) }
      : {}),
    ...(extra.commitment
      ? {
          commitment: {
            commitmentNo: extra.commitment.commitmentNo,
            materials: extra.commitment.materials.map((m) => m.code),
            postCheckDueDate: extra.commitment.postCheckDueDate,
          },
        }
      : {}),
  };
}

export function notAcceptedEvent(
  c: CaseEntity,
  decidedBy: string,
): TopicPayloads[typeof TOPICS.APPLICATION_NOT_ACCEPTED] {
  return {
    ...caseRef(c),
    reason: c.notAcceptedReason ?? '',
    decidedAt: (c.doneAt ?? new Date()).toISOString(),
    decidedBy,
  };
}

/** intake.case.completed of a case whose done fields are set. */
export function completedEvent(c: CaseEntity): TopicPayloads[typeof TOPICS.CASE_COMPLETED] {
  return {
    ...caseRef(c),
    doneResult: c.doneResult ?? '0',
    completedAt: (c.doneAt ?? new Date()).toISOString(),
    applicant: eventApplicant(c),
    applicantSub: c.applicantSub,
    projectType: c.projectType,
    licenceId: c.licenceId,
    visits: c.visits,
    ...(c.visitLimit !== null && c.visitLimit !== undefined ? { visitLimit: c.visitLimit } : {}),
  };
}

/** Writes a case's events into the outbox, in the caller's transaction; keyed by 办件编号 (one partition). */
@Injectable()
export class CaseEvents {
  constructor(private readonly outbox: OutboxService) {}

  async submitted(em: EntityManager, c: CaseEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_SUBMITTED, c.caseNo, submittedEvent(c));
  }

  async accepted(
    em: EntityManager,
    c: CaseEntity,
    item: ServiceItemEntity,
    extra: AcceptedExtras = {},
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_ACCEPTED, c.caseNo, acceptedEvent(c, item, extra));
  }

  /** 容缺: the applicant supplied owed materials; `outstanding` is what is still owed. */
  async owedSupplied(
    em: EntityManager,
    c: CaseEntity,
    supplied: string[],
    outstanding: string[],
    at: Date,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, c.caseNo, {
      ...caseRef(c),
      materials: supplied,
      outstanding,
      suppliedAt: at.toISOString(),
    });
  }

  /** 容缺: owed materials overdue, the case ended as 退件. */
  async owedOverdue(
    em: EntityManager,
    c: CaseEntity,
    overdue: OwedMaterialEntity[],
    previousStatus: string,
    at: Date,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, c.caseNo, {
      ...caseRef(c),
      materials: overdue.map(({ code, name, dueDate }) => ({ code, name, dueDate })),
      overdueAt: at.toISOString(),
      previousStatus,
      doneResult: c.doneResult ?? '5',
    });
  }

  /** 告知承诺: the 事后核查 was not recorded by its deadline. */
  async postCheckDue(em: EntityManager, c: CaseEntity, p: PostCheckEntity, at: Date): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_POST_CHECK_DUE, c.caseNo, {
      ...caseRef(c),
      postCheckNo: p.postCheckNo,
      commitmentNo: p.commitmentNo,
      dueDate: p.dueDate,
      flaggedAt: at.toISOString(),
    });
  }

  /** 告知承诺: the 事后核查 failed; certificate revokes the case's licence. */
  async postCheckFailed(em: EntityManager, c: CaseEntity, p: PostCheckEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_POST_CHECK_FAILED, c.caseNo, {
      ...caseRef(c),
      postCheckNo: p.postCheckNo,
      commitmentNo: p.commitmentNo,
      reason: p.resultReason ?? '',
      checkedBy: p.checkedBy ?? '',
      checkedAt: (p.checkedAt ?? new Date()).toISOString(),
      licenceId: c.licenceId,
    });
  }

  async notAccepted(em: EntityManager, c: CaseEntity, decidedBy: string): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, c.caseNo, notAcceptedEvent(c, decidedBy));
  }

  async completed(em: EntityManager, c: CaseEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_COMPLETED, c.caseNo, completedEvent(c));
  }

  /** A 补正 notice (一次性告知): a clerk's, or the online 预审's (`preReview`). */
  async supplementRequested(
    em: EntityManager,
    c: CaseEntity,
    n: SupplementNoticeEntity,
    preReview = false,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_SUPPLEMENT_REQUESTED, c.caseNo, {
      ...caseRef(c),
      noticeNo: n.noticeNo,
      seq: n.seq,
      materials: n.materials.map(({ code, name, reason }) => ({ code, name, reason })),
      requestedAt: n.issuedAt.toISOString(),
      requestedBy: n.issuedBy,
      dueDate: n.dueDate,
      ...(preReview ? { preReview: true } : {}),
    });
  }

  async supplemented(
    em: EntityManager,
    c: CaseEntity,
    n: SupplementNoticeEntity,
    pausedWorkingDays: number,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_SUPPLEMENTED, c.caseNo, {
      ...caseRef(c),
      noticeNo: n.noticeNo,
      materials: n.suppliedMaterials ?? [],
      suppliedAt: (n.suppliedAt ?? new Date()).toISOString(),
      pausedWorkingDays,
      totalPausedDays: c.pausedDays,
    });
  }

  async withdrawn(
    em: EntityManager,
    c: CaseEntity,
    previousStatus: string,
    reason: string | null,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_WITHDRAWN, c.caseNo, {
      ...caseRef(c),
      withdrawnAt: (c.doneAt ?? new Date()).toISOString(),
      previousStatus,
      reason,
    });
  }

  async refusalProposed(em: EntityManager, c: CaseEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_REFUSAL_PROPOSED, c.caseNo, {
      ...caseRef(c),
      reason: c.refusalReason ?? '',
      legalBasis: c.refusalLegalBasis ?? '',
      proposedAt: (c.refusalProposedAt ?? new Date()).toISOString(),
      proposedBy: c.refusalProposedBy ?? '',
    });
  }
}
