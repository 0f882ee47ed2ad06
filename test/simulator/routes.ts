import { IncomingHttpHeaders } from 'node:http';
import { sessionExpired } from './cyberArkErrors';
import { EventStore } from './eventStore';
import { listEvents, TimestampUnit, updateEvent } from './eventRoutes';
import { iisErrorPage } from './iisPages';
import { AuthMethod, LogonService } from './logon';
import { ParsedBody } from './requestBody';
import { emptyResponse, SimulatorResponse } from './responses';
import { auditorRefusal, RESPOND_ROUTES, versionBelow } from './respondRoutes';
import { RespondVault } from './respondVault';
import { SessionStore } from './sessions';

export interface SimulatorRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: ParsedBody;
}

/** What the routes read and change. */
export interface VaultState {
  appPath: string;
  events: EventStore;
  sessions: SessionStore;
  logon: LogonService;
  timestampUnit: TimestampUnit;
  /** The vault's clock (epoch ms), for the update times it gives changes. */
  now(): number;
  respond: RespondVault;
  profile: VaultProfile;
}

/** Which vault this is: its version (older ones lack newer routes) and whether the caller is a read-only auditor. */
export interface VaultProfile {
  version: string;
  auditor: boolean;
}

export interface Route {
  method: string;
  /** Matched without case against the path below the application path, as IIS does. */
  pattern: RegExp;
  authenticated: boolean;
  /** A vault older than this has no such route. */
  minVersion?: string;
  /** Changes something: a read-only auditor is refused. */
  action?: boolean;
  /** A list or detail a read-only auditor may not see. */
  auditorRefused?: boolean;
  handle(request: SimulatorRequest, vault: VaultState, params: string[]): SimulatorResponse;
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/auth\/(cyberark|ldap|radius|windows)\/logon\/?$/i,
    authenticated: false,
    handle: (request, vault, [method]) => vault.logon.logon(method.toLowerCase() as AuthMethod, request.body, singleHeader(request.headers.cookie)),
  },
  {
    method: 'POST',
    pattern: /^\/api\/auth\/logoff\/?$/i,
    authenticated: true,
    handle: (request, vault) => {
      vault.sessions.revoke(singleHeader(request.headers.authorization) ?? '');
      return emptyResponse(200);
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/pta\/api\/events\/?$/i,
    authenticated: true,
    handle: (request, vault) =>
      listEvents(vault.events, {
        query: request.query,
        lastUpdatedEventDate: singleHeader(request.headers.lastupdatedeventdate),
        unit: vault.timestampUnit,
      }),
  },
  {
    method: 'PATCH',
    pattern: /^\/api\/pta\/api\/events\/([^/]+)\/?$/i,
    authenticated: true,
    handle: (request, vault, [id]) => updateEvent(vault.events, id, request.body, vault.now()),
  },
  ...RESPOND_ROUTES,
];

export function route(request: SimulatorRequest, vault: VaultState): SimulatorResponse {
  const inApp = pathBelowApp(request.path, vault.appPath);
  if (inApp === undefined) return iisErrorPage(404);
  let pathExists = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(inApp);
    if (!match) continue;
    if (candidate.minVersion && versionBelow(vault.profile.version, candidate.minVersion)) continue;
    pathExists = true;
    if (candidate.method !== request.method.toUpperCase()) continue;
    if (candidate.authenticated && !vault.sessions.use(singleHeader(request.headers.authorization))) return sessionExpired();
    if (vault.profile.auditor && (candidate.action || candidate.auditorRefused)) return auditorRefusal(!!candidate.action);
    return candidate.handle(request, vault, match.slice(1).map(decodeSegment));
  }
  return iisErrorPage(pathExists ? 405 : 404);
}

function pathBelowApp(path: string, appPath: string): string | undefined {
  const lowerPath = path.toLowerCase();
  const lowerApp = appPath.toLowerCase();
  if (lowerApp === '') return path;
  if (lowerPath !== lowerApp && !lowerPath.startsWith(`${lowerApp}/`)) return undefined;
  return path.slice(appPath.length) || '/';
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
