import type { EntityManager } from 'typeorm';
import { ROLES } from '@app/shared/auth';
import { TOPICS } from '@app/shared/contracts';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { BadReviewsPolicy } from './bad-reviews.policy';
import type { BadReviewOrderEntity } from './entities/bad-review-order.entity';
import type { BadReviewOrderRepository, NewHistoryRow } from './repositories/bad-review-order.repository';
import { member, OTHER_DEPT, WO_CASE_NO, WO_ID, workOrder } from './testing/work-order.fixtures';
import { AppealBadReviewUseCase } from './use-cases/appeal-bad-review/appeal-bad-review.use-case';
import { DecideBadReviewAppealUseCase } from './use-cases/decide-bad-review-appeal/decide-bad-review-appeal.use-case';
import { ExplainBadReviewUseCase } from './use-cases/explain-bad-review/explain-bad-review.use-case';
import { FollowUpBadReviewUseCase } from './use-cases/follow-up-bad-review/follow-up-bad-review.use-case';
import { RectifyBadReviewUseCase } from './use-cases/rectify-bad-review/rectify-bad-review.use-case';
import { VerifyBadReviewUseCase } from './use-cases/verify-bad-review/verify-bad-review.use-case';
import { WorkOrderTransitions } from './work-order-transitions.service';

