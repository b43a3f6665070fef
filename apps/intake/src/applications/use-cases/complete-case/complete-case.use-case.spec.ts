import { NonRetryableError } from '@app/shared/kafka';
import { aCase, EM, FakeCaseEvents, FakeCaseRepository } from '../../testing/case.fixture';
import { CompleteCaseUseCase } from './complete-case.use-case';

describe('CompleteCaseUseCase', () => {
  const at = new Date('2026-11-26T03:00:00Z');
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let useCase: CompleteCaseUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase({ status: 'IN_APPROVAL' }));
    events = new FakeCaseEvents();
    useCase = new CompleteCaseUseCase(cases.asRepository(), events.asCaseEvents());
  });

  it('records the deciding entry, completes the case and writes intake.case.completed', async () => {
    await useCase.execute(
      {
        caseNo: 'x',
        doneResult: '1',
        at,
        entry: { action: 'DENIED', detail: { opinion: '不符合' }, sourceEventId: 'e1' },
      },
      EM,
    );
    expect(cases.stored).toMatchObject({ status: 'DONE', doneResult: '1', doneAt: at });
    expect(cases.timeline.map((t) => [t.action, t.occurredAt])).toEqual([
      ['DENIED', at],
      ['DONE', at],
    ]);
    expect(events.written).toEqual([{ kind: 'completed', caseNo: aCase().caseNo, status: 'DONE' }]);
  });

  it('keeps the licence of a case already done, without completing it twice', async () => {
    cases.stored = aCase({ status: 'DONE', doneResult: '0', doneAt: at });
    await useCase.execute(
      {
        caseNo: 'x',
        doneResult: '0',
        at,
        licenceId: 'L-1',
        entry: { action: 'LICENCE_ISSUED', sourceEventId: 'e2' },
      },
      EM,
    );
    expect(cases.stored.licenceId).toBe('L-1');
    expect(cases.timeline.map((t) => t.action)).toEqual(['LICENCE_ISSUED']);
    expect(events.written).toEqual([]);
  });

  it('dead-letters an event about an unknown case (not retryable)', async () => {
    cases.stored = null;
    const done = useCase.execute({ caseNo: 'ghost', doneResult: '0', at, entry: { action: 'APPROVED' } }, EM);
    await expect(done).rejects.toBeInstanceOf(NonRetryableError);
    await expect(done).rejects.toMatchObject({ reason: 'UNKNOWN_CASE' });
  });
});
