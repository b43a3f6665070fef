import {
  ApplicationAcceptedV1,
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  ApplicationSupplementRequestedV1,
  ApprovalCaseResumedV1,
  ApprovalCaseSuspendedV1,
  ApprovalStepCompletedV1,
  ApprovalStepReturnedV1,
  CaseCompletedV1,
  ReviewSubmittedV1,
  TOPICS,
} from '@app/shared/contracts';
import { CaseFacts, laterOf, RecordDraft, stableGuid } from './case-facts';
import { materialDrafts, processDraft } from './draft-records';
import { CD_OPERATION, ExchangeTopic } from './exchange-codes';

export interface Plan {
  caseNo: string;
  drafts: RecordDraft[];
  facts: Partial<CaseFacts>;
}

const refFacts = (p: { itemCode: string; itemName: string; deptCode: string; deptName: string }) => ({
  itemCode: p.itemCode,
  itemName: p.itemName,
  deptCode: p.deptCode,
  deptName: p.deptName,
});

const applicantFacts = (a: { userProp: string; name: string; certType: string; certMasked: string }) => ({
  userProp: a.userProp,
  name: a.name,
  certType: a.certType,
  certMasked: a.certMasked,
});

/**
 * Which records one event yields (reference/gov-standards.md §3.1–3.2, §2.4), and what it teaches about
 * its case. Pure: the consumer stores the drafts and merges the facts in the inbox transaction.
 */
