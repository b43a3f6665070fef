import { DataSource } from 'typeorm';
import { ApplicationNotAcceptedV1 } from '../contracts/events';
import { MESSAGING_MIGRATIONS } from '../database/database.module';
import { createTestDatabase } from './test-env';

/** A valid `intake.application.not-accepted.v1` payload: the topic the messaging tests publish on. */
export function notAcceptedPayload(caseNo: string, reason = '材料不属于本部门'): ApplicationNotAcceptedV1 {
  return Object.assign(new ApplicationNotAcceptedV1(), {
    caseNo,
    itemCode: 'ITEM-1',
    itemName: '测试事项',
    deptCode: '113301000024901620',
    deptName: '杭州市市场监督管理局',
    reason,
    decidedAt: new Date().toISOString(),
    decidedBy: 'tester',
  });
}

/** A fresh database with the messaging tables (outbox, processed_events) and `side_effects` for handlers. */
export interface MessagingTestDatabase {
  ds: DataSource;
  drop(): Promise<void>;
}

export async function messagingTestDatabase(name: string): Promise<MessagingTestDatabase> {
  const db = await createTestDatabase(name);
  const ds = new DataSource({ type: 'postgres', url: db.url, migrations: MESSAGING_MIGRATIONS });
  await ds.initialize();
  await ds.runMigrations();
  await ds.query(`CREATE TABLE side_effects (id serial PRIMARY KEY, case_no text, label text)`);
  return {
    ds,
    drop: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}
