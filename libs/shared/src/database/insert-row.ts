import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { hydrate, loadedColumns, quote, statementOf } from './entity-sql';
import { track } from './tracked-entity';

export interface InsertRowOptions {
  /** `ON CONFLICT DO NOTHING`: an existing row (any unique key) answers null instead of an error. */
  ifAbsent?: boolean;
}

/**
 * Inserts a new row of an entity in ONE statement and returns it as a fresh load would (every column, the
 * database's defaults included, `select: false` columns left out), tracked for `saveChanges` — without
 * TypeORM's insert machinery (`save` builds subjects and diffs, `insert` a query builder; both cost more
 * of a hot handler's CPU than the statement, and `save` of a new entity is followed by reads).
 *
 * As `em.insert` does: a property left `undefined` takes the column's DEFAULT (generated ids, creation and
 * update dates), `null` is NULL, values go through the driver's `preparePersistentValue` (JSON,
 * transformers) and the version column starts at 1. Entities without listeners or relations only (the
 * aggregates' rows); the SQL is built once per entity and set of columns given.
 */
export async function insertRow<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  values: Partial<E>,
  opts: InsertRowOptions = {},
): Promise<E | null> {
  const meta = em.connection.getMetadata(target);
  if (meta.ownListeners.length > 0 || meta.relations.length > 0) {
    throw new Error(`insertRow: ${meta.name} has listeners or relations; use em.save`);
  }
  const given: ColumnMetadata[] = [];
  const params: unknown[] = [];
  for (const c of meta.columns) {
    if (c.isVirtual) continue;
    const v: unknown = c.getEntityValue(values);
    if (v === undefined) continue;
    given.push(c);
    params.push(em.connection.driver.preparePersistentValue(v, c));
  }
  const version = meta.versionColumn && !given.includes(meta.versionColumn) ? meta.versionColumn : undefined;
  const key = `insert${opts.ifAbsent ? '?' : ''} ${given.map((c) => c.databaseName).join(',')}`;
  const sql = statementOf(meta, key, () => {
    const cols = given.map((c) => quote(c.databaseName));
    const vals = given.map((_, i) => `$${i + 1}`);
    if (version) {
      cols.push(quote(version.databaseName));
      vals.push('1');
    }
    const returning = loadedColumns(meta, false).map((c) => quote(c.databaseName));
    return (
      `INSERT INTO ${quote(meta.tableName)} (${cols.join(', ')}) VALUES (${vals.join(', ')})` +
      `${opts.ifAbsent ? ' ON CONFLICT DO NOTHING' : ''} RETURNING ${returning.join(', ')}`
    );
  });
  const [row] = await em.query<Array<Record<string, unknown>>>(sql, params);
  if (!row) {
    if (opts.ifAbsent) return null;
    throw new Error(`insertRow: ${meta.tableName} returned no row`);
  }
  return track(em, target, hydrate<E>(em, meta, row, false));
}
