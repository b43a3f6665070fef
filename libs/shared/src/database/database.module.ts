import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { ServiceConfig } from '../config/service.config';
import { HealthRegistry } from '../health/health.registry';
import { connectionOf } from './pg-socket';
import { preparingClient, StatementNames } from './prepared-statements';
import { MessagingMaintenance1764100000000 } from './messaging-maintenance.migration';
import { CreateMessagingTables1732400000000 } from './messaging.migration';

/** The messaging tables' migrations every domain service runs before its own. */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1732400000000, MessagingMaintenance1764100000000];

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

/**
 * The service's own PostgreSQL database: explicit migrations, never `synchronize`. Migrations run at boot
 * unless DB_MIGRATIONS_RUN=false; then `main.js --migrate` (the k8s migration Job) runs them once per release.
 */
@Module({})
export class DatabaseModule {
  /** The migrations the app module declared (read by `--migrate`, which runs them without the app). */
  static declaredMigrations: ClassList = [];

  static forRoot(opts: { entities: ClassList; migrations: ClassList }): DynamicModule {
    const migrations = [...MESSAGING_MIGRATIONS, ...(Array.isArray(opts.migrations) ? opts.migrations : [])];
    DatabaseModule.declaredMigrations = migrations;
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
            migrationsRun: cfg.DB_MIGRATIONS_RUN,
            migrationsTransactionMode: 'each' as const,
            synchronize: false,
            // Off: failed-query logs would print parameters, which can hold personal data.
            logging: false,
            extra: {
              ...connectionOf(cfg.DATABASE_URL).extra,
              max: 10,
              application_name: cfg.KAFKA_CLIENT_ID,
              ...(cfg.DATABASE_PREPARED_STATEMENTS > 0 && {
                Client: preparingClient(new StatementNames(cfg.DATABASE_PREPARED_STATEMENTS)),
              }),
            },
          }),
        }),
      ],
      providers: [DatabaseHealth],
    };
  }
}

/**
 * Runs the pending migrations of the app whose module was imported (its DatabaseModule.forRoot call
 * declared them) and returns their names. One runner at a time: TypeORM takes no lock, so this does.
 */
export async function runDeclaredMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    ...connectionOf(databaseUrl),
    migrations: DatabaseModule.declaredMigrations,
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(7302400099)');
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
