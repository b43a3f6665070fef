import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { loadConfig } from '../../libs/shared/src/config/load-config';

/** The environment the chaos suite reads (`npm run chaos`; CI sets CHAOS_SHORT=1), validated like an app's. */
export class ChaosConfig {
  /** 1: the short form CI runs (fewer clients and cases, targets printed as warnings). */
  @IsIn(['0', '1'])
  CHAOS_SHORT = '0';

  /** Concurrent clients (default 3 short, 4 full). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  CHAOS_CLIENTS?: number;

  /** How long each fault is held, ms (default 2000 short, 4000 full). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  CHAOS_HOLD_MS?: number;

  /** Scenarios by broker count: 1 (single broker), 3 (three-node cluster). */
  @Matches(/^[13](,[13])*$/)
  CHAOS_SCENARIOS = '1,3';

  /** 1 / 0: fail (or only warn) on a missed time target; default: fail in full mode only. */
  @IsOptional()
  @IsIn(['0', '1'])
  CHAOS_ENFORCE_TARGETS?: string;

  /** Handed to the services the suite starts (they run `node`). */
  @IsString()
  PATH = '';
}

export const chaosConfig = (): ChaosConfig => loadConfig(ChaosConfig);
