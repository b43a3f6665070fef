import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';

/** The environment the infra scripts read (validated like every app's). */
export class ScriptKafkaConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;
}

/** The environment the operator commands read (`npm run ops`). */
export class ScriptOpsConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** The service's database; without it, the laptop default `postgres://postgres@127.0.0.1:5432/gov_<service>`. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//)
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_HOURS = 72;

  @Type(() => Number)
  @IsInt()
  @Min(8)
  INBOX_RETENTION_DAYS = 30;
}
