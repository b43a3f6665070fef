import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BundleMemberRun } from '../entities/bundle.entity';

/** 一件事 bundle number YJS<行政区划 6><yyyyMMdd><seq 6>: its region. */
export const regionOfBundle = (bundleNo: string): string => bundleNo.slice(3, 9);

/** 一件事 bundles: the submission and the end arrive on different topics, in any order (upserts). */
@Injectable()
export class BundleRepository {
  async submitted(
    em: EntityManager,
    v: {
      bundleNo: string;
      definitionCode: string;
      definitionName: string;
      deptCodes: string[];
      itemCodes: string[];
      submittedAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO sup_bundles (bundle_no, region_code, definition_code, definition_name, dept_codes, item_codes, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (bundle_no) DO UPDATE SET definition_name = EXCLUDED.definition_name,
         dept_codes = EXCLUDED.dept_codes, item_codes = EXCLUDED.item_codes, submitted_at = EXCLUDED.submitted_at`,
      [
        v.bundleNo,
        regionOfBundle(v.bundleNo),
        v.definitionCode,
        v.definitionName,
        v.deptCodes,
        v.itemCodes,
        v.submittedAt,
      ],
    );
  }

  async ended(
    em: EntityManager,
    v: {
      bundleNo: string;
      definitionCode: string;
      definitionName: string;
      state: string;
      endedAt: Date;
      members: BundleMemberRun[];
    },
  ): Promise<void> {
    const depts = [...new Set(v.members.map((m) => m.deptCode))];
    const items = [...new Set(v.members.map((m) => m.itemCode))];
    await em.query(
      `INSERT INTO sup_bundles (bundle_no, region_code, definition_code, definition_name, dept_codes, item_codes, state, ended_at, members)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (bundle_no) DO UPDATE SET state = EXCLUDED.state, ended_at = EXCLUDED.ended_at,
         members = EXCLUDED.members`,
      [
        v.bundleNo,
        regionOfBundle(v.bundleNo),
        v.definitionCode,
        v.definitionName,
        depts,
        items,
        v.state,
        v.endedAt,
        JSON.stringify(v.members),
      ],
    );
  }
}
