/** pg's conversion of a bound value to the text it sends (`pg/lib/utils`, not typed by @types/pg). */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
