/** The services behind the gateway. */
export type Upstream = 'intake' | 'approval' | 'certificate' | 'evaluation' | 'supervision';
export const UPSTREAMS: readonly Upstream[] = [
  'intake',
  'approval',
  'certificate',
  'evaluation',
  'supervision',
];

/** Every public path is `/api/v1` + the owning service's own path. */
export const PUBLIC_PREFIX = '/api/v1';

/**
 * Which service owns which first path segment. The services declare their routes, roles, DTOs and
 * OpenAPI text themselves; the gateway only knows this table.
 */
export const ROUTE_PREFIXES: Readonly<Record<string, Upstream>> = {
  items: 'intake',
  catalog: 'intake',
  applications: 'intake',
  bundles: 'intake',
  'bundle-definitions': 'intake',
  approvals: 'approval',
  workflows: 'approval',
  authorisations: 'approval',
  licences: 'certificate',
  verify: 'certificate',
  keys: 'certificate',
  share: 'certificate',
  'share-clients': 'certificate',
  reviews: 'evaluation',
  'bad-reviews': 'evaluation',
  supervision: 'supervision',
};

/** The owning service of a service-relative path (`/applications/…`), or undefined. */
export function upstreamOf(servicePath: string): Upstream | undefined {
  const first = servicePath.split(/[/?]/)[1] ?? '';
  return Object.prototype.hasOwnProperty.call(ROUTE_PREFIXES, first) ? ROUTE_PREFIXES[first] : undefined;
}

/** Anonymous GETs under these prefixes are public reads with their own rate-limit budget. */
export const PUBLIC_READ_PREFIXES: readonly string[] = ['items', 'keys', 'verify', 'bundle-definitions'];

export function isPublicRead(method: string, url: string): boolean {
  if (method !== 'GET' || !url.startsWith(`${PUBLIC_PREFIX}/`)) return false;
  const first = url.slice(PUBLIC_PREFIX.length).split(/[/?]/)[1] ?? '';
  return PUBLIC_READ_PREFIXES.includes(first);
}
