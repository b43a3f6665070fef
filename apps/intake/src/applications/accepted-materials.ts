import { AcceptedMaterialV1 } from '@app/shared/contracts';
import { textProblem } from '@app/shared/validation';
import { MaterialSpec } from '../catalog/entities/service-item.entity';
import { SubmittedMaterial } from './entities/case.entity';

/** Limits of AcceptedMaterialV1 (libs/shared/src/contracts/events.ts). */
const MAX_MATERIALS = 100;
const MAX_NAMES = 20;
const MAX_CHARS = 200;
const MAX_COUNT = 999;

/** At most `max` characters (code points, as the contract and PostgreSQL count them). */
const clip = (s: string, max = MAX_CHARS): string => Array.from(s).slice(0, max).join('');

/** A name as the contract's text rule takes it, or null when nothing clean is left. */
function cleanText(s: string): string | null {
  const name = clip(s.trim()).trim();
  return textProblem(name, { max: MAX_CHARS }) === null ? name : null;
}

/**
 * The materials filed with a case, for its accepted event (the province's up_pro_material rows): one entry
 * per material code with the files received for it, named from the catalog item version the case was filed
 * under. Catalog order first, then codes the version does not list (their code stands in for the name).
 * File names are user-given text: one that breaks the text rule is left out of `attachNames` (it still
 * counts as received), so an odd legacy name can never make the event invalid and block the 受理.
 */
export function acceptedMaterials(
  filed: ReadonlyArray<Pick<SubmittedMaterial, 'code' | 'fileName'>>,
  catalog: ReadonlyArray<Pick<MaterialSpec, 'code' | 'name'>>,
): AcceptedMaterialV1[] {
  const files = new Map<string, string[]>();
  for (const m of filed) files.set(m.code, [...(files.get(m.code) ?? []), m.fileName]);
  const rank = new Map(catalog.map((s, i) => [s.code, i]));
  const names = new Map(catalog.map((s) => [s.code, s.name]));
  const codes = [...files.keys()].sort(
    (a, b) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER),
  );
  return codes.slice(0, MAX_MATERIALS).map((code) => {
    const received = files.get(code) ?? [];
    const attachNames = received
      .map(cleanText)
      .filter((n): n is string => n !== null)
      .slice(0, MAX_NAMES);
    return {
      code,
      name: cleanText(names.get(code) ?? '') ?? code,
      count: Math.min(received.length, MAX_COUNT),
      ...(attachNames.length > 0 ? { attachNames } : {}),
    };
  });
}
