/** One reform number as the statistics API returns it, and the helpers that build one. */
export interface Metric {
  key: string;
  name: string;
  formula: string;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator (4 decimals) for rates; the value itself for averages and percentiles. */
  value: number | null;
  unit: 'ratio' | 'count' | 'hours' | 'working-days';
  /** false when no event carries what the number needs (the note says which field is missing). */
  available: boolean;
  note?: string;
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function rate(
  key: string,
  name: string,
  formula: string,
  numerator: number,
  denominator: number,
): Metric {
  return {
    key,
    name,
    formula,
    numerator,
    denominator,
    value: denominator === 0 ? null : round(numerator / denominator),
    unit: 'ratio',
    available: true,
  };
}

export function unavailable(
  key: string,
  name: string,
  formula: string,
  denominator: number | null,
  note: string,
): Metric {
  return {
    key,
    name,
    formula,
    numerator: null,
    denominator,
    value: null,
    unit: 'ratio',
    available: false,
    note,
  };
}

/** Nearest-rank percentile: the ⌈p·n⌉-th smallest value (PostgreSQL percentile_disc). */
export function percentile(values: number[], p: number): { rank: number; value: number | null } {
  if (values.length === 0) return { rank: 0, value: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return { rank, value: sorted[rank - 1] };
}
