import { cyberArkError } from './cyberArkErrors';
import { jsonResponse } from './responses';
import type { Route } from './routes';

/**
 * The respond calls of the contract, each with its minimum PVWA version (a vault older than that
 * answers IIS's 404: no such route) and whether a read-only auditor may make it.
 */
export const RESPOND_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/webservices\/pimservices\.svc\/server\/?$/i,
    authenticated: false,
    handle: (_request, vault) => jsonResponse(200, { ApplicationName: 'PasswordVault', ExternalVersion: vault.profile.version, InternalVersion: `${vault.profile.version}.0.2`, ServerName: 'PVWA-SIM', ServerId: 'a1b2c3d4-0000-4000-8000-000000000001' }),
  },
  { method: 'GET', pattern: /^\/api\/livesessions\/?$/i, minVersion: '9.10', auditorRefused: true, authenticated: true, handle: (r, v) => v.respond.listSessions('LiveSessions', r.query) },
  { method: 'GET', pattern: /^\/api\/livesessions\/([^/]+)\/?$/i, minVersion: '10.6', auditorRefused: true, authenticated: true, handle: (_r, v, [id]) => v.respond.getLiveSession(id) },
  { method: 'GET', pattern: /^\/api\/livesessions\/([^/]+)\/activities\/?$/i, minVersion: '10.6', auditorRefused: true, authenticated: true, handle: (_r, v, [id]) => v.respond.sessionActivities('LiveSessions', id) },
  { method: 'POST', pattern: /^\/api\/livesessions\/([^/]+)\/terminate\/?$/i, minVersion: '10.1', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.actOnSession(id, 'terminate') },
  { method: 'POST', pattern: /^\/api\/livesessions\/([^/]+)\/suspend\/?$/i, minVersion: '10.2', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.actOnSession(id, 'suspend') },
  { method: 'POST', pattern: /^\/api\/livesessions\/([^/]+)\/resume\/?$/i, minVersion: '10.2', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.actOnSession(id, 'resume') },
  { method: 'GET', pattern: /^\/api\/recordings\/?$/i, minVersion: '9.10', authenticated: true, handle: (r, v) => v.respond.listSessions('Recordings', r.query) },
  { method: 'GET', pattern: /^\/api\/recordings\/([^/]+)\/activities\/?$/i, minVersion: '10.6', authenticated: true, handle: (_r, v, [id]) => v.respond.sessionActivities('Recordings', id) },
  { method: 'GET', pattern: /^\/api\/accounts\/?$/i, minVersion: '10.4', authenticated: true, handle: (r, v) => v.respond.searchAccounts(r.query) },
  { method: 'GET', pattern: /^\/api\/accounts\/([^/]+)\/?$/i, minVersion: '10.4', authenticated: true, handle: (_r, v, [id]) => v.respond.getAccount(id) },
  { method: 'GET', pattern: /^\/api\/accounts\/([^/]+)\/activities\/?$/i, minVersion: '13.2', authenticated: true, handle: (_r, v, [id]) => v.respond.accountActivities(id) },
  { method: 'POST', pattern: /^\/api\/accounts\/([^/]+)\/change\/?$/i, minVersion: '9.10', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.queueCpm(id, 'Change') },
  { method: 'POST', pattern: /^\/api\/accounts\/([^/]+)\/verify\/?$/i, minVersion: '9.10', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.queueCpm(id, 'Verify') },
  { method: 'POST', pattern: /^\/api\/accounts\/([^/]+)\/reconcile\/?$/i, minVersion: '9.10', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.queueCpm(id, 'Reconcile') },
  { method: 'GET', pattern: /^\/api\/users\/?$/i, minVersion: '10.9', auditorRefused: true, authenticated: true, handle: (r, v) => v.respond.searchUsers(r.query) },
  { method: 'GET', pattern: /^\/api\/users\/([^/]+)\/?$/i, minVersion: '10.10', auditorRefused: true, authenticated: true, handle: (_r, v, [id]) => v.respond.getUser(id) },
  { method: 'PUT', pattern: /^\/api\/users\/([^/]+)\/?$/i, minVersion: '11.1', action: true, authenticated: true, handle: (r, v, [id]) => v.respond.putUser(id, r.body) },
  { method: 'POST', pattern: /^\/api\/users\/([^/]+)\/activate\/?$/i, minVersion: '10.10', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.setUserFlag(id, { suspended: false }) },
  { method: 'POST', pattern: /^\/api\/users\/([^/]+)\/disable\/?$/i, minVersion: '12.6', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.setUserFlag(id, { enableUser: false }) },
  { method: 'POST', pattern: /^\/api\/users\/([^/]+)\/enable\/?$/i, minVersion: '12.6', action: true, authenticated: true, handle: (_r, v, [id]) => v.respond.setUserFlag(id, { enableUser: true }) },
  { method: 'GET', pattern: /^\/api\/pta\/api\/settings\/?$/i, minVersion: '10.4', auditorRefused: true, authenticated: true, handle: (_r, v) => v.respond.ptaSettings() },
];

/** What a read-only auditor gets for a list it may not see and for every action. */
export function auditorRefusal(action: boolean) {
  return action
    ? cyberArkError(403, 'PASWS041E', 'You are not authorized to perform this action.')
    : cyberArkError(403, 'PASWS041E', 'You are not authorized to view this information.');
}

/** "10.10" after "10.9": compared as numbers. */
export function versionBelow(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((v) => v.split('.').map((part) => Number(part) || 0));
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0) return diff < 0;
  }
  return false;
}
