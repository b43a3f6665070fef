import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 证照共享 for partner departments (issue 10 part 2): registered clients (secret hashed), their short-lived
 * access tokens (hashed) and the single-use, expiring download links. Partner clients live here rather
 * than in the gateway: what they may see (licence types) is certificate data.
 */
export class ShareClients1732400000320 implements MigrationInterface {
  name = 'ShareClients1732400000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE share_clients (
        access_id varchar(64) PRIMARY KEY,
        secret_hash varchar(64) NOT NULL,
        name varchar(100) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        cert_type_codes text[] NOT NULL,
        operations text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        secret_rotated_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE share_tokens (
        token_hash varchar(64) PRIMARY KEY,
        access_id varchar(64) NOT NULL REFERENCES share_clients(access_id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX share_tokens_client_idx ON share_tokens (access_id)`);
    await q.query(`CREATE INDEX share_tokens_expiry_idx ON share_tokens (expires_at)`);
    await q.query(`
      CREATE TABLE share_download_links (
        id varchar(32) PRIMARY KEY,
        licence_id varchar(120) NOT NULL,
        access_id varchar(64) NOT NULL REFERENCES share_clients(access_id) ON DELETE CASCADE,
        dept_code varchar(18) NOT NULL,
        use_cause varchar(200) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX share_download_links_expiry_idx ON share_download_links (expires_at)`);
    // Lookups of the share operations: by holder (hash) and licence type.
    await q.query(`CREATE INDEX licences_type_holder_idx ON licences (type_code, holder_cert_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX licences_type_holder_idx`);
    await q.query(`DROP TABLE share_download_links`);
    await q.query(`DROP TABLE share_tokens`);
    await q.query(`DROP TABLE share_clients`);
  }
}
