import { CaseEntity, proStatusOf } from './entities/case.entity';
import { TimelineEntryEntity } from './entities/timeline-entry.entity';

/** What the API shows of a case: the applicant's certificate number only masked. */
export function toCaseView(c: CaseEntity) {
  return {
    caseNo: c.caseNo,
    status: c.status,
    proStatus: proStatusOf(c.status),
    item: { code: c.itemCode, name: c.itemName, taskType: c.taskType, projectType: c.projectType },
    department: { code: c.deptCode, name: c.deptName },
    applicant: {
      userProp: c.applicantUserProp,
      name: c.applicantName,
      certType: c.applicantCertType,
      certNo: c.applicantCertMasked,
    },
    formData: c.formData,
    materials: c.materials,
    submitChannel: c.submitChannel,
    submittedAt: c.submittedAt.toISOString(),
    acceptance: c.acceptedAt
      ? {
          acceptDocNo: c.acceptDocNo,
          acceptedAt: c.acceptedAt.toISOString(),
          acceptedBy: c.acceptedBy,
          promiseDate: c.promiseDate,
        }
      : null,
    notAcceptedReason: c.notAcceptedReason,
    done: c.doneAt ? { doneResult: c.doneResult, doneAt: c.doneAt.toISOString() } : null,
    licenceId: c.licenceId,
  };
}

export function toTimelineView(t: TimelineEntryEntity) {
  return {
    action: t.action,
    title: { zh: t.titleZh, en: t.titleEn },
    actor: t.actor,
    detail: t.detail,
    occurredAt: t.occurredAt.toISOString(),
  };
}
