import { WorkCalendar } from '@app/shared/calendar';
import type { Light } from '@app/shared/contracts';
import { endOfShanghaiDay } from '@app/shared/time';

export interface LightInput {
  /** The due date its owner published (Asia/Shanghai); the deadline ends at the end of that day. */
  dueDate: string;
  /** Shanghai date a running pause started, or null. */
  pausedSince: string | null;
  /** Today in Asia/Shanghai. */
  today: string;
  /** Yellow when at most this many working days remain. */
  yellowDays: number;
}

export interface LightResult {
  light: Light;
  /** Working days in (today, due]: 0 on the due day itself; negative: working days in (due, today] overdue. */
  remainingWorkingDays: number;
  /** The due date with a running pause counted in. */
  effectiveDueDate: string;
}

/**
 * The 电子监察 light of one clock on one day.
 * - A running pause (特别程序) stops the clock: the due date moves by the working days in (pause start,
 *   today], the same rule approval applies when the procedure ends (due + paused working days), so the
 *   remaining days stand still while paused.
 * - RED: today is after the (effective) due date. YELLOW: at most `yellowDays` working days remain (the due
 *   day itself has 0 left). GREEN otherwise.
 */
export function computeLight(cal: WorkCalendar, i: LightInput): LightResult {
  const effectiveDueDate =
    i.pausedSince !== null && i.pausedSince < i.today
      ? cal.addWorkingDays(i.dueDate, cal.workingDaysBetween(i.pausedSince, i.today))
      : i.dueDate;
  if (i.today > effectiveDueDate) {
    return {
      light: 'RED',
      remainingWorkingDays: 0 - cal.workingDaysBetween(effectiveDueDate, i.today),
      effectiveDueDate,
    };
  }
  const remainingWorkingDays = cal.workingDaysBetween(i.today, effectiveDueDate);
  return {
    light: remainingWorkingDays <= i.yellowDays ? 'YELLOW' : 'GREEN',
    remainingWorkingDays,
    effectiveDueDate,
  };
}

/** Lights change only when a Shanghai day begins (or a clock changes): the next start of a day. */
export function nextShanghaiDay(today: string): Date {
  return new Date(endOfShanghaiDay(today).getTime() + 1);
}

/** Whether a change is published: every change, except a new clock's first light when it is GREEN. */
export function isPublishedChange(previous: Light | null, next: Light): boolean {
  return previous !== next && !(previous === null && next === 'GREEN');
}
