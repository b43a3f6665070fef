import { loadConfig } from '@app/shared/config';
import { IntakeConfig } from './intake.config';

describe('IntakeConfig', () => {
  const base = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gov_intake',
    JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
    PII_HASH_KEY: 'a-key-of-sixteen-chars',
  };

  it('runs the sweeps every 5 minutes by default', () => {
    const c = loadConfig(IntakeConfig, base);
    expect(c.INTAKE_SWEEP_INTERVAL_MS).toBe(300_000);
    expect(c.REFUSAL_CONFIRM_WORKDAYS).toBe(1);
  });

  it('reads the sweep interval from the environment (0 = off here) and refuses bad ones at boot', () => {
    expect(
      loadConfig(IntakeConfig, { ...base, INTAKE_SWEEP_INTERVAL_MS: '60000' }).INTAKE_SWEEP_INTERVAL_MS,
    ).toBe(60_000);
    expect(
      loadConfig(IntakeConfig, { ...base, INTAKE_SWEEP_INTERVAL_MS: '0' }).INTAKE_SWEEP_INTERVAL_MS,
    ).toBe(0);
    for (const bad of ['500', '3600001', '-1', '1.5', 'often']) {
      expect(() => loadConfig(IntakeConfig, { ...base, INTAKE_SWEEP_INTERVAL_MS: bad })).toThrow(
        /INTAKE_SWEEP_INTERVAL_MS/,
      );
    }
  });
});
