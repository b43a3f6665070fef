import { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateSchema1732400000300 implements MigrationInterface {
  name = 'CertificateSchema1732400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        kid varchar(40) PRIMARY KEY,
        algorithm varchar(20) NOT NULL,
        public_key_hex varchar(130) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE licences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        licence_id varchar(120) NOT NULL UNIQUE,
        case_no varchar(50) NOT NULL,
        item_code varchar(36) NOT NULL,
        type_code varchar(21) NOT NULL,
        type_name varchar(100) NOT NULL,
        serial varchar(40) NOT NULL,
        version varchar(3) NOT NULL,
        holder_name varchar(200) NOT NULL,
        holder_cert_type varchar(3) NOT NULL,
        holder_cert_masked varchar(64) NOT NULL,
        holder_cert_hash varchar(64) NOT NULL,
        holder_user_prop varchar(1) NOT NULL,
        issuer_code varchar(18) NOT NULL,
        issuer_name varchar(100) NOT NULL,
        issue_date date NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        face_fields jsonb NOT NULL,
        file bytea NOT NULL,
        file_sm3 varchar(64) NOT NULL,
        signed_data jsonb NOT NULL,
        signature varchar(200) NOT NULL,
        signed_digest varchar(64) NOT NULL,
        kid varchar(40) NOT NULL REFERENCES signing_keys(kid),
        qr_token varchar(400) NOT NULL,
        status varchar(10) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One licence per approved case and item (first version); a change is a new version.
    await q.query(
      `CREATE UNIQUE INDEX licences_case_item_v1 ON licences (case_no, item_code) WHERE version = '001'`,
    );
    await q.query(`CREATE INDEX licences_file_sm3_idx ON licences (file_sm3)`);
    await q.query(`CREATE INDEX licences_holder_idx ON licences (holder_cert_hash)`);
    await q.query(`
      CREATE TABLE licence_usage (
        id bigserial PRIMARY KEY,
        licence_id varchar(120) NOT NULL,
        action varchar(20) NOT NULL,
        requester_sub varchar(100) NOT NULL,
        requester_dept varchar(18),
        purpose varchar(200) NOT NULL,
        result varchar(40) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX licence_usage_licence_idx ON licence_usage (licence_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE licence_usage`);
    await q.query(`DROP TABLE licences`);
    await q.query(`DROP TABLE signing_keys`);
  }
}
