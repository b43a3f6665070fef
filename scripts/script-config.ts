import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, Matches, Min } from 'class-validator';

/** The environment the infra scripts read (validated like every app's). */
export class ScriptKafkaConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;
}
