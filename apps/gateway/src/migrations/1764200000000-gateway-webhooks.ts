import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner webhooks: subscriptions, the events they receive (one body per event), and deliveries. */
export class GatewayWebhooks1764200000000 implements MigrationInterface {
  name = 'GatewayWebhooks1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_name varchar(100) NOT NULL,
        target_url varchar(2000) NOT NULL,
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        dept_codes text[] NOT NULL DEFAULT '{}',
        item_codes text[] NOT NULL DEFAULT '{}',
        status varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        disabled_reason varchar(40),
        disabled_at timestamptz,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        consecutive_dead_letters int NOT NULL DEFAULT 0,
        failing_since timestamptz,
        last_success_at timestamptz,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_event_types ON webhook_subscriptions USING gin (event_types)`,
    );
    await q.query(`
      CREATE TABLE webhook_events (
        event_id uuid PRIMARY KEY,
        topic varchar(200) NOT NULL,
        subject varchar(200) NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_events(event_id),
        topic varchar(200) NOT NULL,
        state varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status int,
        last_error varchar(300),
        delivered_at timestamptz,
        dead_at timestamptz,
        replays int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, state, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_events`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
