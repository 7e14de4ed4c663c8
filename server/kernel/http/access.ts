import type { Permission, Scope } from '../../../contracts/roles.js';

/** Every route declares who may call it and how far its objects reach. */
export interface RouteAccess {
  permission: Permission;
  scope: Scope;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access?: RouteAccess;
  hasResponseSchema: boolean;
}

/** Routes served outside the API contract (docs UI assets, the web app's static files). */
export const UNDECLARED_PREFIXES = ['/api/docs', '/assets/', '/*', '/'];

/** The list the all-routes test and the OpenAPI document both rely on. */
export function routeDeclarationProblems(routes: DeclaredRoute[]): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) continue;
    if (r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const name = `${r.method} ${r.url}`;
    if (!r.access) problems.push(`${name}: no access declaration (permission and scope)`);
    else {
      if (!r.access.permission) problems.push(`${name}: no permission`);
      if (!r.access.scope) problems.push(`${name}: no scope`);
      if ((r.access.permission === 'public') !== (r.access.scope === 'public'))
        problems.push(`${name}: public permission and public scope go together`);
    }
    if (!r.hasResponseSchema) problems.push(`${name}: no response schema`);
  }
  return problems;
}
