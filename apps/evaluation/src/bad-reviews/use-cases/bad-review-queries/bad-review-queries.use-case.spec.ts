import { ROLES } from '@app/shared/auth';
import { BadReviewsPolicy } from '../../bad-reviews.policy';
import type { BadReviewOrderRepository } from '../../repositories/bad-review-order.repository';
import { member, OTHER_DEPT, WO_DEPT, WO_ID, workOrder } from '../../testing/work-order.fixtures';
import { BadReviewQueries } from './bad-review-queries.use-case';

describe('BadReviewQueries', () => {
  const setup = () => {
    const orders = {
      find: jest.fn().mockResolvedValue(workOrder()),
      historyOf: jest.fn().mockResolvedValue([
        {
          id: '1',
          orderId: WO_ID,
          action: 'ASSIGN',
          fromStatus: null,
          toStatus: 'ASSIGNED',
          actorSub: 'system',
          actorName: '系统转办',
          note: null,
          details: {},
          at: new Date('2026-11-24T02:00:00Z'),
        },
      ]),
      page: jest.fn().mockResolvedValue({ items: [workOrder()], page: 1, pageSize: 20, total: 1 }),
    };
    const queries = new BadReviewQueries(
      orders as unknown as BadReviewOrderRepository,
      new BadReviewsPolicy(),
    );
    return { orders, queries };
  };

  it('limits lists to the caller’s department (supervisor, admin: all) and passes the status filter', async () => {
    const { orders, queries } = setup();
    const page = await queries.page(member(ROLES.CLERK), { page: 1, pageSize: 20 });
    expect(page.items[0]).toMatchObject({
      workOrderId: WO_ID,
      status: 'ASSIGNED',
      excludedFromStatistics: false,
    });
    expect(orders.page).toHaveBeenCalledWith({ dept: WO_DEPT, status: undefined }, expect.anything());
    await queries.page(member(ROLES.SUPERVISOR, null), { page: 1, pageSize: 20, status: 'APPEALED' });
    expect(orders.page).toHaveBeenLastCalledWith({ dept: null, status: 'APPEALED' }, expect.anything());
  });

  it('shows one order with its history; another department’s order is 404', async () => {
    const { queries } = setup();
    const v = await queries.get(member(ROLES.DEPT_HEAD), WO_ID);
    expect(v.history).toEqual([
      expect.objectContaining({ action: 'ASSIGN', toStatus: 'ASSIGNED', at: '2026-11-24T02:00:00.000Z' }),
    ]);
    await expect(queries.get(member(ROLES.CLERK, OTHER_DEPT), WO_ID)).rejects.toMatchObject({
      code: 'WORK_ORDER_NOT_FOUND',
    });
  });
});
