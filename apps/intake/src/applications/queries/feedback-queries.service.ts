import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { Page, paginate } from '@app/shared/database';
import { FeedbackView, ListFeedbackQuery } from '../dto/feedback.dto';
import { CaseFeedbackRepository } from '../repositories/case-feedback.repository';

/** The "办不成事" work list: admin sees every item, a chief their department's; newest first. */
@Injectable()
export class FeedbackQueries {
  constructor(private readonly feedback: CaseFeedbackRepository) {}

  list(user: Principal, q: ListFeedbackQuery): Promise<Page<FeedbackView>> {
    const qb = this.feedback.query();
    if (!user.roles.includes(ROLES.ADMIN)) {
      // A chief without a department has none to see.
      qb.where('f.dept_code = :dept', { dept: user.dept ?? '' });
    }
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    return paginate(qb, q, { by: 'f.raised_at', direction: 'DESC' }, (f) => FeedbackView.from(f));
  }
}
