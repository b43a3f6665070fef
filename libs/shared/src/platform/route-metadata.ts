import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/decorators';
import type { Role } from '../auth/principal';

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
