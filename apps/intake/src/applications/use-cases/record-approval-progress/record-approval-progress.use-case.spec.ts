import { NonRetryableError } from '@app/shared/kafka';
import { CaseStatus } from '../../entities/case.entity';
import { aCase, EM, FakeCaseRepository } from '../../testing/case.fixture';
import { ApprovalProgress, RecordApprovalProgressUseCase } from './record-approval-progress.use-case';

describe('RecordApprovalProgressUseCase', () => {
  const occurredAt = new Date('2026-11-26T03:00:00Z');
  const run = async (status: CaseStatus, progress: ApprovalProgress) => {
    const cases = new FakeCaseRepository(aCase({ status }));
    const action =
      progress === 'opened'
        ? 'APPROVAL_OPENED'
        : progress === 'stepCompleted'
          ? 'STEP_COMPLETED'
          : 'APPROVED';
    await new RecordApprovalProgressUseCase(cases.asRepository()).execute(
      { caseNo: 'x', progress, entry: { action, occurredAt, sourceEventId: 'e1' } },
      EM,
    );
    return {
      status: cases.stored?.status,
      saved: cases.saved.length,
      entries: cases.timeline.map((t) => t.action),
    };
  };

  it('moves the case on where the progress changes its state', async () => {
    expect(await run('ACCEPTED', 'opened')).toEqual({
      status: 'IN_APPROVAL',
      saved: 1,
      entries: ['APPROVAL_OPENED'],
    });
    expect(await run('IN_APPROVAL', 'approvedAwaitingLicence')).toEqual({
      status: 'APPROVED',
      saved: 1,
      entries: ['APPROVED'],
    });
    expect(await run('IN_APPROVAL', 'stepCompleted')).toEqual({
      status: 'IN_APPROVAL',
      saved: 0,
      entries: ['STEP_COMPLETED'],
    });
  });

  it('keeps a state already passed (a licence that came first) and still records the entry', async () => {
    expect(await run('DONE', 'approvedAwaitingLicence')).toEqual({
      status: 'DONE',
      saved: 0,
      entries: ['APPROVED'],
    });
    expect(await run('IN_APPROVAL', 'opened')).toEqual({
      status: 'IN_APPROVAL',
      saved: 0,
      entries: ['APPROVAL_OPENED'],
    });
  });

  it('dead-letters an event about an unknown case (a step decided too: its entry is not written)', async () => {
    const cases = new FakeCaseRepository(null);
    const useCase = new RecordApprovalProgressUseCase(cases.asRepository());
    await expect(
      useCase.execute(
        { caseNo: 'ghost', progress: 'opened', entry: { action: 'APPROVAL_OPENED', occurredAt } },
        EM,
      ),
    ).rejects.toBeInstanceOf(NonRetryableError);
    await expect(
      useCase.execute(
        { caseNo: 'ghost', progress: 'stepCompleted', entry: { action: 'STEP_COMPLETED', occurredAt } },
        EM,
      ),
    ).rejects.toBeInstanceOf(NonRetryableError);
    expect(cases.timeline).toEqual([]);
  });
});
