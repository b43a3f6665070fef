import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { columnOf, hydrate, loadedColumns, quote, statementOf } from './entity-sql';

/**
 * Saving a changed aggregate in ONE statement. TypeORM's `save` of a loaded entity selects the row again,
 * diffs it in JavaScript and then updates it: two round trips and much of a hot event handler's CPU. An
 * entity `track`ed when it was loaded (under its row lock) remembers its column values; `saveChanges`
 * then writes only the changed columns with one UPDATE — bumping the `@VersionColumn` and setting the
 * `@UpdateDateColumn` as TypeORM would — and can piggy-back a `pg_notify` on the same statement. Entities
 * without relations or listeners only (the case aggregates); an untracked entity falls back to `em.save`.
 */
const snapshots = new WeakMap<object, Map<string, unknown>>();

const comparable = (v: unknown): unknown =>
  v instanceof Date ? v.getTime() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;

const writableColumns = new WeakMap<object, ColumnMetadata[]>();

/** The columns a save writes (computed once per entity: this runs on every lock and save). */
function writable(em: EntityManager, target: EntityTarget<ObjectLiteral>): ColumnMetadata[] {
  const meta = em.connection.getMetadata(target);
  let cols = writableColumns.get(meta);
  if (!cols) {
    cols = meta.columns.filter((c) => !c.isVirtual && !c.isVersion && !c.isUpdateDate && !c.isCreateDate);
    writableColumns.set(meta, cols);
  }
  return cols;
}

/**
 * The rows of `SELECT <the loaded columns>[, extra] FROM <table> <tail>`, hydrated the way TypeORM's `find`
 * would (through the driver's `prepareHydratedValue`) but without its query builder: the SQL is built once
 * per entity and `key`.
 */
async function selectHydrated<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  key: string,
  all: boolean,
  tail: (meta: EntityMetadata) => string,
  values: unknown[],
  extra = '',
): Promise<Array<{ entity: E; row: Record<string, unknown> }>> {
  const meta = em.connection.getMetadata(target);
  const sql = statementOf(meta, `${key}${extra}`, () => {
    const cols = loadedColumns(meta, all).map((c) => quote(c.databaseName));
    if (extra) cols.push(extra);
    return `SELECT ${cols.join(', ')} FROM ${quote(meta.tableName)} ${tail(meta)}`;
  });
  const rows = await em.query<Array<Record<string, unknown>>>(sql, values);
  return rows.map((row) => ({ entity: hydrate<E>(em, meta, row, all), row }));
}

/** One row by a unique column (every column and the row lock `forUpdate`, else the `find` columns). */
async function selectRow<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
  forUpdate: boolean,
  extra = '',
): Promise<{ entity: E; row: Record<string, unknown> } | null> {
  const lock = forUpdate ? ' FOR NO KEY UPDATE' : '';
  const [first] = await selectHydrated(
    em,
    target,
    `${property}${lock}`,
    forUpdate,
    (meta) => `WHERE ${columnOf(meta, property)} = $1${lock}`,
    [value],
    extra,
  );
  return first ?? null;
}

/**
 * Every row whose `property` equals `value`, in the order given (no lock, not tracked; `select: false`
 * columns left out): what `find({ where, order })` answers, without the query builder — a case's audit trail
 * read by every decision.
 */
export async function readManyBy<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
  order: Array<[keyof E & string, 'ASC' | 'DESC']>,
): Promise<E[]> {
  const rows = await selectHydrated(
    em,
    target,
    `many ${property} ${order.flat().join(' ')}`,
    false,
    (meta) =>
      `WHERE ${columnOf(meta, property)} = $1 ORDER BY ${order.map(([p, dir]) => `${columnOf(meta, p)} ${dir}`).join(', ')}`,
    [value],
  );
  return rows.map((r) => r.entity);
}

/**
 * The first row of `where` in `orderBy` (both SQL of the caller's own, over column names; values as `$1`…),
 * hydrated as `findOne` would: for a lookup that needs more than one column, in one statement.
 */
export async function readFirstWhere<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  where: string,
  orderBy: string,
  values: unknown[],
): Promise<E | null> {
  const [first] = await selectHydrated(
    em,
    target,
    `first ${where} ${orderBy}`,
    false,
    () => `WHERE ${where} ORDER BY ${orderBy} LIMIT 1`,
    values,
  );
  return first?.entity ?? null;
}

async function selectOne<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
  forUpdate: boolean,
): Promise<E | null> {
  return (await selectRow(em, target, property, value, forUpdate))?.entity ?? null;
}

