import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { ClockKind, TOPICS } from '@app/shared/contracts';
import { AnyInbound } from '../../inbound';
import { ClockRepository } from '../../repositories/clock.repository';
import { SupervisedCaseRepository } from '../../repositories/supervised-case.repository';
import { flagIfReopened } from './reopened';

export type IntakeTopic =
  | typeof TOPICS.APPLICATION_SUBMITTED
  | typeof TOPICS.APPLICATION_SUPPLEMENT_REQUESTED
  | typeof TOPICS.APPLICATION_SUPPLEMENTED
  | typeof TOPICS.APPLICATION_ACCEPTED
  | typeof TOPICS.APPLICATION_NOT_ACCEPTED
  | typeof TOPICS.APPLICATION_WITHDRAWN
  | typeof TOPICS.APPLICATION_REFUSAL_PROPOSED
  | typeof TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED
  | typeof TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE
  | typeof TOPICS.CASE_POST_CHECK_DUE
  | typeof TOPICS.CASE_POST_CHECK_FAILED
  | typeof TOPICS.CASE_COMPLETED;

/** The clocks a completed (or withdrawn) case no longer runs; post-checks and 整改 run after completion. */
const CASE_CLOCKS: ClockKind[] = [
  'CASE_PROMISE',
  'APPROVAL_STEP',
  'SPECIAL_PROCEDURE',
  'SUPPLEMENT',
  'DEFERRED_MATERIAL',
];

/**
 * Projects intake's events: the case (channel, 办件类型, 受理, 承诺办结日期, 办结), its clocks (承诺办结,
 * 补正, 容缺, 事后核查) and the patterns to flag (a second 补正 notice, work after completion). Runs in the
 * inbox transaction; events of different topics may come in any order.
 */
@Injectable()
export class ProjectIntakeEventUseCase {
  constructor(
    private readonly cases: SupervisedCaseRepository,
    private readonly clocks: ClockRepository,
    private readonly calendar: WorkCalendar,
  ) {}

