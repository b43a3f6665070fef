import { NonRetryableError } from '@app/shared/kafka';
import { CaseStatus } from '../../entities/case.entity';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import { aCase, EM, FakeCaseRepository, FakeCaseWatchEvents } from '../../testing/case.fixture';
import { RecordResumptionCommand, RecordResumptionUseCase } from './record-resumption.use-case';

describe('RecordResumptionUseCase', () => {
  const procedureId = '6f1c2b1e-8d7a-4c51-9b8e-2a1d3c4b5e6f';
  const suspendedAt = new Date('2026-11-26T03:00:00Z');
  const resumedAt = new Date('2026-12-01T03:00:00Z');
  const cmd = (over: Partial<RecordResumptionCommand> = {}): RecordResumptionCommand => ({
    caseNo: '33010020261125000001',
    procedureId,
    type: '3',
    typeName: '公示',
    result: '公示期满无异议',
    pausedWorkingDays: 3,
    dueDate: '2026-12-07',
    resumedBy: '审核人',
    resumedAt,
    sourceEventId: 'e2',
    ...over,
  });
  const setUp = async (status: CaseStatus, suspended = true) => {
    const cases = new FakeCaseRepository(
      aCase({
        status,
        acceptedAt: new Date('2026-11-25T03:00:00Z'),
        promiseDate: '2026-12-02',
        pausedAt: suspended ? suspendedAt : null,
      }),
    );
    const life = new FakeCaseLifeRepository();
    if (suspended) {
      const p = { procedureId, type: '3', typeName: '公示', reason: '公示', expectedEndDate: '2026-12-01' };
      await life.startProcedurePause(EM, cases.stored!.caseNo, p, suspendedAt);
    }
    const watch = new FakeCaseWatchEvents();
    const useCase = new RecordResumptionUseCase(
      cases.asRepository(),
      life.asRepository(),
      watch.asWatchEvents(),
    );
    return { cases, life, watch, useCase };
  };

  it("ends the pause with approval's paused days and adopts approval's due date as the promise", async () => {
    const { cases, life, watch, useCase } = await setUp('IN_APPROVAL');
    await useCase.execute(cmd(), EM);
    expect(watch.written).toEqual([
      {
        kind: 'clockResumed',
        caseNo: cases.stored!.caseNo,
        args: [{ reason: 'SPECIAL_PROCEDURE', ref: procedureId, startedAt: suspendedAt }, resumedAt, 3],
      },
    ]);
    expect(life.pauses[0]).toMatchObject({
      endedAt: resumedAt,
      workingDays: 3,
      procedureResult: '公示期满无异议',
    });
    expect(cases.stored).toMatchObject({ promiseDate: '2026-12-07', pausedDays: 3, pausedAt: null });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'SPECIAL_PROCEDURE_ENDED',
        actor: '审核人',
        sourceEventId: 'e2',
        detail: expect.objectContaining({
          promiseDate: '2026-12-07',
          previousPromiseDate: '2026-12-02',
          pausedWorkingDays: 3,
        }),
      }),
    ]);
  });

  it('applies the end of a procedure once, even when it is announced again', async () => {
    const { cases, watch, useCase } = await setUp('IN_APPROVAL');
    await useCase.execute(cmd(), EM);
    await useCase.execute(cmd({ sourceEventId: 'e3', dueDate: '2026-12-10', pausedWorkingDays: 5 }), EM);
    expect(watch.kinds()).toEqual(['clockResumed']);
    expect(cases.stored).toMatchObject({ promiseDate: '2026-12-07', pausedDays: 3 });
    expect(cases.timeline).toHaveLength(1);
  });

  it('still adopts the due date when no pause was open (the clock had stopped already)', async () => {
    const { cases, life, watch, useCase } = await setUp('IN_APPROVAL', false);
    await useCase.execute(cmd(), EM);
    expect([life.pauses, watch.written]).toEqual([[], []]);
    expect(cases.stored).toMatchObject({ promiseDate: '2026-12-07', pausedDays: 0 });
  });

  it('dead-letters an event about an unknown case', async () => {
    const cases = new FakeCaseRepository(null);
    const useCase = new RecordResumptionUseCase(
      cases.asRepository(),
      new FakeCaseLifeRepository().asRepository(),
      new FakeCaseWatchEvents().asWatchEvents(),
    );
    await expect(useCase.execute(cmd({ caseNo: 'ghost' }), EM)).rejects.toBeInstanceOf(NonRetryableError);
  });
});
