import { DomainError } from '@app/shared/errors';
import type { OutboxRelay } from '@app/shared/kafka';
import type { WithdrawApplicationUseCase } from '../../../applications/use-cases/withdraw-application/withdraw-application.use-case';
import { BundlesPolicy } from '../../bundles.policy';
import { aBundle, FakeBundleEvents, FakeBundleRepository } from '../../testing/bundle.fixture';
import { WithdrawBundleUseCase } from './withdraw-bundle.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('WithdrawBundleUseCase', () => {
  const owner = { sub: 'founder-1', roles: ['applicant' as const], token: 't' };
  let bundles: FakeBundleRepository;
  let events: FakeBundleEvents;
  let withdrawn: string[];
  let pokes: number;
  let useCase: WithdrawBundleUseCase;

  beforeEach(() => {
    const b = aBundle();
    Object.assign(b.members[0], { outcome: 'STARTED', caseNo: 'C0', startedAt: new Date() });
    bundles = new FakeBundleRepository(b, new Map([['C0', 'IN_APPROVAL']]));
    events = new FakeBundleEvents();
    withdrawn = [];
    pokes = 0;
    const withdraw = {
      execute: ({ caseNo }: { caseNo: string }) => {
        withdrawn.push(caseNo);
        return Promise.resolve({});
      },
    } as unknown as WithdrawApplicationUseCase;
    const relay = { poke: () => pokes++ } as unknown as OutboxRelay;
    useCase = new WithdrawBundleUseCase(
      bundles.asRepository(),
      new BundlesPolicy(),
      withdraw,
      events.asEvents(),
      relay,
    );
  });

  it('withdraws running members through the ordinary 撤回, cancels the others, ends WITHDRAWN', async () => {
    const view = await useCase.execute({ user: owner, bundleNo: 'x', reason: '改变计划' });
    expect(withdrawn).toEqual(['C0']);
    expect(view).toMatchObject({ status: 'WITHDRAWN', statusReason: '改变计划' });
    expect(view.members[0]).toMatchObject({ outcome: 'WITHDRAWN', doneResult: '2' });
    expect(view.members.slice(1).every((m) => m.outcome === 'CANCELLED')).toBe(true);
    expect([events.written, pokes]).toEqual([['ended:WITHDRAWN'], 1]);
  });

  it('keeps a member already decided (approved, waiting for its licence)', async () => {
    bundles.statuses.set('C0', 'APPROVED');
    const view = await useCase.execute({ user: owner, bundleNo: 'x' });
    expect(withdrawn).toEqual([]);
    expect(view.members[0].outcome).toBe('STARTED');
  });

  it('is the applicant’s act only (404), and 409 once the bundle ended or nothing is left; nothing written', async () => {
    expect(await codeOf(useCase.execute({ user: { ...owner, sub: 'other' }, bundleNo: 'x' }))).toBe(
      'NOT_FOUND',
    );
    bundles.stored!.status = 'FAILED';
    expect(await codeOf(useCase.execute({ user: owner, bundleNo: 'x' }))).toBe('INVALID_STATE');
    bundles.stored!.status = 'IN_PROGRESS';
    bundles.stored!.members.forEach((m) => (m.outcome = 'COMPLETED'));
    expect(await codeOf(useCase.execute({ user: owner, bundleNo: 'x' }))).toBe('INVALID_STATE');
    expect([withdrawn.length, events.written.length, bundles.saves, pokes]).toEqual([0, 0, 0, 0]);
  });
});
