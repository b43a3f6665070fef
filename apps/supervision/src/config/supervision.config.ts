import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';
import { CLOCK_KINDS, ClockKind } from '@app/shared/contracts';

const KIND_LIST_RE = new RegExp(`^((${CLOCK_KINDS.join('|')})(,(${CLOCK_KINDS.join('|')}))*)?$`);

/** A yellow threshold: at most this many working days left (0–30). */
function YellowDays(): PropertyDecorator {
  return (target, key) => {
    Type(() => Number)(target, key);
    IsInt()(target, key);
    Min(0)(target, key);
    Max(30)(target, key);
  };
}

export class SupervisionConfig extends ServiceConfig {
  override PORT = 3005;
  override KAFKA_CLIENT_ID = 'supervision';
  override KAFKA_GROUP_ID = 'supervision';
  /**
   * Supervision is off the applicant's path (lights move in working days), and its group holds every
   * topic: 28 × 6 partitions, all named in every fetch and every answer (kafkajs has no incremental fetch
   * sessions). Answering each event at once cost a fetch per event, ~9 per case; waiting up to 1 s for
   * 64 KiB gathers the events of that second into one fetch (at most 1 fetch a second below ~64 KiB of
   * events a second). A fetch that waits its time out is still answered with all 168 partitions read: at
   * 250 ms that was most of the 11 % of the broker's CPU during the pipeline bench (JFR, `executor-Fetch`). The other
   * services keep the shared defaults (1 byte, 5 s): each hop of a case waits.
   */
  override KAFKA_FETCH_MIN_BYTES = 65_536;
  override KAFKA_FETCH_MAX_WAIT_MS = 1000;
  /**
   * A gathered fetch carries the events of up to a second on many topic-partitions (~9 topics per case): handled
   * 32 partitions at a time in chunks that share one transaction (the inbox's group commit), a fetch costs
   * one or two commits instead of one per event, and two events of one case never race to create its row.
   */
  override KAFKA_BATCH_MAX = 100;
  override KAFKA_PARTITIONS_CONCURRENTLY = 32;

  /** How often each replica recomputes the lights (one replica at a time acts; ≤ 30 s: red within a minute). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  SUPERVISION_SWEEP_INTERVAL_MS = 15_000;

  /** Whether this replica runs the light sweeper at all (tests that drive the sweep by hand turn it off). */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  SUPERVISION_SWEEPER_ENABLED: boolean = true;

  /** Clocks recomputed per sweep at most (the next sweep takes the rest). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SUPERVISION_SWEEP_BATCH = 2_000;

  /** Yellow when at most this many working days remain: 承诺办结. */
  @YellowDays() SUPERVISION_YELLOW_DAYS_CASE_PROMISE = 2;
  /** … an approval step's limit (steps last 1–3 working days). */
  @YellowDays() SUPERVISION_YELLOW_DAYS_APPROVAL_STEP = 1;
  /** … a 特别程序's expected end. */
  @YellowDays() SUPERVISION_YELLOW_DAYS_SPECIAL_PROCEDURE = 1;
  /** … a 补正 deadline (the applicant's). */
  @YellowDays() SUPERVISION_YELLOW_DAYS_SUPPLEMENT = 1;
  /** … a 容缺 material's deadline (the applicant's). */
  @YellowDays() SUPERVISION_YELLOW_DAYS_DEFERRED_MATERIAL = 1;
  /** … a 告知承诺 事后核查 deadline. */
  @YellowDays() SUPERVISION_YELLOW_DAYS_POST_CHECK = 3;
  /** … a 差评整改 deadline (15 working days in evaluation). */
  @YellowDays() SUPERVISION_YELLOW_DAYS_RECTIFICATION = 3;

  /**
   * Clock kinds whose red opens a 督办 item for the department head (comma-separated). Left out by default:
   * the applicant's own deadlines (补正, 容缺: intake ends such a case by itself, 退件) and 差评整改 (no event
   * says a work order was rectified yet, so every one would turn red: add RECTIFICATION once evaluation
   * publishes its rectification).
   */
  @Matches(KIND_LIST_RE, {
    message: `SUPERVISION_ESCALATE_KINDS must list clock kinds of ${CLOCK_KINDS.join(', ')}`,
  })
  SUPERVISION_ESCALATE_KINDS = 'CASE_PROMISE,APPROVAL_STEP,SPECIAL_PROCEDURE,POST_CHECK';

  yellowDays(kind: ClockKind): number {
    switch (kind) {
      case 'CASE_PROMISE':
        return this.SUPERVISION_YELLOW_DAYS_CASE_PROMISE;
      case 'APPROVAL_STEP':
        return this.SUPERVISION_YELLOW_DAYS_APPROVAL_STEP;
      case 'SPECIAL_PROCEDURE':
        return this.SUPERVISION_YELLOW_DAYS_SPECIAL_PROCEDURE;
      case 'SUPPLEMENT':
        return this.SUPERVISION_YELLOW_DAYS_SUPPLEMENT;
      case 'DEFERRED_MATERIAL':
        return this.SUPERVISION_YELLOW_DAYS_DEFERRED_MATERIAL;
      case 'POST_CHECK':
        return this.SUPERVISION_YELLOW_DAYS_POST_CHECK;
      case 'RECTIFICATION':
        return this.SUPERVISION_YELLOW_DAYS_RECTIFICATION;
    }
  }

  get escalateKinds(): ReadonlySet<ClockKind> {
    return new Set(this.SUPERVISION_ESCALATE_KINDS.split(',').filter(Boolean) as ClockKind[]);
  }
}
