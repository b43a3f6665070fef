/**
 * The reform numbers that need facts published since the first statistics: visits (最多跑一次, 一次不用跑),
 * 法定时限 (承诺时限压缩率) and what became of 差评 work orders (差评整改率, 回访率).
 */
import { Metric, rate, round } from './metric';

export interface VisitFact {
  /** Visits actually made (到现场次数); null when the case was completed before intake published them. */
  visits: number | null;
  /** The item's 跑动次数. */
  visitLimit: number | null;
}

/** An item (per 承诺/法定 pair) with cases accepted in the period. */
export interface PromisedItemFact {
  itemCode: string;
  itemName: string | null;
  promiseLimit: number;
  promiseUnit: string;
  legalLimit: number | null;
  legalUnit: string | null;
  visitLimit: number | null;
  cases: number;
}

/** 差评 work orders opened in the period and what became of them. */
export interface BadReviewOrderFacts {
  opened: number;
  /** Voided on appeal (误评 / 恶意): out of every 差评 denominator. */
  voided: number;
  /** Rectified or explained (of the orders not voided). */
  rectified: number;
  /** Of those, on or before the 整改 deadline. */
  rectifiedOnTime: number;
  /** Followed up (回访) and closed. */
  followedUp: number;
}

/** Case-based (actual visits) and item-based (promised 跑动次数) 最多跑一次 / 一次不用跑. */
export function visitMetrics(completed: VisitFact[], items: PromisedItemFact[]): Metric[] {
  const known = completed.filter((c) => c.visits !== null);
  const kept = completed.filter((c) => c.visits !== null && c.visitLimit !== null);
  const limits = new Map<string, number>();
  for (const i of items) {
    if (i.visitLimit !== null) limits.set(i.itemCode, Math.max(limits.get(i.itemCode) ?? 0, i.visitLimit));
  }
  const itemLimits = [...limits.values()];
  const knownNote = ' (办结件中记录了实际跑动次数的; 办结结果 0/1/4, 已受理)';
  return [
    rate(
      'atMostOneVisitRate',
      '最多跑一次率',
      `实际跑动 ≤ 1 次的办结件数 / 办结件数${knownNote}`,
      known.filter((c) => (c.visits ?? 0) <= 1).length,
      known.length,
    ),
    rate(
      'zeroVisitRate',
      '一次不用跑率',
      `实际跑动 0 次的办结件数 / 办结件数${knownNote}`,
      known.filter((c) => c.visits === 0).length,
      known.length,
    ),
    rate(
      'visitPromiseKeptRate',
      '跑动承诺兑现率',
      '实际跑动次数 ≤ 事项跑动次数的办结件数 / 两者均已知的办结件数',
      kept.filter((c) => (c.visits ?? 0) <= (c.visitLimit ?? 0)).length,
      kept.length,
    ),
    rate(
      'itemAtMostOneVisitRate',
      '最多跑一次事项占比',
      '跑动次数 ≤ 1 的事项数 / 期间有受理件且跑动次数已知的事项数 (an item with several versions counts its largest 跑动次数)',
      itemLimits.filter((n) => n <= 1).length,
      itemLimits.length,
    ),
    rate(
      'itemZeroVisitRate',
      '一次不用跑事项占比',
      '跑动次数 = 0 的事项数 / 期间有受理件且跑动次数已知的事项数',
      itemLimits.filter((n) => n === 0).length,
      itemLimits.length,
    ),
  ];
}

/** Minutes per unit for the units that convert exactly (小时, 分钟). */
const MINUTES: Record<string, number> = { '3': 60, '4': 1 };

/**
 * 1 − 承诺/法定 when both limits are in one unit or in units that convert exactly (小时 ↔ 分钟); null when
 * the 法定时限 is unknown or 0, or the units cannot be compared without a calendar (工作日 against 自然日 or 月).
 */
export function compression(
  promise: number,
  promiseUnit: string,
  legal: number | null,
  legalUnit: string | null,
): number | null {
  if (legal === null || legalUnit === null || legal <= 0) return null;
  if (promiseUnit === legalUnit) return round(1 - promise / legal);
  if (promiseUnit in MINUTES && legalUnit in MINUTES) {
    return round(1 - (promise * MINUTES[promiseUnit]) / (legal * MINUTES[legalUnit]));
  }
  return null;
}

/** 承诺时限压缩率 per item and its average over the items where it is defined. */
export function promiseCompressionOf(items: PromisedItemFact[]): {
  average: Metric;
  perItem: Array<PromisedItemFact & { value: number | null }>;
} {
  const perItem = items.map((i) => ({
    ...i,
    value: compression(i.promiseLimit, i.promiseUnit, i.legalLimit, i.legalUnit),
  }));
  const values = perItem.map((i) => i.value).filter((v): v is number => v !== null);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    average: {
      key: 'promiseCompressionRate',
      name: '承诺时限压缩率',
      formula:
        'Σ (1 − 承诺时限 / 法定时限) / 事项数 — over the items (per 承诺/法定 pair) with cases accepted in the period whose two limits share a unit (or 小时/分钟); numerator: the sum',
      numerator: round(sum),
      denominator: values.length,
      value: values.length === 0 ? null : round(sum / values.length),
      unit: 'ratio',
      available: true,
    },
    perItem,
  };
}

/** 差评整改率, 整改按时率 and 回访率 over the work orders opened in the period, voided ones excluded. */
export function rectificationMetrics(b: BadReviewOrderFacts): Metric[] {
  const counted = b.opened - b.voided;
  return [
    rate(
      'badReviewRectifiedRate',
      '差评整改率',
      '已整改或已解释说明的差评工单数 / 期间开立的差评工单数 (申诉作废的除外)',
      b.rectified,
      counted,
    ),
    rate(
      'badReviewRectifiedOnTimeRate',
      '差评按时整改率',
      '整改期限内整改或解释说明的工单数 / 已整改或已解释说明的工单数 (期间开立, 申诉作废的除外)',
      b.rectifiedOnTime,
      b.rectified,
    ),
    rate(
      'revisitRate',
      '回访率',
      '已回访的差评工单数 / 期间开立的差评工单数 (申诉作废的除外)',
      b.followedUp,
      counted,
    ),
  ];
}
