import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/decorators';
import { ALL_ROLES, Role } from '../auth/principal';
import { testToken } from './test-env';

/** One HTTP route of an app as its decorators declare it. */
export interface RouteInfo {
  method: string;
  /** Path with `:params`, leading slash. */
  path: string;
  isPublic: boolean;
  roles: Role[];
  takesBody: boolean;
  takesQuery: boolean;
  params: string[];
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: Array<string | undefined>) =>
  `/${parts
    .filter((p): p is string => !!p && p !== '/')
    .map((p) => p.replace(/^\/|\/$/g, ''))
    .join('/')}`;

/**
 * Every route of the app's controllers, read from Nest's own metadata, so a test that walks this table
 * covers an endpoint added tomorrow without anyone remembering to list it.
 */
export function routeTable(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Type<unknown> | null;
      if (!cls) continue;
      const base = Reflect.getMetadata(PATH_METADATA, cls) as string | undefined;
      const proto = cls.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        if (!method || sub === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {}) as Record<
          string,
          { data?: unknown }
        >;
        const kinds = Object.entries(args).map(([k, v]) => ({ type: Number(k.split(':')[0]), data: v.data }));
        const path = join(base, sub);
        routes.push({
          method,
          path,
          isPublic: (Reflect.getMetadata(PUBLIC_KEY, fn) ?? Reflect.getMetadata(PUBLIC_KEY, cls)) === true,
          roles:
            ((Reflect.getMetadata(ROLES_KEY, fn) ?? Reflect.getMetadata(ROLES_KEY, cls)) as Role[]) ?? [],
          takesBody: kinds.some((k) => k.type === Number(RouteParamtypes.BODY)),
          takesQuery: kinds.some((k) => k.type === Number(RouteParamtypes.QUERY) && k.data === undefined),
          params: [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]),
        });
      }
    }
  }
  return routes;
}

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
