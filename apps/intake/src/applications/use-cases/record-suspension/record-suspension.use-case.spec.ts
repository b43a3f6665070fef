import { NonRetryableError } from '@app/shared/kafka';
import { CaseStatus } from '../../entities/case.entity';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import { aCase, EM, FakeCaseRepository, FakeCaseWatchEvents } from '../../testing/case.fixture';
import { RecordSuspensionCommand, RecordSuspensionUseCase } from './record-suspension.use-case';

describe('RecordSuspensionUseCase', () => {
  const suspendedAt = new Date('2026-11-26T03:00:00Z');
  const cmd = (over: Partial<RecordSuspensionCommand> = {}): RecordSuspensionCommand => ({
    caseNo: '33010020261125000001',
    procedure: {
      procedureId: '6f1c2b1e-8d7a-4c51-9b8e-2a1d3c4b5e6f',
      type: '2',
      typeName: '听证',
      reason: '涉及重大公共利益, 依法举行听证',
      expectedEndDate: '2026-12-10',
    },
    stepNo: 2,
    suspendedBy: '审核人',
    suspendedAt,
    sourceEventId: 'e1',
    ...over,
  });
  const setUp = (status: CaseStatus, over = {}) => {
    const cases = new FakeCaseRepository(aCase({ status, promiseDate: '2026-12-02', ...over }));
    const life = new FakeCaseLifeRepository();
    const watch = new FakeCaseWatchEvents();
    const useCase = new RecordSuspensionUseCase(
      cases.asRepository(),
      life.asRepository(),
      watch.asWatchEvents(),
    );
    return { cases, life, watch, useCase };
  };

  it('stops the clock: a SPECIAL_PROCEDURE pause with its type, and a timeline entry', async () => {
    const { cases, life, watch, useCase } = setUp('IN_APPROVAL');
    await useCase.execute(cmd(), EM);
    expect(watch.written).toEqual([
      {
        kind: 'clockSuspended',
        caseNo: cases.stored!.caseNo,
        args: [{ reason: 'SPECIAL_PROCEDURE', ref: cmd().procedure.procedureId, startedAt: suspendedAt }],
      },
    ]);
    expect(life.pauses).toEqual([
      expect.objectContaining({
        reason: 'SPECIAL_PROCEDURE',
        procedureType: '2',
        procedureTypeName: '听证',
        expectedEndDate: '2026-12-10',
        startedAt: suspendedAt,
        endedAt: null,
      }),
    ]);
    expect(cases.stored?.pausedAt).toEqual(suspendedAt);
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'SPECIAL_PROCEDURE_STARTED',
        actor: '审核人',
        sourceEventId: 'e1',
        detail: expect.objectContaining({
          type: '2',
          typeName: '听证',
          reason: '涉及重大公共利益, 依法举行听证',
          expectedEndDate: '2026-12-10',
          clockStopped: true,
        }),
      }),
    ]);
  });

  it('records a procedure once, even when it is announced again', async () => {
    const { cases, life, watch, useCase } = setUp('IN_APPROVAL');
    await useCase.execute(cmd(), EM);
    await useCase.execute(cmd({ sourceEventId: 'e2' }), EM);
    expect([life.pauses.length, cases.timeline.length, cases.saved.length]).toEqual([1, 1, 1]);
    expect(watch.kinds()).toEqual(['clockSuspended']);
  });

  it('only notes a procedure on a case whose clock no longer runs (done)', async () => {
    const { cases, life, watch, useCase } = setUp('DONE');
    await useCase.execute(cmd(), EM);
    expect([life.pauses.length, cases.saved.length, watch.written.length]).toEqual([0, 0, 0]);
    expect(cases.timeline[0].detail).toMatchObject({ clockStopped: false });
  });

  it('dead-letters an event about an unknown case', async () => {
    const cases = new FakeCaseRepository(null);
    const useCase = new RecordSuspensionUseCase(
      cases.asRepository(),
      new FakeCaseLifeRepository().asRepository(),
      new FakeCaseWatchEvents().asWatchEvents(),
    );
    await expect(useCase.execute(cmd({ caseNo: 'ghost' }), EM)).rejects.toBeInstanceOf(NonRetryableError);
  });
});
