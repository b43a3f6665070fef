import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BundleFact, CompletedCaseFact, ImmediateCaseFact, RatingFact } from './formulas';
import type { BadReviewOrderFacts, PromisedItemFact } from './reform-formulas';
import { DECIDED_RESULTS } from './formulas';

export interface StatisticsFilter {
  /** [start, end) instants of the period. */
  start: Date;
  end: Date;
  dept: string | null;
  itemCode?: string;
  channel?: string;
  region?: string;
}

/** SQL conditions on a case (alias c, or the rating's own columns) with their parameters from $offset on. */
function caseConditions(
  f: StatisticsFilter,
  offset: number,
  cols: { dept: string; item: string; region: string; channel: string },
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (cond: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(cond(`$${offset + params.length}`));
  };
  if (f.dept !== null) add((n) => `${cols.dept} = ${n}`, f.dept);
  if (f.itemCode) add((n) => `${cols.item} = ${n}`, f.itemCode);
  if (f.region) add((n) => `${cols.region} = ${n}`, f.region);
  if (f.channel) add((n) => `${cols.channel} = ${n}`, f.channel);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

const CASE_COLS = { dept: 'c.dept_code', item: 'c.item_code', region: 'c.region_code', channel: 'c.channel' };
const RATING_COLS = {
  dept: 'r.dept_code',
  item: 'r.item_code',
  region: 'left(r.case_no, 6)',
  channel: 'c.channel',
};

/** The facts each statistic is computed from, filtered by period, department, item, channel and region. */
@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async completed(f: StatisticsFilter): Promise<CompletedCaseFact[]> {
    const w = caseConditions(f, 3, CASE_COLS);
    const rows = await this.db.query<
      Array<{
        case_no: string;
        accepted_at: Date;
        completed_at: Date;
        done_result: string;
        promise_due: string | null;
        visits: number | null;
        visit_limit: number | null;
      }>
    >(
      `SELECT c.case_no, c.accepted_at, c.completed_at, c.done_result, c.visits, c.visit_limit,
              COALESCE((SELECT to_char(k.due_date, 'YYYY-MM-DD') FROM sup_clocks k
                        WHERE k.case_no = c.case_no AND k.kind = 'CASE_PROMISE' AND k.ref = ''),
                       to_char(c.promise_date, 'YYYY-MM-DD')) AS promise_due
       FROM sup_cases c
       WHERE c.completed_at >= $1 AND c.completed_at < $2 AND c.accepted_at IS NOT NULL
         AND c.done_result = ANY($3)${w.sql}
       ORDER BY c.case_no`,
      [f.start, f.end, DECIDED_RESULTS, ...w.params],
    );
    return rows.map((r) => ({
      caseNo: r.case_no,
      acceptedAt: r.accepted_at,
      completedAt: r.completed_at,
      doneResult: r.done_result,
      promiseDue: r.promise_due,
      visits: r.visits,
      visitLimit: r.visit_limit,
    }));
  }

  async immediate(f: StatisticsFilter): Promise<ImmediateCaseFact[]> {
    const w = caseConditions(f, 2, CASE_COLS);
    const rows = await this.db.query<
      Array<{ accepted_at: Date; completed_at: Date | null; done_result: string | null }>
    >(
      `SELECT c.accepted_at, c.completed_at, c.done_result FROM sup_cases c
       WHERE c.project_type = '1' AND c.accepted_at >= $1 AND c.accepted_at < $2${w.sql}`,
      [f.start, f.end, ...w.params],
    );
    return rows.map((r) => ({
      acceptedAt: r.accepted_at,
      completedAt: r.completed_at,
      doneResult: r.done_result,
    }));
  }

  async submittedChannels(f: StatisticsFilter): Promise<string[]> {
    const w = caseConditions(f, 2, CASE_COLS);
    const rows = await this.db.query<Array<{ channel: string }>>(
      `SELECT c.channel FROM sup_cases c
       WHERE c.submitted_at >= $1 AND c.submitted_at < $2 AND c.channel IS NOT NULL${w.sql}`,
      [f.start, f.end, ...w.params],
    );
    return rows.map((r) => r.channel);
  }

  async ratings(f: StatisticsFilter): Promise<RatingFact[]> {
    const w = caseConditions(f, 2, RATING_COLS);
    const rows = await this.db.query<
      Array<{ case_no: string; dept_code: string; satisfaction: number; pf: string }>
    >(
      `SELECT r.case_no, r.dept_code, r.satisfaction, r.pf FROM sup_reviews r
       LEFT JOIN sup_cases c ON c.case_no = r.case_no
       WHERE r.assess_number = 1 AND r.assess_time >= $1 AND r.assess_time < $2${w.sql}`,
      [f.start, f.end, ...w.params],
    );
    return rows.map((r) => ({
      caseNo: r.case_no,
      deptCode: r.dept_code,
      satisfaction: r.satisfaction,
      pf: r.pf,
    }));
  }

  async badReviewOrders(f: StatisticsFilter): Promise<BadReviewOrderFacts> {
    const w = caseConditions(f, 2, { ...RATING_COLS, item: 'c.item_code' });
    const [row] = await this.db.query<
      Array<{ opened: string; voided: string; rectified: string; on_time: string; followed_up: string }>
    >(
      `SELECT count(*) AS opened,
              count(*) FILTER (WHERE r.closure = 'VOIDED') AS voided,
              count(*) FILTER (WHERE r.closure IS DISTINCT FROM 'VOIDED' AND r.outcome IS NOT NULL) AS rectified,
              count(*) FILTER (WHERE r.closure IS DISTINCT FROM 'VOIDED' AND r.outcome IS NOT NULL
                AND (r.rectified_at AT TIME ZONE 'Asia/Shanghai')::date <= r.rectify_due_date) AS on_time,
              count(*) FILTER (WHERE r.closure = 'FOLLOWED_UP') AS followed_up
       FROM sup_bad_reviews r LEFT JOIN sup_cases c ON c.case_no = r.case_no
       WHERE r.opened_at >= $1 AND r.opened_at < $2${w.sql}`,
      [f.start, f.end, ...w.params],
    );
    return {
      opened: Number(row.opened),
      voided: Number(row.voided),
      rectified: Number(row.rectified),
      rectifiedOnTime: Number(row.on_time),
      followedUp: Number(row.followed_up),
    };
  }

  /** Open clocks by kind and light now (not bound to the period). */
  async openLights(f: StatisticsFilter): Promise<Array<{ kind: string; light: string; n: number }>> {
    const w = caseConditions(f, 0, {
      dept: 'k.dept_code',
      item: 'k.item_code',
      region: 'left(k.case_no, 6)',
      channel: 'c.channel',
    });
    const rows = await this.db.query<Array<{ kind: string; light: string; n: string }>>(
      `SELECT k.kind, k.light, count(*) AS n FROM sup_clocks k LEFT JOIN sup_cases c ON c.case_no = k.case_no
       WHERE k.closed_at IS NULL AND k.light IS NOT NULL${w.sql}
       GROUP BY k.kind, k.light`,
      w.params,
    );
    return rows.map((r) => ({ kind: r.kind, light: r.light, n: Number(r.n) }));
  }

  /** The 承诺时限 of each item accepted in the period (the 法定时限 is not in any event). */
  async promisedItems(f: StatisticsFilter): Promise<PromisedItemFact[]> {
    const w = caseConditions(f, 2, CASE_COLS);
    const rows = await this.db.query<
      Array<{
        item_code: string;
        item_name: string | null;
        promise_limit: number;
        promise_unit: string;
        legal_limit: number | null;
        legal_unit: string | null;
        visit_limit: number | null;
        n: string;
      }>
    >(
      `SELECT c.item_code, max(c.item_name) AS item_name, c.promise_limit, c.promise_unit,
              c.legal_limit, c.legal_unit, max(c.visit_limit) AS visit_limit, count(*) AS n
       FROM sup_cases c
       WHERE c.accepted_at >= $1 AND c.accepted_at < $2 AND c.promise_limit IS NOT NULL AND c.item_code IS NOT NULL${w.sql}
       GROUP BY c.item_code, c.promise_limit, c.promise_unit, c.legal_limit, c.legal_unit
       ORDER BY c.item_code, c.promise_limit, c.promise_unit, c.legal_limit NULLS FIRST, c.legal_unit NULLS FIRST`,
      [f.start, f.end, ...w.params],
    );
    return rows.map((r) => ({
      itemCode: r.item_code,
      itemName: r.item_name,
      promiseLimit: r.promise_limit,
      promiseUnit: r.promise_unit,
      legalLimit: r.legal_limit,
      legalUnit: r.legal_unit,
      visitLimit: r.visit_limit,
      cases: Number(r.n),
    }));
  }

  /** Bundles filed or ended in the period (a bundle has no 申报方式: the channel filter does not apply). */
  async bundles(f: StatisticsFilter): Promise<BundleFact[]> {
    const parts: string[] = [];
    const params: unknown[] = [f.start, f.end];
    const add = (cond: (n: string) => string, value: unknown) => {
      params.push(value);
      parts.push(` AND ${cond(`$${params.length}`)}`);
    };
    if (f.dept !== null) add((n) => `${n} = ANY(b.dept_codes)`, f.dept);
    if (f.itemCode) add((n) => `${n} = ANY(b.item_codes)`, f.itemCode);
    if (f.region) add((n) => `b.region_code = ${n}`, f.region);
    const rows = await this.db.query<
      Array<{
        submitted_at: Date | null;
        state: string | null;
        ended_at: Date | null;
        members: BundleFact['members'];
      }>
    >(
      `SELECT b.submitted_at, b.state, b.ended_at, b.members FROM sup_bundles b
       WHERE ((b.submitted_at >= $1 AND b.submitted_at < $2) OR (b.ended_at >= $1 AND b.ended_at < $2))${parts.join('')}`,
      params,
    );
    return rows.map((r) => ({
      submittedAt: r.submitted_at,
      state: r.state,
      endedAt: r.ended_at,
      members: r.members,
    }));
  }

  async deptNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.query<Array<{ dept_code: string; dept_name: string }>>(
      `SELECT dept_code, max(dept_name) AS dept_name FROM sup_cases
       WHERE dept_code = ANY($1) AND dept_name IS NOT NULL GROUP BY dept_code`,
      [codes],
    );
    return new Map(rows.map((r) => [r.dept_code, r.dept_name]));
  }
}
