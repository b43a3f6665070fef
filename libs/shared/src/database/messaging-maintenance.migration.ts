import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations on the messaging tables (docs/architecture.md, operations): an outbox row that Kafka refuses
 * for good is parked (moved aside with its error) instead of blocking the relay; published outbox rows and
 * old inbox entries are pruned by age, which needs an index on each table's time column.
 */
export class MessagingMaintenance1764100000000 implements MigrationInterface {
  name = 'MessagingMaintenance1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN parked_at timestamptz,
        ADD COLUMN last_error varchar(2000),
        ADD COLUMN attempts int NOT NULL DEFAULT 0`);
    await q.query(`DROP INDEX outbox_unpublished_idx`);
    await q.query(
      `CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_parked_idx ON outbox (message_key, id) WHERE parked_at IS NOT NULL AND published_at IS NULL`,
    );
    await q.query(`CREATE INDEX outbox_created_at_idx ON outbox (created_at)`);
    await q.query(`CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX processed_events_processed_at_idx`);
    await q.query(`DROP INDEX outbox_created_at_idx`);
    await q.query(`DROP INDEX outbox_parked_idx`);
    await q.query(`DROP INDEX outbox_unpublished_idx`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`ALTER TABLE outbox DROP COLUMN parked_at, DROP COLUMN last_error, DROP COLUMN attempts`);
  }
}
