import { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** SQL building blocks shared by the lean entity reads, writes and inserts (`tracked-entity.ts`, `insert-row.ts`). */

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const rowStatements = new WeakMap<object, Map<string, string>>();

/** The SQL of a statement by `key`, built once per entity (`build` runs on the first use only). */
export function statementOf(meta: EntityMetadata, key: string, build: () => string): string {
  let byKey = rowStatements.get(meta);
  if (!byKey) rowStatements.set(meta, (byKey = new Map<string, string>()));
  let sql = byKey.get(key);
  if (!sql) byKey.set(key, (sql = build()));
  return sql;
}

export function columnOf(meta: EntityMetadata, property: string): string {
  const c = meta.findColumnWithPropertyName(property);
  if (!c) throw new Error(`${meta.name} has no column ${property}`);
  return quote(c.databaseName);
}

/** A driver row as an entity, hydrated the way TypeORM's `find` would (`prepareHydratedValue`). */
export function hydrate<E extends ObjectLiteral>(
  em: EntityManager,
  meta: EntityMetadata,
  row: Record<string, unknown>,
  all: boolean,
): E {
  const entity = meta.create() as E;
  for (const c of loadedColumns(meta, all)) {
    c.setEntityValue(entity, em.connection.driver.prepareHydratedValue(row[c.databaseName], c));
  }
  return entity;
}

/**
 * The columns a load reads: a locked (tracked) load reads every column; a plain read leaves out the
 * `select: false` ones (a licence's file), as TypeORM's `find` does.
 */
export function loadedColumns(meta: EntityMetadata, all: boolean): ColumnMetadata[] {
  return meta.columns.filter((c) => !c.isVirtual && (all || c.isSelect !== false));
}
