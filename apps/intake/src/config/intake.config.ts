import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

export class IntakeConfig extends ServiceConfig {
  override PORT = 3001;
  override KAFKA_CLIENT_ID = 'intake';
  override KAFKA_GROUP_ID = 'intake';

  /** 6-digit 行政区划代码 that prefixes every 办件编号 of this deployment. */
  @Matches(/^\d{6}$/, { message: 'REGION_CODE must be a 6-digit administrative division code' })
  REGION_CODE = '330100';

  /**
   * 窗口无否决权: working days the window's chief has to confirm or overturn a clerk's 拟不予受理; after that
   * the proposal is escalated (intake.application.refusal-confirmation-overdue.v1), never decided by default.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  REFUSAL_CONFIRM_WORKDAYS = 1;

  /**
   * How often each replica runs intake's sweeps: 补正 deadlines missed (退件), owed materials and 事后核查
   * overdue, receipts past Art. 32, refusal proposals left undecided. One replica at a time acts; the
   * deadlines are whole days, so minutes are precise enough. 1 s – 1 h; 0 turns the sweeps off in this
   * process (another replica runs them).
   */
  @Type(() => Number)
  @IsInt({ message: 'INTAKE_SWEEP_INTERVAL_MS must be an integer number of milliseconds' })
  @ValidateIf((c: IntakeConfig) => c.INTAKE_SWEEP_INTERVAL_MS !== 0)
  @Min(1_000, { message: 'INTAKE_SWEEP_INTERVAL_MS must be 0 (off) or between 1000 and 3600000' })
  @Max(3_600_000, { message: 'INTAKE_SWEEP_INTERVAL_MS must be 0 (off) or between 1000 and 3600000' })
  INTAKE_SWEEP_INTERVAL_MS = 300_000;
}
