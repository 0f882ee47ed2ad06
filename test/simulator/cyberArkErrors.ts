import { jsonResponse, SimulatorResponse } from './responses';

/**
 * The vault's JSON error bodies. PASWS006E, PASWS013E, PASWS268E and ITATS542I are the
 * codes the contract names; the others are representative of the PASWS family.
 */
export function cyberArkError(status: number, code: string, message: string, details: unknown = null): SimulatorResponse {
  return jsonResponse(status, { ErrorCode: code, ErrorMessage: message, Details: details });
}

export function sessionExpired(): SimulatorResponse {
  return cyberArkError(401, 'PASWS006E', 'Session expired or no session token.');
}

export function authenticationFailure(username: string): SimulatorResponse {
  return cyberArkError(403, 'PASWS013E', `Authentication failure for User [${username}].`);
}

export function userSuspended(username: string): SimulatorResponse {
  return cyberArkError(403, 'PASWS268E', `User [${username}] is suspended after too many failed logon attempts. Contact your administrator.`);
}

/** A RADIUS challenge really is a 500, and its body has no Details. */
export function radiusChallenge(message: string, setCookie: string): SimulatorResponse {
  return jsonResponse(500, { ErrorCode: 'ITATS542I', ErrorMessage: message }, { 'Set-Cookie': setCookie });
}

export function invalidParameters(message: string): SimulatorResponse {
  return cyberArkError(400, 'PASWS167E', `There are some invalid parameters: ${message}`);
}

export function eventNotFound(id: string): SimulatorResponse {
  return cyberArkError(404, 'PASWS209E', `Security event [${id}] was not found.`);
}
