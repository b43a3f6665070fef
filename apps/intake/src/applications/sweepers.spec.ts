import { IntakeConfig } from '../config/intake.config';
import { ObligationsSweeper } from './obligations-sweeper';
import { OverdueReceiptSweeper } from './overdue-receipt-sweeper';
import { RefusalConfirmationSweeper } from './refusal-confirmation-sweeper';
import { SupplementSweeper } from './supplement-sweeper';
import { ExpireOwedMaterialsUseCase } from './use-cases/expire-owed-materials/expire-owed-materials.use-case';
import { ExpireSupplementsUseCase } from './use-cases/expire-supplements/expire-supplements.use-case';
import { FlagOverduePostChecksUseCase } from './use-cases/flag-overdue-post-checks/flag-overdue-post-checks.use-case';
import { FlagOverdueReceiptsUseCase } from './use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';
import { FlagOverdueRefusalsUseCase } from './use-cases/flag-overdue-refusals/flag-overdue-refusals.use-case';

/** Every intake sweeper ticks at INTAKE_SWEEP_INTERVAL_MS (and not at all with 0). */
describe('intake sweepers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const sweepers = (intervalMs: number) => {
    const config = Object.assign(new IntakeConfig(), { INTAKE_SWEEP_INTERVAL_MS: intervalMs });
    const run = () => jest.fn(() => Promise.resolve([] as string[]));
    const runs = {
      supplements: run(),
      owed: run(),
      postChecks: run(),
      receipts: run(),
      refusals: run(),
    };
    const all = [
      new SupplementSweeper(config, { execute: runs.supplements } as unknown as ExpireSupplementsUseCase),
      new ObligationsSweeper(
        config,
        { execute: runs.owed } as unknown as ExpireOwedMaterialsUseCase,
        { execute: runs.postChecks } as unknown as FlagOverduePostChecksUseCase,
      ),
      new OverdueReceiptSweeper(config, { execute: runs.receipts } as unknown as FlagOverdueReceiptsUseCase),
      new RefusalConfirmationSweeper(config, {
        execute: runs.refusals,
      } as unknown as FlagOverdueRefusalsUseCase),
    ];
    return { all, runs };
  };

  it('runs every sweep once per configured interval', async () => {
    const { all, runs } = sweepers(2_000);
    all.forEach((s) => s.onModuleInit());
    await jest.advanceTimersByTimeAsync(1_999);
    expect(Object.values(runs).map((r) => r.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(Object.values(runs).map((r) => r.mock.calls.length)).toEqual([1, 1, 1, 1, 1]);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(Object.values(runs).map((r) => r.mock.calls.length)).toEqual([2, 2, 2, 2, 2]);
    await Promise.all(all.map((s) => s.onApplicationShutdown()));
  });

  it('does not sweep in this process with an interval of 0', async () => {
    const { all, runs } = sweepers(0);
    all.forEach((s) => s.onModuleInit());
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(Object.values(runs).every((r) => r.mock.calls.length === 0)).toBe(true);
    await Promise.all(all.map((s) => s.onApplicationShutdown()));
  });
});
