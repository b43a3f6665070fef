import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { CatalogService } from '../../../catalog/catalog.service';
import { ApplicationsPolicy } from '../../applications.policy';
import {
  aCase,
  anItem,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';
import { OverturnRefusalUseCase } from './overturn-refusal.use-case';
import { FakeObligations } from '../../testing/obligations.fixture';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('OverturnRefusalUseCase', () => {
  const chief = principal({ sub: 'chief-1', name: '首席代表', roles: ['chief'] });
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let dueDate: jest.Mock;
  let useCase: OverturnRefusalUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(
      aCase({ status: 'REFUSAL_PROPOSED', refusalReason: '材料不符', refusalProposedAt: new Date() }),
    );
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    dueDate = jest.fn(() => ({ dueDate: '2026-12-02' }));
    const calendar = { dueDate } as unknown as WorkCalendar;
    const catalog = { getOfCase: () => Promise.resolve(anItem()) } as unknown as CatalogService;
    const policy = new ApplicationsPolicy();
    const accepting = new AcceptApplicationUseCase(
      cases.asRepository(),
      policy,
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      new FakeObligations().asRepository(),
      new FakeCaseLifeRepository().asRepository(),
    );
    useCase = new OverturnRefusalUseCase(cases.asRepository(), policy, accepting, relay.asRelay());
  });

  it('accepts the case as 受理 does: document number, promise in working days, accepted event', async () => {
    const view = await useCase.execute({ user: chief, caseNo: 'x', opinion: '材料符合法定形式, 应予受理' });
    expect(view).toMatchObject({ status: 'ACCEPTED', proStatus: '2' });
    expect(view.acceptance).toMatchObject({
      acceptDocNo: `SL${view.caseNo}`,
      promiseDate: '2026-12-02',
      acceptedBy: '首席代表',
    });
    expect(dueDate).toHaveBeenCalledWith(expect.any(Date), 5, '1');
    expect(cases.timeline.map((t) => t.action)).toEqual(['REFUSAL_OVERTURNED', 'ACCEPTED']);
    expect(cases.timeline[0].detail).toMatchObject({
      opinion: '材料符合法定形式, 应予受理',
      reason: '材料不符',
    });
    expect([events.kinds(), relay.pokes]).toEqual([['accepted'], 1]);
  });

  it('is a chief of the case’s department only (404), and only on a pending proposal (409)', async () => {
    expect(await codeOf(useCase.execute({ user: principal(), caseNo: 'x', opinion: '受理' }))).toBe(
      'CASE_NOT_FOUND',
    );
    expect(
      await codeOf(useCase.execute({ user: { ...chief, dept: GA }, caseNo: 'x', opinion: '受理' })),
    ).toBe('CASE_NOT_FOUND');
    cases.stored = aCase();
    expect(await codeOf(useCase.execute({ user: chief, caseNo: 'x', opinion: '受理' }))).toBe(
      'INVALID_STATE',
    );
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