export function planRecords(topic: ExchangeTopic, eventId: string, payload: unknown, facts: CaseFacts): Plan {
  switch (topic) {
    case TOPICS.APPLICATION_SUBMITTED: {
      const p = payload as ApplicationSubmittedV1;
      return {
        caseNo: p.caseNo,
        drafts: [],
        facts: {
          ...refFacts(p),
          applyDate: p.submittedAt,
          submitChannel: p.submitChannel,
          projectType: p.projectType,
          applicant: applicantFacts(p.applicant),
        },
      };
    }
    case TOPICS.APPLICATION_ACCEPTED: {
      const p = payload as ApplicationAcceptedV1;
      const { materials, ...accept } = p;
      return {
        caseNo: p.caseNo,
        drafts: [
          {
            kind: 'up_pro_accept',
            seq: 0,
            orderAt: p.acceptedAt,
            rowGuid: stableGuid('up_pro_accept', p.caseNo),
            operation: CD_OPERATION.INSERT,
            afterAccept: false,
            source: { ...accept },
          },
          // The materials filed with the application, right after the accept row.
          ...materialDrafts(
            eventId,
            p.acceptedAt,
            true,
            (materials ?? []).map((m) => ({ ...m, attachNames: m.attachNames ?? [] })),
          ),
          processDraft(eventId, p.acceptedAt, {
            node: 'ACCEPT',
            name: '受理',
            handler: p.acceptedBy,
            explain: `受理文书编号 ${p.acceptDocNo}`,
          }),
        ],
        facts: {
          ...refFacts(p),
          taskType: p.taskType,
          projectType: p.projectType,
          acceptDate: p.acceptedAt,
          acceptDocNo: p.acceptDocNo,
          promiseDate: p.promiseDate,
          applicant: applicantFacts(p.applicant),
          licenceTypeName: p.licence?.typeName,
          lastNodeAt: laterOf(facts.lastNodeAt, p.acceptedAt),
          lastHandler: p.acceptedBy,
        },
      };
    }
    case TOPICS.APPLICATION_SUPPLEMENT_REQUESTED: {
      const p = payload as ApplicationSupplementRequestedV1;
      const explain = p.materials.map((m) => `${m.name}: ${m.reason}`).join('; ');
      return {
        caseNo: p.caseNo,
        drafts: [
          processDraft(eventId, p.requestedAt, {
            node: 'SUPPLEMENT_REQUESTED',
            name: '补正告知',
            handler: p.requestedBy,
            explain: `一次性告知 ${p.noticeNo} (补正期限 ${p.dueDate}): ${explain}`.slice(0, 2000),
          }),
        ],
        facts: {
          ...refFacts(p),
          materials: Object.fromEntries(p.materials.map((m) => [m.code, m.name])),
          lastNodeAt: laterOf(facts.lastNodeAt, p.requestedAt),
        },
      };
    }
    case TOPICS.APPLICATION_SUPPLEMENTED: {
      const p = payload as ApplicationSupplementedV1;
      const names = p.materials.map((code) => facts.materials?.[code] ?? code);
      return {
        caseNo: p.caseNo,
        drafts: [
          processDraft(
            eventId,
            p.suppliedAt,
            {
              node: 'SUPPLEMENTED',
              name: '补正提交',
              handler: null,
              explain: `一次性告知 ${p.noticeNo} 已补正: ${names.join('、')}`.slice(0, 2000),
            },
            facts.lastNodeAt,
          ),
          // No material rows here: a 补正 comes before 受理, and what it brought is in the case's materials
          // the accepted event lists (one row per material, with the final files).
        ],
        facts: { ...refFacts(p), lastNodeAt: laterOf(facts.lastNodeAt, p.suppliedAt) },
      };
    }
    case TOPICS.APPROVAL_STEP_COMPLETED: {
      const p = payload as ApprovalStepCompletedV1;
      return {
        caseNo: p.caseNo,
        drafts: [
          processDraft(
            eventId,
            p.completedAt,
            {
              node: 'STEP',
              name: p.stepName,
              stepCode: p.stepCode,
              result: p.result,
              handler: p.handledBy,
              explain: p.opinion,
            },
            facts.lastNodeAt,
          ),
        ],
        facts: {
          ...refFacts(p),
          lastNodeAt: laterOf(facts.lastNodeAt, p.completedAt),
          lastHandler: p.handledBy,
        },
      };
    }
    case TOPICS.APPROVAL_STEP_RETURNED: {
      const p = payload as ApprovalStepReturnedV1;
      return {
        caseNo: p.caseNo,
        drafts: [
          processDraft(
            eventId,
            p.returnedAt,
            { node: 'RETURN', name: `退回至${p.toStepName}`, handler: p.returnedBy, explain: p.reason },
            facts.lastNodeAt,
          ),
        ],
        facts: { ...refFacts(p), lastNodeAt: laterOf(facts.lastNodeAt, p.returnedAt) },
      };
    }
    case TOPICS.APPROVAL_CASE_SUSPENDED: {
      const p = payload as ApprovalCaseSuspendedV1;
      return {
        caseNo: p.caseNo,
        drafts: [
          {
            kind: 'up_pro_special_procedure',
            seq: 0,
            orderAt: p.suspendedAt,
            rowGuid: stableGuid('up_pro_special_procedure', p.procedureId),
            operation: CD_OPERATION.INSERT,
            afterAccept: true,
            source: { ...p },
          },
        ],
        facts: { ...refFacts(p), specialStarts: { [p.procedureId]: p.suspendedAt } },
      };
    }
    case TOPICS.APPROVAL_CASE_RESUMED: {
      const p = payload as ApprovalCaseResumedV1;
      return {
        caseNo: p.caseNo,
        drafts: [
          {
            kind: 'up_pro_special_procedure',
            seq: 0,
            orderAt: p.resumedAt,
            // The same row as the start: the end updates it (cd_operation U).
            rowGuid: stableGuid('up_pro_special_procedure', p.procedureId),
            operation: CD_OPERATION.UPDATE,
            afterAccept: true,
            source: { ...p, suspendedAt: facts.specialStarts?.[p.procedureId] ?? null },
          },
        ],
        facts: { ...refFacts(p), lastNodeAt: laterOf(facts.lastNodeAt, p.resumedAt) },
      };
    }
    case TOPICS.CASE_COMPLETED: {
      const p = payload as CaseCompletedV1;
      // 出证办结 / 不予许可 are decisions of an accepted case; 不予受理, 作废, 退件 … may come without 受理.
      const decided = p.doneResult === '0' || p.doneResult === '1';
      return {
        caseNo: p.caseNo,
        drafts: [
          {
            kind: 'up_pro_result',
            seq: 0,
            orderAt: p.completedAt,
            rowGuid: stableGuid('up_pro_result', p.caseNo),
            operation: CD_OPERATION.INSERT,
            afterAccept: decided,
            source: { ...p },
          },
          {
            kind: 'projectService',
            seq: 0,
            orderAt: p.completedAt,
            rowGuid: stableGuid('projectService', p.caseNo),
            operation: CD_OPERATION.INSERT,
            afterAccept: decided,
            source: { ...p },
          },
        ],
        facts: {
          ...refFacts(p),
          projectType: p.projectType,
          applicant: applicantFacts(p.applicant),
        },
      };
    }
    case TOPICS.REVIEW_SUBMITTED: {
      const p = payload as ReviewSubmittedV1;
      return {
        caseNo: p.caseNo,
        drafts: [
          {
            kind: 'evaluate',
            seq: 0,
            orderAt: p.assessTime,
            rowGuid: stableGuid('evaluate', p.reviewId),
            operation: CD_OPERATION.INSERT,
            afterAccept: false,
            source: { ...p },
          },
        ],
        facts: { itemCode: p.itemCode, deptCode: p.deptCode },
      };
    }
  }
}
