import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { BadReviewsPolicy } from '../../bad-reviews.policy';
import { WorkOrderDetailView, WorkOrderView } from '../../dto/work-order.response.dto';
import { BadReviewOrderRepository } from '../../repositories/bad-review-order.repository';

/** The read side of 差评整改 work orders: pages of orders, and one order with its history. */
@Injectable()
export class BadReviewQueries {
  constructor(
    private readonly orders: BadReviewOrderRepository,
    private readonly policy: BadReviewsPolicy,
  ) {}

  async page(
    user: Principal,
    q: { page: number; pageSize: number; status?: string },
  ): Promise<Page<WorkOrderView>> {
    const page = await this.orders.page({ dept: this.policy.listScope(user), status: q.status }, q);
    return { ...page, items: page.items.map((o) => WorkOrderView.of(o)) };
  }

  async get(user: Principal, id: string): Promise<WorkOrderDetailView> {
    const order = this.policy.readable(user, await this.orders.find(id), id);
    return WorkOrderDetailView.ofDetail(order, await this.orders.historyOf(id));
  }
}
