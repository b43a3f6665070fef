/** 好差评 constants the province assigns or the deployment knows (config, EXCHANGE_HCP_* / EXCHANGE_AREA_*). */
export interface HcpConstants {
  /** 办件详情 URL with `{projectNo}` in it (statusUrl); null when not configured. */
  statusUrlTemplate: string | null;
  /** 12-digit 行政区划 of the platform and its name: both or neither. */
  areaCode: string | null;
  areaName: string | null;
  /** `source` / `sourceTJ` as the province assigned them (the reference names no code list). */
  source: string | null;
  sourceTJ: string | null;
}

export const NO_HCP_CONSTANTS: HcpConstants = {
  statusUrlTemplate: null,
  areaCode: null,
  areaName: null,
  source: null,
  sourceTJ: null,
};

/**
 * areaCode / areaName of a 好差评 record: the configured pair when there is one, else the region of the
 * department's 统一社会信用代码 with no name (we keep no table of region names).
 */
export function hcpAreaOf(
  c: HcpConstants,
  derivedCode: string | null,
): { areaCode: string | null; areaName: string | null } {
  return c.areaCode
    ? { areaCode: c.areaCode, areaName: c.areaName }
    : { areaCode: derivedCode, areaName: null };
}

/** statusUrl of a case: the template with the case number (URL-encoded) in place of `{projectNo}`. */
export const statusUrlOf = (c: HcpConstants, projectNo: string): string | null =>
  c.statusUrlTemplate ? c.statusUrlTemplate.replace('{projectNo}', encodeURIComponent(projectNo)) : null;