/**
 * Loads one row FOR NO KEY UPDATE by a unique column and returns it as a tracked entity — the hot path of
 * every case command and event, without TypeORM's query builder. The lock an UPDATE of non-key columns
 * takes: lockers of the row wait for each other, but a foreign-key check of a row that references it (an
 * intake timeline entry, `FOR KEY SHARE`) does not wait for the locker's transaction to end.
 */
export async function lockTracked<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
): Promise<E | null> {
  const entity = await selectOne(em, target, property, value, true);
  return entity && track(em, target, entity);
}

/**
 * Reads one row by a unique column (no lock, not tracked; `select: false` columns left out, as `find` does):
 * the hot reads, like a client's status poll or a QR verification.
 */
export function readOneBy<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
): Promise<E | null> {
  return selectOne(em, target, property, value, false);
}

/**
 * `readOneBy` with more select expressions in the same statement (`extra`: SQL of the caller's own, which may
 * use `$1`, the value looked up), answered as they come from the driver: one round trip instead of two.
 */
export async function readOneWith<E extends ObjectLiteral, X>(
  em: EntityManager,
  target: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
  extra: string,
): Promise<{ entity: E; extra: X } | null> {
  const r = await selectRow(em, target, property, value, false, extra);
  return r && { entity: r.entity, extra: r.row as X };
}

/** Remembers what a just-loaded entity holds, so `saveChanges` can write only what changed. */
export function track<E extends ObjectLiteral>(em: EntityManager, target: EntityTarget<E>, entity: E): E {
  const snap = new Map<string, unknown>();
  for (const c of writable(em, target)) snap.set(c.propertyName, comparable(c.getEntityValue(entity)));
  snapshots.set(entity, snap);
  return entity;
}

export interface SaveChangesOptions {
  /** `pg_notify(channel, payload)` in the same statement, only when something changed. */
  notify?: { channel: string; payload: string };
}

/**
 * Writes the columns of a tracked entity that changed since `track` (or the last `saveChanges`), in one
 * UPDATE; returns whether anything changed. Untracked entities are saved with `em.save` (and notified).
 */
export async function saveChanges<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  entity: E,
  opts: SaveChangesOptions = {},
): Promise<boolean> {
  const snap = snapshots.get(entity);
  if (!snap) {
    await em.save(target, entity);
    if (opts.notify) await em.query('SELECT pg_notify($1, $2)', [opts.notify.channel, opts.notify.payload]);
    return true;
  }
  const meta = em.connection.getMetadata(target);
  const changed = writable(em, target).filter(
    (c) => comparable(c.getEntityValue(entity)) !== snap.get(c.propertyName),
  );
  if (changed.length === 0) return false;
  const params: unknown[] = changed.map(
    (c): unknown => em.connection.driver.preparePersistentValue(c.getEntityValue(entity), c) as unknown,
  );
  const sets = changed.map((c, i) => `${quote(c.databaseName)} = $${i + 1}`);
  const returning: ColumnMetadata[] = [];
  if (meta.versionColumn) {
    const v = quote(meta.versionColumn.databaseName);
    sets.push(`${v} = ${v} + 1`);
    returning.push(meta.versionColumn);
  }
  if (meta.updateDateColumn) {
    sets.push(`${quote(meta.updateDateColumn.databaseName)} = CURRENT_TIMESTAMP`);
    returning.push(meta.updateDateColumn);
  }
  const [pk] = meta.primaryColumns;
  params.push(pk.getEntityValue(entity));
  const ret = returning.length > 0 ? returning.map((c) => quote(c.databaseName)).join(', ') : '1 AS one';
  // Always as a SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows.
  const update = `UPDATE ${quote(meta.tableName)} SET ${sets.join(', ')} WHERE ${quote(pk.databaseName)} = $${params.length} RETURNING ${ret}`;
  let notify = '';
  if (opts.notify) {
    params.push(opts.notify.channel, opts.notify.payload);
    notify = `, pg_notify($${params.length - 1}, $${params.length})`;
  }
  const sql = `WITH u AS (${update}) SELECT u.*${notify} FROM u`;
  const rows = await em.query<Array<Record<string, unknown>>>(sql, params);
  if (rows.length !== 1) throw new Error(`${meta.tableName} row ${String(params[changed.length])} is gone`);
  for (const c of returning) c.setEntityValue(entity, rows[0][c.databaseName]);
  for (const c of changed) snap.set(c.propertyName, comparable(c.getEntityValue(entity)));
  return true;
}
