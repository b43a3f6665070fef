import { ALL_ROLES, Role } from '../auth/principal';
import type { RouteInfo } from '../platform/route-metadata';
import { testToken } from './test-env';

export { routeTable } from '../platform/route-metadata';
export type { RouteInfo } from '../platform/route-metadata';

const STAFF_DEPT = '113301000024901620';
/** A token holding exactly one role (staff of a department). */
export const roleToken = (role: Role) =>
  testToken({ sub: `route-check-${role}`, roles: [role], dept: STAFF_DEPT, name: role });

/** A request to the route with every `:param` filled with `value` (already URL-encoded). */
function fill(route: RouteInfo, value: string): string {
  return route.path.replace(/:([A-Za-z]+)/g, value);
}

export interface RouteProblem {
  route: string;
  problem: string;
}

/**
 * Walks every route of the app and returns what is wrong (an empty list when all is well):
 * - every route is either @Public() or names its roles with @Roles() (who may call it is explicit);
 * - a protected route answers 401 UNAUTHENTICATED without a token, and 403 FORBIDDEN to every role it
 *   does not name;
 * - a route that takes input refuses invalid input with a 4xx and a stable code: an undeclared body
 *   field, an undeclared query parameter, a path parameter with a NUL character.
 */
export async function checkRoutes(
  baseUrl: string,
  routes: RouteInfo[],
  opts: { skip?: (r: RouteInfo) => boolean } = {},
): Promise<RouteProblem[]> {
  const problems: RouteProblem[] = [];
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return { status: r.status, code };
  };
  for (const route of routes) {
    if (opts.skip?.(route)) continue;
    const name = `${route.method} ${route.path}`;
    const target = fill(route, 'X0000000000000000001');
    const body = route.takesBody ? {} : undefined;
    if (!route.isPublic) {
      if (route.roles.length === 0) {
        problems.push({ route: name, problem: 'neither @Public() nor @Roles(...)' });
      }
      const anon = await call(route.method, target, undefined, body);
      if (anon.status !== 401 || anon.code !== 'UNAUTHENTICATED') {
        problems.push({ route: name, problem: `without a token: ${anon.status} ${anon.code}` });
      }
      for (const role of ALL_ROLES.filter((r) => !route.roles.includes(r))) {
        const r = await call(route.method, target, roleToken(role), body);
        if (r.status !== 403 || r.code !== 'FORBIDDEN') {
          problems.push({ route: name, problem: `as ${role}: ${r.status} ${r.code}` });
        }
      }
    }
    const token = route.isPublic ? undefined : roleToken(route.roles[0]);
    const invalid: Array<[string, string, unknown]> = [];
    if (route.takesBody) invalid.push(['an undeclared body field', target, { undeclaredField: 1 }]);
    if (route.takesQuery) {
      invalid.push(['an undeclared query parameter', `${target}?undeclaredParam=1`, body]);
    }
    if (route.params.length > 0) invalid.push(['a NUL in a path parameter', fill(route, 'X%00'), body]);
    for (const [what, path, b] of invalid) {
      const r = await call(route.method, path, token, b);
      if (r.status < 400 || r.status >= 500 || !r.code) {
        problems.push({ route: name, problem: `${what}: ${r.status} ${r.code}` });
      }
    }
  }
  return problems;
}
