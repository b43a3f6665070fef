import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provincial exchange: what it knows of each case (facts merged from events, the 好差评 serviceNumber
 * the province answered) and one row per record to push, with its delivery state.
 */
export class ProvincialExchange1764300000000 implements MigrationInterface {
  name = 'ProvincialExchange1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_cases (
        case_no varchar(50) PRIMARY KEY,
        facts jsonb NOT NULL DEFAULT '{}',
        service_number varchar(100),
        service_code varchar(100),
        service_recorded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE exchange_records (
        id uuid PRIMARY KEY,
        pos bigserial NOT NULL,
        case_no varchar(50) NOT NULL,
        kind varchar(40) NOT NULL CHECK (kind IN ('up_pro_accept', 'up_pro_process',
          'up_pro_special_procedure', 'up_pro_material', 'up_pro_result', 'projectService', 'evaluate')),
        event_id uuid NOT NULL,
        topic varchar(200) NOT NULL,
        seq int NOT NULL DEFAULT 0,
        order_at timestamptz NOT NULL,
        row_guid uuid NOT NULL,
        cd_operation varchar(1) NOT NULL CHECK (cd_operation IN ('I', 'U')),
        after_accept boolean NOT NULL DEFAULT false,
        source jsonb NOT NULL,
        state varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status int,
        last_error varchar(300),
        sent_body jsonb,
        answer jsonb,
        delivered_at timestamptz,
        dead_at timestamptz,
        replays int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exchange_records_once UNIQUE (event_id, kind, seq)
      )`);
    // The sweep: due records; a case's records not yet delivered, in order (the head of each case).
    await q.query(
      `CREATE INDEX exchange_records_due ON exchange_records (next_attempt_at) WHERE state = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX exchange_records_open ON exchange_records (case_no, order_at, pos) WHERE state <> 'DELIVERED'`,
    );
    await q.query(`CREATE INDEX exchange_records_log ON exchange_records (state, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_records`);
    await q.query(`DROP TABLE exchange_cases`);
  }
}
