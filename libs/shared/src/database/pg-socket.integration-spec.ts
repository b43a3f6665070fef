import { DataSource } from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { runDeclaredMigrations } from './database.module';
import { connectionOf } from './pg-socket';

/** The machine's PostgreSQL through its Unix socket, as `npm run up` connects the services (libpq's URL form). */
describe('DATABASE_URL with a socket directory (real PostgreSQL)', () => {
  const socketDir = '/var/run/postgresql'; // Debian's, as scripts/up.sh's default
  let db: { name: string; drop(): Promise<void> };

  beforeAll(async () => {
    db = await createTestDatabase('it_pg_socket');
  });
  afterAll(() => db.drop());

  it('TypeORM connects over the socket, not TCP (the server sees no client address)', async () => {
    const ds = new DataSource({
      type: 'postgres',
      ...connectionOf(`postgres://postgres@/${db.name}?host=${socketDir}`),
    });
    await ds.initialize();
    try {
      const [row] = await ds.query('SELECT current_database() AS db, inet_client_addr() AS addr');
      expect(row).toEqual({ db: db.name, addr: null });
    } finally {
      await ds.destroy();
    }
  });

  it('the migration runner (`--migrate`) connects the same way', async () => {
    await expect(runDeclaredMigrations(`postgres://postgres@/${db.name}?host=${socketDir}`)).resolves.toEqual(
      [],
    );
  });
});
