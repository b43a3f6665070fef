import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { Page, paginate } from '@app/shared/database';
import { ListPostChecksQuery } from '../dto/obligations.request.dto';
import { PostCheckView } from '../dto/obligations.response.dto';
import { ObligationsRepository } from '../repositories/obligations.repository';

/** The 事后核查 work list: admin sees every task, staff their department's; earliest deadline first. */
@Injectable()
export class PostCheckQueries {
  constructor(private readonly obligations: ObligationsRepository) {}

  list(user: Principal, q: ListPostChecksQuery): Promise<Page<PostCheckView>> {
    const now = new Date();
    const qb = this.obligations.postCheckQuery().where('TRUE');
    if (!user.roles.includes(ROLES.ADMIN)) {
      // Staff without a department have none to see.
      qb.andWhere('p.dept_code = :dept', { dept: user.dept ?? '' });
    }
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.overdue === true) qb.andWhere(`p.status = 'PENDING' AND p.due_at < :now`, { now });
    if (q.overdue === false) qb.andWhere(`NOT (p.status = 'PENDING' AND p.due_at < :now)`, { now });
    return paginate(qb, q, { by: 'p.due_at', direction: 'ASC' }, (p) => PostCheckView.from(p, now));
  }
}
