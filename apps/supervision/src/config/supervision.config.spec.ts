import { loadConfig } from '@app/shared/config';
import { SupervisionConfig } from './supervision.config';

describe('SupervisionConfig', () => {
  const base = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gov_supervision',
    JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
    PII_HASH_KEY: 'a-key-of-sixteen-chars',
  };

  it('has defaults for every clock type and escalates the department’s clocks only', () => {
    const c = loadConfig(SupervisionConfig, base);
    expect(c.PORT).toBe(3005);
    expect(c.SUPERVISION_SWEEP_INTERVAL_MS).toBe(15_000);
    expect(c.SUPERVISION_SWEEPER_ENABLED).toBe(true);
    // Off the applicant's path: its fetches gather up to 1 s of events (the other services answer each).
    expect([c.KAFKA_FETCH_MIN_BYTES, c.KAFKA_FETCH_MAX_WAIT_MS]).toEqual([65_536, 1000]);
    // ... and are handled 32 partitions at a time in chunks that share a transaction (group commit).
    expect([c.KAFKA_BATCH_MAX, c.KAFKA_PARTITIONS_CONCURRENTLY]).toEqual([100, 32]);
    expect(c.yellowDays('CASE_PROMISE')).toBe(2);
    expect(c.yellowDays('APPROVAL_STEP')).toBe(1);
    expect(c.yellowDays('RECTIFICATION')).toBe(3);
    expect([...c.escalateKinds]).toEqual([
      'CASE_PROMISE',
      'APPROVAL_STEP',
      'SPECIAL_PROCEDURE',
      'POST_CHECK',
    ]);
  });

  it('reads the settings from the environment and refuses bad ones at boot', () => {
    const c = loadConfig(SupervisionConfig, {
      ...base,
      SUPERVISION_YELLOW_DAYS_CASE_PROMISE: '3',
      SUPERVISION_SWEEPER_ENABLED: 'false',
      SUPERVISION_ESCALATE_KINDS: 'CASE_PROMISE,RECTIFICATION',
    });
    expect(c.yellowDays('CASE_PROMISE')).toBe(3);
    const eager = loadConfig(SupervisionConfig, {
      ...base,
      KAFKA_FETCH_MIN_BYTES: '1',
      KAFKA_FETCH_MAX_WAIT_MS: '5000',
    });
    expect([eager.KAFKA_FETCH_MIN_BYTES, eager.KAFKA_FETCH_MAX_WAIT_MS]).toEqual([1, 5000]);
    expect(c.SUPERVISION_SWEEPER_ENABLED).toBe(false);
    expect(c.escalateKinds.has('RECTIFICATION')).toBe(true);
    expect(() => loadConfig(SupervisionConfig, { ...base, SUPERVISION_SWEEP_INTERVAL_MS: '60000' })).toThrow(
      /SUPERVISION_SWEEP_INTERVAL_MS/,
    );
    expect(() => loadConfig(SupervisionConfig, { ...base, SUPERVISION_ESCALATE_KINDS: 'OVERDUE' })).toThrow(
      /SUPERVISION_ESCALATE_KINDS/,
    );
    expect(() =>
      loadConfig(SupervisionConfig, { ...base, SUPERVISION_YELLOW_DAYS_POST_CHECK: '-1' }),
    ).toThrow(/SUPERVISION_YELLOW_DAYS_POST_CHECK/);
  });
});
