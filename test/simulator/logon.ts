import { randomBytes } from 'node:crypto';
import { authenticationFailure, invalidParameters, radiusChallenge, userSuspended } from './cyberArkErrors';
import { DEMO_RADIUS_ANSWER } from './demoCredentials';
import { cookieValue, isRecord, ParsedBody } from './requestBody';
import { jsonResponse, SimulatorResponse } from './responses';
import { SessionStore } from './sessions';

export type AuthMethod = 'cyberark' | 'ldap' | 'radius' | 'windows';

export interface Credentials {
  username: string;
  password: string;
}

const MAX_FAILED_LOGONS = 5;
const SESSION_COOKIE = 'ASP.NET_SessionId';

interface PendingChallenge {
  username: string;
  answered: number;
}

/** The Logon endpoint: password check, suspension after repeated failures, and the RADIUS challenge dialogue. */
export class LogonService {
  private readonly failures = new Map<string, number>();
  private readonly challenges = new Map<string, PendingChallenge>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly users: Credentials[],
    private readonly radiusRounds: number,
    /** The first challenge's text, as the RADIUS server words it. */
    private readonly challengeMessage = 'Enter the one-time code from your authenticator app',
  ) {}

  logon(method: AuthMethod, body: ParsedBody, cookieHeader: string | undefined): SimulatorResponse {
    const credentials = readCredentials(body);
    if (!credentials) return invalidParameters('username and password are required.');
    // Windows authentication is IIS integrated sign-in, which a JSON body cannot perform.
    if (method === 'windows') return authenticationFailure(credentials.username);
    if (this.isSuspended(credentials.username)) return userSuspended(credentials.username);

    if (method === 'radius') {
      const sessionId = cookieValue(cookieHeader, SESSION_COOKIE);
      const pending = sessionId === undefined ? undefined : this.challenges.get(sessionId);
      if (sessionId !== undefined && pending) return this.answerChallenge(sessionId, pending, credentials);
    }
    if (!this.passwordMatches(credentials)) return this.fail(credentials.username);
    this.failures.delete(userKey(credentials.username));
    if (method === 'radius') return this.challenge(credentials.username);
    return jsonResponse(200, this.sessions.issue());
  }

  private challenge(username: string): SimulatorResponse {
    const sessionId = randomBytes(12).toString('hex');
    this.challenges.set(sessionId, { username, answered: 0 });
    return radiusChallenge(this.challengeMessage, `${SESSION_COOKIE}=${sessionId}; path=/; HttpOnly`);
  }

  private answerChallenge(sessionId: string, pending: PendingChallenge, answer: Credentials): SimulatorResponse {
    if (userKey(answer.username) !== userKey(pending.username) || answer.password !== DEMO_RADIUS_ANSWER) {
      this.challenges.delete(sessionId);
      return this.fail(answer.username);
    }
    pending.answered++;
    if (pending.answered < this.radiusRounds) {
      const message = `Enter the next one-time code from your authenticator app (step ${pending.answered + 1} of ${this.radiusRounds})`;
      return radiusChallenge(message, `${SESSION_COOKIE}=${sessionId}; path=/; HttpOnly`);
    }
    this.challenges.delete(sessionId);
    return jsonResponse(200, this.sessions.issue());
  }

  private passwordMatches(credentials: Credentials): boolean {
    const key = userKey(credentials.username);
    return this.users.some((user) => userKey(user.username) === key && user.password === credentials.password);
  }

  private isSuspended(username: string): boolean {
    return (this.failures.get(userKey(username)) ?? 0) >= MAX_FAILED_LOGONS;
  }

  private fail(username: string): SimulatorResponse {
    const key = userKey(username);
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    return authenticationFailure(username);
  }
}

function readCredentials(body: ParsedBody): Credentials | undefined {
  if (body.kind !== 'json' || !isRecord(body.value)) return undefined;
  const { username, password } = body.value;
  return typeof username === 'string' && username !== '' && typeof password === 'string' ? { username, password } : undefined;
}

/** Vault user names are case-insensitive. */
function userKey(username: string): string {
  return username.toLowerCase();
}
