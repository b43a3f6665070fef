import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** One page of a list: the API shape of every list endpoint. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * Runs a list query one page at a time and maps the rows to their API view. `tieBreaker` (a unique
 * column, by default the entity's `id`) makes the order total, so rows with equal sort keys are neither repeated nor skipped across pages.
 */
export async function paginate<E extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<E>,
  q: { page: number; pageSize: number },
  order: { by: string; direction: 'ASC' | 'DESC'; tieBreaker?: string },
  view: (row: E) => V,
): Promise<Page<V>> {
  const [rows, total] = await qb
    .orderBy(order.by, order.direction)
    .addOrderBy(order.tieBreaker ?? `${qb.alias}.id`, order.direction)
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
  return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
}
