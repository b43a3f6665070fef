import {
  addNaturalDays,
  CalendarNotCoveredError,
  caseClockOf,
  naturalDaysBetween,
  TimeUnitCode,
  WorkCalendar,
} from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import type { ServiceItemEntity } from '../catalog/entities/service-item.entity';
import type { CaseEntity } from './entities/case.entity';

/** A calendar computation, with a year the calendar does not cover turned into 503 CALENDAR_NOT_COVERED. */
export function onCalendar<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) {
      throw new DomainError('CALENDAR_NOT_COVERED', undefined, { year: e.year });
    }
    throw e;
  }
}

/**
 * The days a pause stood still on a clock: those in (start date, end date], Asia/Shanghai — working days
 * on the working-day clock, every day on the natural one.
 */
export function pausedDaysOn(
  calendar: WorkCalendar,
  clock: 'working' | 'natural',
  from: Date,
  to: Date,
): number {
  return clock === 'working'
    ? pausedWorkingDays(calendar, from, to)
    : naturalDaysBetween(calendar.toShanghaiDate(from), calendar.toShanghaiDate(to));
}

/**
 * 承诺办结日期: today for 即办 items, else the promise limit counted in the item's unit from `from` (受理, or
 * receipt when deemed accepted under Art. 32), then moved on by `pausedDays` — the days the clock stood
 * still after `from` (补正 before a 受理 counted from receipt), counted on the item's clock (caseClockOf):
 * working days for 工作日, natural days for 自然日 and the other units.
 */
export function promiseDateFor(
  calendar: WorkCalendar,
  item: ServiceItemEntity,
  from: Date,
  pausedDays = 0,
): string {
  return onCalendar(() => {
    const base =
      item.promiseLimit === 0
        ? calendar.toShanghaiDate(from)
        : calendar.dueDate(from, item.promiseLimit, item.promiseUnit as TimeUnitCode).dueDate;
    if (pausedDays <= 0) return base;
    return caseClockOf(item.promiseUnit) === 'working'
      ? calendar.addWorkingDays(base, pausedDays)
      : addNaturalDays(base, pausedDays);
  });
}

/**
 * 受理 needs every required material (行政许可法 Art. 32): a window submission may arrive without some, and
 * only a 补正 brings them. A 容缺 (deferrable) material may follow after 受理.
 */
export function assertMaterialsComplete(c: CaseEntity, item: ServiceItemEntity): void {
  const missing = missingMaterials(c, item);
  if (missing.length > 0) {
    throw new DomainError('MATERIALS_INCOMPLETE', undefined, {
      missing: missing.map((m) => ({ code: m.code, name: m.name })),
    });
  }
}

/** The required materials 受理 still waits for (a 容缺 material is not among them). */
export function missingMaterials(
  c: Pick<CaseEntity, 'materials'>,
  item: ServiceItemEntity,
): ServiceItemEntity['materials'] {
  const given = new Set(c.materials.map((m) => m.code));
  return item.materials.filter((m) => m.required && !m.deferrable && !given.has(m.code));
}

/** 申报方式 1 网上; 办件类型 1 即办件. */
export const ONLINE_CHANNEL = '1';
export const IMMEDIATE_PROJECT = '1';
/** Who accepts a 即办件 submitted online. */
export const RULE_ACCEPTOR = '系统 (即办件自动受理)';

/**
 * 即办件 online: a 网上 submission (申报方式 1) of an item handled on the spot (办件类型 1) with every
 * required material is accepted by rule, at once; at the window the clerk accepts it.
 */
export function acceptedByRule(c: CaseEntity, item: ServiceItemEntity): boolean {
  return (
    c.submitChannel === ONLINE_CHANNEL &&
    item.projectType === IMMEDIATE_PROJECT &&
    missingMaterials(c, item).length === 0
  );
}

/**
 * Whether a 特别程序 of approval stops the case's clock: only between 受理 and 办结, and not on top of
 * another pause that is running.
 */
export function procedureStopsClock(c: Pick<CaseEntity, 'status' | 'pausedAt'>): boolean {
  const running: CaseEntity['status'][] = ['ACCEPTED', 'IN_APPROVAL', 'APPROVED'];
  return running.includes(c.status) && c.pausedAt === null;
}

/** 受理: the document number, who and when, and the promise (shared by accept and a chief's overturn). */
export function markAccepted(c: CaseEntity, by: string, at: Date, promiseDate: string): void {
  c.acceptedAt = at;
  c.acceptedBy = by;
  c.acceptDocNo = `SL${c.caseNo}`;
  c.promiseDate = promiseDate;
}

/** The 补正 deadline: `days` working days after the notice (its end of day, Asia/Shanghai). */
export function supplementDeadline(
  calendar: WorkCalendar,
  noticeAt: Date,
  days: number,
): { dueDate: string; dueAt: Date } {
  return onCalendar(() => calendar.dueDate(noticeAt, days, '1'));
}

/**
 * Working days a pause lasted: those in (start date, end date], Asia/Shanghai. A pause that starts and
 * ends on the same day is 0; from a Monday to the Wednesday after it, 2.
 */
export function pausedWorkingDays(calendar: WorkCalendar, from: Date, to: Date): number {
  return onCalendar(() =>
    calendar.workingDaysBetween(calendar.toShanghaiDate(from), calendar.toShanghaiDate(to)),
  );
}
