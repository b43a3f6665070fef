import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and processed_events tables every domain service has (docs/architecture.md, delivery guarantees). */
export class CreateMessagingTables1732400000000 implements MigrationInterface {
  name = 'CreateMessagingTables1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic varchar(200) NOT NULL,
        message_key varchar(200) NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE processed_events (
        event_id uuid NOT NULL,
        consumer varchar(100) NOT NULL,
        topic varchar(200) NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_events`);
    await q.query(`DROP TABLE outbox`);
  }
}
