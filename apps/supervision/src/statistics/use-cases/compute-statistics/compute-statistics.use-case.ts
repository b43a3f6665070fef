import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { CLOCK_KINDS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { shanghaiDate } from '@app/shared/time';
import { ScopePolicy } from '../../../common/scope.policy';
import { StatisticsQueryDto, StatisticsView } from '../../dto/statistics.dto';
import { bundleNumbers, computeMetrics, satisfactionByDepartment } from '../../formulas';
import { promiseCompressionOf } from '../../reform-formulas';
import { StatisticsFilter, StatisticsRepository } from '../../statistics.repository';

/** The longest period one request may cover. */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

const startOfShanghaiDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The statistics of one period: each number with its numerator, denominator and formula. */
@Injectable()
export class ComputeStatisticsUseCase {
  constructor(
    private readonly repo: StatisticsRepository,
    private readonly scope: ScopePolicy,
    private readonly calendar: WorkCalendar,
  ) {}

  async execute(user: Principal, q: StatisticsQueryDto, now = new Date()): Promise<StatisticsView> {
    const dept = this.scope.deptFilter(user, q.deptCode);
    const to = q.to ?? shanghaiDate(now);
    const from = q.from ?? shanghaiDate(new Date(startOfShanghaiDay(to).getTime() - 29 * DAY_MS));
    const start = startOfShanghaiDay(from);
    const end = new Date(startOfShanghaiDay(to).getTime() + DAY_MS);
    const realDate = (d: string) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && shanghaiDate(startOfShanghaiDay(d)) === d;
    if (!realDate(from) || !realDate(to)) {
      throw new DomainError('VALIDATION_FAILED', undefined, { from, to, problem: 'not a calendar date' });
    }
    if (from > to) {
      throw new DomainError('VALIDATION_FAILED', undefined, {
        from,
        to,
        problem: 'from must be a date on or before to',
      });
    }
    if ((end.getTime() - start.getTime()) / DAY_MS > MAX_PERIOD_DAYS) {
      throw new DomainError('VALIDATION_FAILED', undefined, {
        from,
        to,
        problem: `a period spans at most ${MAX_PERIOD_DAYS} days`,
      });
    }
    const f: StatisticsFilter = {
      start,
      end,
      dept,
      itemCode: q.itemCode,
      channel: q.channel,
      region: q.region,
    };
    const [completed, immediate, submittedChannels, ratings, badReviewOrders, lights, items, bundles] =
      await Promise.all([
        this.repo.completed(f),
        this.repo.immediate(f),
        this.repo.submittedChannels(f),
        this.repo.ratings(f),
        this.repo.badReviewOrders(f),
        this.repo.openLights(f),
        this.repo.promisedItems(f),
        this.repo.bundles(f),
      ]);
    const b = bundleNumbers(bundles, start, end);
    const openOverdue = lights.find((l) => l.kind === 'CASE_PROMISE' && l.light === 'RED')?.n ?? 0;
    const metrics = computeMetrics(this.calendar, {
      completed,
      immediate,
      submittedChannels,
      ratings,
      badReviewOrders,
      openOverdue,
      items,
    });
    const byDept = satisfactionByDepartment(ratings);
    const names = await this.repo.deptNames(byDept.map((d) => d.deptCode));
    const count = (kind: string, light: string) =>
      lights.find((l) => l.kind === kind && l.light === light)?.n ?? 0;
    return {
      period: { from, to },
      filters: {
        deptCode: dept,
        itemCode: q.itemCode ?? null,
        channel: q.channel ?? null,
        region: q.region ?? null,
      },
      generatedAt: now.toISOString(),
      metrics,
      promiseCompression: promiseCompressionOf(items),
      satisfactionByDepartment: byDept.map((d) => ({ ...d, deptName: names.get(d.deptCode) ?? null })),
      lights: CLOCK_KINDS.map((kind) => ({
        kind,
        green: count(kind, 'GREEN'),
        yellow: count(kind, 'YELLOW'),
        red: count(kind, 'RED'),
      })),
      bundles: { ...b, timeSavedHours: b.timeSaved.numerator },
    };
  }
}