  async execute(em: EntityManager, e: AnyInbound<IntakeTopic>): Promise<void> {
    switch (e.topic) {
      case TOPICS.APPLICATION_SUBMITTED: {
        const p = e.payload;
        await this.cases.apply(em, p, {
          channel: p.submitChannel,
          projectType: p.projectType,
          submittedAt: new Date(p.submittedAt),
        });
        return;
      }
      case TOPICS.APPLICATION_SUPPLEMENT_REQUESTED: {
        const p = e.payload;
        const before = await this.cases.apply(em, p, {}, { supplementNotices: 1 });
        const notices = (before?.supplementNotices ?? 0) + 1;
        if (p.seq > 1 || notices > 1) {
          await this.cases.flag(em, {
            caseNo: p.caseNo,
            deptCode: p.deptCode,
            kind: 'SUPPLEMENT_REPEATED',
            detail: { noticeNo: p.noticeNo, seq: p.seq, notices },
            occurredAt: new Date(p.requestedAt),
            sourceEventId: e.id,
          });
        }
        const settled =
          before?.acceptedAt ?? before?.completedAt ?? before?.withdrawnAt ?? before?.notAcceptedAt;
        await this.clocks.open(
          em,
          {
            caseNo: p.caseNo,
            kind: 'SUPPLEMENT',
            ref: p.noticeNo,
            label: `补正期限 (${p.noticeNo})`,
            deptCode: p.deptCode,
            itemCode: p.itemCode,
            dueDate: p.dueDate,
            openedAt: new Date(p.requestedAt),
          },
          settled ? { closed: { at: settled, reason: 'SETTLED' } } : {},
        );
        return;
      }
      case TOPICS.APPLICATION_SUPPLEMENTED: {
        const p = e.payload;
        await this.cases.apply(em, p);
        await this.clocks.close(em, p.caseNo, ['SUPPLEMENT'], new Date(p.suppliedAt), 'SUPPLIED', [
          p.noticeNo,
        ]);
        return;
      }
      case TOPICS.APPLICATION_ACCEPTED: {
        const p = e.payload;
        const acceptedAt = new Date(p.acceptedAt);
        const before = await this.cases.apply(em, p, {
          projectType: p.projectType,
          taskType: p.taskType,
          acceptedAt,
          promiseDate: p.promiseDate,
          promiseLimit: p.promiseLimit,
          promiseUnit: p.promiseUnit,
          ...(p.legalLimit !== undefined && p.legalUnit
            ? { legalLimit: p.legalLimit, legalUnit: p.legalUnit }
            : {}),
          ...(p.visitLimit !== undefined ? { visitLimit: p.visitLimit } : {}),
        });
        await flagIfReopened(this.cases, em, e.id, before, p, acceptedAt, 'ACCEPTED');
        await this.clocks.close(em, p.caseNo, ['SUPPLEMENT'], acceptedAt, 'ACCEPTED');
        // Events of other topics may have overtaken this one (read after the upsert, under the row lock): a
        // completion or withdrawal already ended the case; a 特别程序 that ended already moved the promise.
        const {
          endedAt: ended,
          specialPausedDays: paused,
          procedureSince,
        } = await this.cases.settled(em, p.caseNo);
        await this.clocks.open(
          em,
          {
            caseNo: p.caseNo,
            kind: 'CASE_PROMISE',
            ref: '',
            label: '承诺办结',
            deptCode: p.deptCode,
            itemCode: p.itemCode,
            dueDate: paused > 0 ? this.calendar.addWorkingDays(p.promiseDate, paused) : p.promiseDate,
            openedAt: acceptedAt,
          },
          ended ? { closed: { at: ended, reason: 'ENDED' } } : {},
        );
        // A 特别程序 whose start overtook this event already stops the promise.
        const pausedSince = ended ? null : procedureSince;
        if (pausedSince) {
          await this.clocks.pause(em, p.caseNo, ['CASE_PROMISE'], this.calendar.toShanghaiDate(pausedSince));
        }
        for (const m of p.owedMaterials ?? []) {
          await this.clocks.open(
            em,
            {
              caseNo: p.caseNo,
              kind: 'DEFERRED_MATERIAL',
              ref: m.code,
              label: `容缺补齐 ${m.name}`,
              deptCode: p.deptCode,
              itemCode: p.itemCode,
              dueDate: m.dueDate,
              openedAt: acceptedAt,
            },
            ended ? { closed: { at: ended, reason: 'ENDED' } } : {},
          );
        }
        return;
      }
      case TOPICS.APPLICATION_NOT_ACCEPTED: {
        const p = e.payload;
        const at = new Date(p.decidedAt);
        await this.cases.apply(em, p, { notAcceptedAt: at });
        await this.clocks.close(em, p.caseNo, CASE_CLOCKS, at, 'NOT_ACCEPTED');
        return;
      }
      case TOPICS.APPLICATION_WITHDRAWN: {
        const p = e.payload;
        const at = new Date(p.withdrawnAt);
        await this.cases.apply(em, p, { withdrawnAt: at });
        await this.clocks.close(em, p.caseNo, CASE_CLOCKS, at, 'WITHDRAWN');
        return;
      }
      case TOPICS.APPLICATION_REFUSAL_PROPOSED:
        await this.cases.apply(em, e.payload);
        return;
      case TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED: {
        const p = e.payload;
        await this.cases.apply(em, p);
        await this.clocks.close(
          em,
          p.caseNo,
          ['DEFERRED_MATERIAL'],
          new Date(p.suppliedAt),
          'SUPPLIED',
          p.materials,
        );
        return;
      }
      case TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE: {
        const p = e.payload;
        await this.cases.apply(em, p);
        await this.clocks.close(
          em,
          p.caseNo,
          ['DEFERRED_MATERIAL'],
          new Date(p.overdueAt),
          'OVERDUE_RETURNED',
          p.materials.map((m) => m.code),
        );
        return;
      }
      case TOPICS.CASE_POST_CHECK_DUE: {
        // Intake says the 事后核查 was not recorded by its deadline (no event tells a passed check, so the
        // clock starts here, already overdue, rather than at 受理).
        const p = e.payload;
        await this.cases.apply(em, p);
        await this.clocks.open(em, {
          caseNo: p.caseNo,
          kind: 'POST_CHECK',
          ref: p.postCheckNo,
          label: `告知承诺事后核查 (${p.commitmentNo})`,
          deptCode: p.deptCode,
          itemCode: p.itemCode,
          dueDate: p.dueDate,
          openedAt: new Date(p.flaggedAt),
        });
        return;
      }
      case TOPICS.CASE_POST_CHECK_FAILED: {
        const p = e.payload;
        await this.cases.apply(em, p);
        await this.clocks.close(em, p.caseNo, ['POST_CHECK'], new Date(p.checkedAt), 'CHECKED', [
          p.postCheckNo,
        ]);
        return;
      }
      case TOPICS.CASE_COMPLETED: {
        const p = e.payload;
        const completedAt = new Date(p.completedAt);
        const before = await this.cases.apply(em, p, {
          completedAt,
          doneResult: p.doneResult,
          projectType: p.projectType,
          ...(p.licenceId ? { licenceId: p.licenceId } : {}),
          ...(p.visits !== undefined ? { visits: p.visits } : {}),
          ...(p.visitLimit !== undefined ? { visitLimit: p.visitLimit } : {}),
        });
        if (before?.completedAt && before.completedAt.getTime() < completedAt.getTime()) {
          await this.cases.flag(em, {
            caseNo: p.caseNo,
            deptCode: p.deptCode,
            kind: 'CASE_REOPENED',
            detail: {
              event: 'COMPLETED_AGAIN',
              firstCompletedAt: before.completedAt.toISOString(),
              doneResult: p.doneResult,
            },
            occurredAt: completedAt,
            sourceEventId: e.id,
          });
        }
        await this.clocks.close(em, p.caseNo, CASE_CLOCKS, completedAt, 'COMPLETED');
        return;
      }
    }
  }
}