/** The use cases over the transition runner, with the real outbox validating each event's contract. */
describe('work-order use cases', () => {
  const setup = (order: BadReviewOrderEntity | null = workOrder()) => {
    const em = {
      queryRunner: { isTransactionActive: true },
      query: jest.fn().mockResolvedValue([]),
    } as unknown as EntityManager;
    const history: NewHistoryRow[] = [];
    const orders = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      lock: jest.fn().mockResolvedValue(order),
      save: jest.fn((_em: EntityManager, o: BadReviewOrderEntity) => Promise.resolve(o)),
      appendHistory: jest.fn((_em: EntityManager, row: NewHistoryRow) => {
        history.push(row);
        return Promise.resolve();
      }),
      historyOf: jest.fn(() => Promise.resolve(history.map((h, i) => ({ id: String(i + 1), ...h })))),
    };
    const outbox = new OutboxService('evaluation');
    const add = jest.spyOn(outbox, 'add');
    const relay = { poke: jest.fn() };
    const t = new WorkOrderTransitions(
      orders as unknown as BadReviewOrderRepository,
      new BadReviewsPolicy(),
      outbox,
      relay as unknown as OutboxRelay,
    );
    return {
      orders,
      add,
      relay,
      history,
      verify: new VerifyBadReviewUseCase(t),
      rectify: new RectifyBadReviewUseCase(t),
      explain: new ExplainBadReviewUseCase(t),
      appeal: new AppealBadReviewUseCase(t),
      decide: new DecideBadReviewAppealUseCase(t),
      followUp: new FollowUpBadReviewUseCase(t),
    };
  };
  const clerk = member(ROLES.CLERK);
  const supervisor = member(ROLES.SUPERVISOR, null);

  it('verifies: VERIFIED, one history row, no event', async () => {
    const s = setup();
    const v = await s.verify.execute(clerk, WO_ID, { note: '已电话回访核实' });
    expect(v).toMatchObject({ status: 'VERIFIED', verifiedAt: expect.any(String) });
    expect(s.history).toEqual([
      expect.objectContaining({
        action: 'VERIFY',
        fromStatus: 'ASSIGNED',
        toStatus: 'VERIFIED',
        actorSub: 'clerk-1',
        actorName: 'clerk 1',
        note: '已电话回访核实',
      }),
    ]);
    expect(v.history).toHaveLength(1);
    expect(s.add).not.toHaveBeenCalled();
    expect(s.relay.poke).toHaveBeenCalled();
  });

  it('rectifies and explains: one rectified event keyed by the case number', async () => {
    const r = setup(workOrder({ status: 'VERIFIED' }));
    const v = await r.rectify.execute(member(ROLES.DEPT_HEAD), WO_ID, {
      mode: 'SCHEDULED',
      measures: '增设窗口',
    });
    expect(v).toMatchObject({ status: 'RECTIFIED', outcome: 'RECTIFIED', rectifyMode: 'SCHEDULED' });
    expect(r.add).toHaveBeenCalledTimes(1);
    expect(r.add.mock.calls[0].slice(1)).toEqual([
      TOPICS.BAD_REVIEW_RECTIFIED,
      WO_CASE_NO,
      expect.objectContaining({
        workOrderId: WO_ID,
        outcome: 'RECTIFIED',
        mode: 'SCHEDULED',
        rectifyDueDate: '2026-12-15',
        handledBy: 'dept_head 1',
      }),
    ]);
    expect(r.history[0]).toMatchObject({
      action: 'RECTIFY',
      note: '增设窗口',
      details: { mode: 'SCHEDULED' },
    });

    const e = setup(workOrder({ status: 'VERIFIED' }));
    await e.explain.execute(member(ROLES.APPROVER), WO_ID, { explanation: '无法定依据' });
    expect(e.add.mock.calls[0][3]).toMatchObject({ outcome: 'EXPLAINED', mode: null });
  });

  it('appeals; a supervisor voids (closed VOIDED) or upholds (back to VERIFIED, no event)', async () => {
    const a = setup(workOrder({ status: 'VERIFIED' }));
    const appealed = await a.appeal.execute(clerk, WO_ID, {
      reason: 'MALICIOUS',
      text: '同一人反复恶意差评',
    });
    expect(appealed).toMatchObject({ status: 'APPEALED', appealReason: 'MALICIOUS' });

    const v = setup(workOrder({ status: 'APPEALED' }));
    const voided = await v.decide.execute(supervisor, WO_ID, { decision: 'VOIDED', note: '查实恶意' });
    expect(voided).toMatchObject({ status: 'VOIDED', closure: 'VOIDED', excludedFromStatistics: true });
    expect(v.add.mock.calls[0].slice(1)).toEqual([
      TOPICS.BAD_REVIEW_CLOSED,
      WO_CASE_NO,
      expect.objectContaining({ closure: 'VOIDED', raterSatisfied: null, closedBy: 'supervisor 1' }),
    ]);

    const u = setup(workOrder({ status: 'APPEALED' }));
    const upheld = await u.decide.execute(supervisor, WO_ID, { decision: 'UPHELD', note: '差评属实' });
    expect(upheld).toMatchObject({ status: 'VERIFIED', appealDecision: 'UPHELD', closure: null });
    expect(u.history[0]).toMatchObject({ action: 'UPHOLD', fromStatus: 'APPEALED', toStatus: 'VERIFIED' });
    expect(u.add).not.toHaveBeenCalled();
  });

  it('follows up: CLOSED with one closed event; a rater not reached closes nothing', async () => {
    const f = setup(workOrder({ status: 'EXPLAINED', outcome: 'EXPLAINED' }));
    const closed = await f.followUp.execute(clerk, WO_ID, {
      contacted: true,
      raterSatisfied: false,
      note: '评价人仍不满意',
    });
    expect(closed).toMatchObject({ status: 'CLOSED', closure: 'FOLLOWED_UP', raterSatisfied: false });
    expect(f.add.mock.calls.map((c) => [c[1], c[3]])).toEqual([
      [TOPICS.BAD_REVIEW_CLOSED, expect.objectContaining({ closure: 'FOLLOWED_UP', raterSatisfied: false })],
    ]);

    const n = setup(workOrder({ status: 'RECTIFIED' }));
    await expect(
      n.followUp.execute(clerk, WO_ID, { contacted: false, raterSatisfied: true, note: '未接通' }),
    ).rejects.toMatchObject({ code: 'RATER_NOT_CONTACTED', status: 422 });
    expect(n.orders.transaction).not.toHaveBeenCalled();
  });

  it('answers 404 WORK_ORDER_NOT_FOUND for unknown orders, other departments and the wrong kind of actor', async () => {
    const cases: Array<[ReturnType<typeof setup>, () => Promise<unknown>]> = [];
    const unknown = setup(null);
    cases.push([unknown, () => unknown.verify.execute(clerk, WO_ID, { note: 'x' })]);
    const foreign = setup();
    cases.push([
      foreign,
      () => foreign.verify.execute(member(ROLES.CLERK, OTHER_DEPT), WO_ID, { note: 'x' }),
    ]);
    const noDept = setup();
    cases.push([noDept, () => noDept.verify.execute(member(ROLES.CLERK, null), WO_ID, { note: 'x' })]);
    const staffDecides = setup(workOrder({ status: 'APPEALED' }));
    cases.push([
      staffDecides,
      () => staffDecides.decide.execute(clerk, WO_ID, { decision: 'VOIDED', note: 'x' }),
    ]);
    for (const [s, call] of cases) {
      await expect(call()).rejects.toMatchObject({ code: 'WORK_ORDER_NOT_FOUND', status: 404 });
      expect(s.orders.save).not.toHaveBeenCalled();
      expect(s.add).not.toHaveBeenCalled();
    }
  });

  it('refuses a transition the state does not allow: nothing saved, no history, no event', async () => {
    const s = setup(workOrder({ status: 'ASSIGNED' }));
    await expect(
      s.rectify.execute(clerk, WO_ID, { mode: 'IMMEDIATE', measures: '立即整改' }),
    ).rejects.toMatchObject({ code: 'WORK_ORDER_STATE', status: 409 });
    expect(s.orders.save).not.toHaveBeenCalled();
    expect(s.history).toHaveLength(0);
    expect(s.add).not.toHaveBeenCalled();
    expect(s.relay.poke).not.toHaveBeenCalled();
  });
});
