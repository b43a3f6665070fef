import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { ServiceConfig } from '../config/base.config';
import { HealthRegistry } from '../health/health.registry';
import { CreateMessagingTables1732400000000 } from './messaging.migration';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function>;

class DatabaseHealth implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.health.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/** The service's own PostgreSQL database: explicit migrations (run at boot), never `synchronize`. */
@Module({})
export class DatabaseModule {
  static forRoot(opts: { entities: ClassList; migrations: ClassList }): DynamicModule {
    const migrations = [
      CreateMessagingTables1732400000000,
      ...(Array.isArray(opts.migrations) ? opts.migrations : []),
    ];
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          useFactory: (cfg: ServiceConfig) => ({
            type: 'postgres' as const,
            url: cfg.DATABASE_URL,
            entities: opts.entities,
            migrations,
            migrationsRun: true,
            migrationsTransactionMode: 'each' as const,
            synchronize: false,
            // Off: failed-query logs would print parameters, which can hold personal data.
            logging: false,
            extra: { max: 10, application_name: cfg.KAFKA_CLIENT_ID },
          }),
        }),
      ],
      providers: [DatabaseHealth],
    };
  }
}
