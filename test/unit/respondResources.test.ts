import assert from 'node:assert/strict';
import { PvwaError } from '../../src/api/errors';
import { accountActivities, changeCredentials, getAccount, reconcileCredentials, searchAccounts, verifyCredentials } from '../../src/api/resources/accounts';
import { getLiveSession, listLiveSessions, listRecordings, liveSessionActivities, recordingActivities, resumeLiveSession, suspendLiveSession, terminateLiveSession } from '../../src/api/resources/psmSessions';
import { getPtaSettings } from '../../src/api/resources/ptaSettings';
import { getServerInfo, readVaultCapabilities } from '../../src/api/resources/serverInfo';
import { activateUser, disableUser, enableUser, getUser, searchUsers, suspendUser } from '../../src/api/resources/vaultUsers';
import { PermissionError } from '../../src/api/resources/vaultRequest';
import { generateEvents } from '../simulator/data';
import { DEMO_USERNAME, PvwaSimulator, SimulatorOptions } from '../simulator/server';
import { signedInSession } from '../support/simulatorSession';
import type { Session } from '../../src/auth/session';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { findEventAccount } from '../../src/respond/accountLookup';

const NOW = Date.now();

describe('Respond resources against the simulator', () => {
  let sim: PvwaSimulator;
  let session: Session;

  async function startVault(options: SimulatorOptions = {}): Promise<void> {
    sim = new PvwaSimulator({ events: generateEvents({ count: 200, seed: 1, now: NOW }), cpmDelayMs: 40, ...options });
    await sim.start();
    session = (await signedInSession(sim)).session;
    sim.clearRequests();
  }

  const requests = (method: string, pathPart: string) => sim.requests.filter((r) => r.method === method && r.path.toLowerCase().includes(pathPart.toLowerCase()));

  afterEach(async () => {
    session?.dispose();
    await sim?.stop();
  });

  describe('server version and capabilities', () => {
    it('reads ExternalVersion and allows every call on a current vault', async () => {
      await startVault();
      const info = await getServerInfo(session);
      assert.equal(info.externalVersion, '14.2.0');
      assert.deepEqual(info.version, { major: 14, minor: 2, patch: 0, text: '14.2.0' });
      const capabilities = await readVaultCapabilities(session, DEMO_USERNAME);
      assert.deepEqual(capabilities.can('accountActivities'), { available: true });
      assert.equal(capabilities.versionText, 'PVWA 14.2.0');
      assert.equal(capabilities.isSignedInUser(DEMO_USERNAME.toUpperCase()), true);
      assert.equal(capabilities.isSignedInUser('jsmith'), false);
    });

    it('names the version a call needs on an older vault', async () => {
      await startVault({ version: '10.4' });
      const capabilities = await readVaultCapabilities(session, DEMO_USERNAME);
      assert.deepEqual(capabilities.can('getLiveSession'), { available: false, reason: 'needs PVWA 10.6; this vault is 10.4' });
      assert.deepEqual(capabilities.can('suspendUser'), { available: false, reason: 'needs PVWA 11.1; this vault is 10.4' });
      assert.deepEqual(capabilities.can('listLiveSessions'), { available: true });
      assert.deepEqual(capabilities.can('ptaSettings'), { available: true });
    });

    it('treats a vault whose version call fails as unknown: every call allowed, the reason kept', async () => {
      await startVault();
      sim.inject({ kind: 'html', status: 500 }, { pathIncludes: 'PIMServices.svc' });
      const capabilities = await readVaultCapabilities(session, DEMO_USERNAME);
      assert.equal(capabilities.version, undefined);
      assert.match(capabilities.versionProblem ?? '', /version could not be read: .*HTTP 500/);
      assert.match(capabilities.versionText, /^PVWA version unknown: The vault's version could not be read: .*HTTP 500/);
      assert.deepEqual(capabilities.can('accountActivities'), { available: true });
    });
  });

  describe('PSM sessions', () => {
    it('pages live sessions by Offset until Total', async () => {
      await startVault();
      const sessions = await listLiveSessions(session, { pageSize: 3 });
      assert.equal(sessions.length, sim.respond.data.liveSessions.length);
      assert.deepEqual(requests('GET', '/API/LiveSessions').map((r) => [r.query.Limit, r.query.Offset]), [['3', '0'], ['3', '3'], ['3', '6']]);
      const tied = sim.respond.data.liveSessions[0].record;
      const read = sessions.find((s) => s.sessionId === tied.SessionID)!;
      assert.equal(read.user, tied.User);
      assert.equal(read.start, (tied.Start as number) * 1000);
      assert.equal(read.canTerminate, true);
      assert.equal(read.isLive, true);
    });

    it('reads one session, its activities (hostile text as it came) and recordings with theirs', async () => {
      await startVault();
      const hostile = sim.respond.data.liveSessions.at(-1)!;
      const ref = { sessionId: hostile.record.SessionID as string, sessionGuid: hostile.record.SessionGuid as string };
      assert.equal((await getLiveSession(session, ref)).sessionGuid, ref.sessionGuid);
      const activities = await liveSessionActivities(session, ref);
      assert.deepEqual(activities.map((a) => a.text), hostile.activities.map((a) => (typeof a.ActivityText === 'string' && a.ActivityText.trim() !== '' ? a.ActivityText : undefined)));
      assert.ok(activities.some((a) => a.text === '<img src=x onerror=alert(1)>'));
      const recordings = await listRecordings(session);
      assert.equal(recordings.length, sim.respond.data.recordings.length);
      assert.ok(recordings.every((r) => r.isLive === false && r.end !== undefined));
      const recorded = await recordingActivities(session, recordings[0]);
      assert.ok(recorded.length > 0);
    });

    it('terminates by SessionID: the session leaves the live list and becomes a recording', async () => {
      await startVault();
      const target = sim.respond.data.liveSessions[0].record;
      await terminateLiveSession(session, { sessionId: target.SessionID as string, sessionGuid: target.SessionGuid as string });
      const sent = requests('POST', '/Terminate');
      assert.deepEqual(sent.map((r) => [r.path, r.body, r.status]), [[`/PasswordVault/API/LiveSessions/${target.SessionID}/Terminate/`, undefined, 200]]);
      const live = await listLiveSessions(session);
      assert.ok(!live.some((s) => s.sessionId === target.SessionID));
      assert.ok((await listRecordings(session)).some((s) => s.sessionId === target.SessionID));
    });

    it('tries the SessionGuid once when the vault answers 404 to the SessionID', async () => {
      await startVault({ sessionPathId: 'SessionGuid' });
      const target = sim.respond.data.liveSessions[1];
      await suspendLiveSession(session, { sessionId: target.record.SessionID as string, sessionGuid: target.record.SessionGuid as string });
      assert.deepEqual(requests('POST', '/Suspend').map((r) => [r.path, r.status]), [
        [`/PasswordVault/API/LiveSessions/${target.record.SessionID}/Suspend/`, 404],
        [`/PasswordVault/API/LiveSessions/${target.record.SessionGuid}/Suspend/`, 200],
      ]);
      assert.equal(target.suspended, true);
      await resumeLiveSession(session, { sessionId: target.record.SessionID as string, sessionGuid: target.record.SessionGuid as string });
      assert.equal(target.suspended, false);
    });

    it('gives up after the one retry, with the vault\'s words', async () => {
      await startVault();
      await assert.rejects(terminateLiveSession(session, { sessionId: '1_1_gone', sessionGuid: 'also-gone' }), (error: PvwaError) => {
        assert.equal(error.status, 404);
        assert.match(error.message, /HTTP 404, PASWS220E: Live session \[also-gone\] was not found\./);
        return true;
      });
      assert.equal(requests('POST', '/Terminate').length, 2);
    });

    it('names the PVWA permission a 403 on an action means, and refuses the auditor the live list', async () => {
      await startVault({ auditor: true });
      const target = sim.respond.data.liveSessions[0].record;
      await assert.rejects(terminateLiveSession(session, { sessionId: target.SessionID as string }), (error: PermissionError) => {
        assert.ok(error instanceof PermissionError);
        assert.equal(error.status, 403);
        assert.match(error.message, /^HTTP 403, PASWS041E: You are not authorized to perform this action\. Your vault user needs .*"Terminating Live Sessions Users and Groups"/);
        return true;
      });
      await assert.rejects(suspendLiveSession(session, { sessionId: target.SessionID as string }), /Suspending Live Sessions Users and Groups/);
      await assert.rejects(listLiveSessions(session), (error: PvwaError) => error.status === 403 && !(error instanceof PermissionError));
      assert.ok((await listRecordings(session)).length > 0);
    });

    it('answers 404 on an older vault, saying which version the call needs', async () => {
      await startVault({ version: '10.4' });
      const target = sim.respond.data.liveSessions[0].record;
      await assert.rejects(liveSessionActivities(session, { sessionId: target.SessionID as string }), (error: PvwaError) => {
        assert.equal(error.kind, 'notFound');
        assert.match(error.message, /older than PVWA 10\.6/);
        return true;
      });
      assert.ok((await listLiveSessions(session)).length > 0);
    });
  });

  describe('accounts', () => {
    it('reads an account by id with its CPM state, times in ms', async () => {
      await startVault();
      const raw = sim.respond.data.accounts[0];
      const account = await getAccount(session, raw.id as string);
      assert.equal(account.id, raw.id);
      assert.equal(account.userName, raw.userName);
      assert.equal(account.automaticManagementEnabled, true);
      assert.equal(account.lastModifiedTime, ((raw.secretManagement as Record<string, number>).lastModifiedTime) * 1000);
      const manual = await getAccount(session, sim.respond.data.accounts[4].id as string);
      assert.equal(manual.automaticManagementEnabled, false);
      assert.equal(manual.manualManagementReason, 'Managed by the application team');
    });

    it('searches by user and address, and lists recent activity', async () => {
      await startVault();
      const raw = sim.respond.data.accounts[1];
      const found = await searchAccounts(session, `${raw.userName} ${raw.address}`);
      assert.ok(found.accounts.some((a) => a.id === raw.id));
      assert.equal(found.count, found.accounts.length);
      assert.equal(requests('GET', '/API/Accounts')[0].query.search, `${raw.userName} ${raw.address}`);
      const activities = await accountActivities(session, raw.id as string);
      assert.ok(activities.length > 0 && activities.every((a) => a.action === 'Retrieve password' && a.date! > 1e12));
    });

    it('queues a change with ChangeEntireGroup; the change time moves when the CPM is done', async () => {
      await startVault();
      const id = sim.respond.data.accounts[2].id as string;
      const before = (await getAccount(session, id)).lastModifiedTime!;
      await changeCredentials(session, id);
      const change = requests('POST', '/Change');
      assert.deepEqual(change.map((r) => [r.path, r.body]), [[`/PasswordVault/API/Accounts/${id}/Change/`, { ChangeEntireGroup: true }]]);
      assert.equal((await getAccount(session, id)).lastModifiedTime, before);
      await new Promise((resolve) => setTimeout(resolve, 80));
      assert.ok((await getAccount(session, id)).lastModifiedTime! > before);
      await verifyCredentials(session, id);
      await reconcileCredentials(session, id);
      assert.deepEqual(requests('POST', '/Verify').map((r) => r.path), [`/PasswordVault/API/Accounts/${id}/Verify/`]);
      assert.deepEqual(requests('POST', '/Reconcile').map((r) => r.path), [`/PasswordVault/API/Accounts/${id}/Reconcile/`]);
    });

    it("finds an event's account by its id, else by search (and says so)", async () => {
      await startVault();
      const account = sim.respond.data.accounts[0];
      const raw = sim.events().find((e) => (e.audits as Array<{ accountId?: string }> | null)?.[0]?.accountId === account.id)!;
      const byId = await findEventAccount(session, normalizeEvent(raw)!);
      assert.deepEqual([byId?.account.id, byId?.foundBySearch], [account.id, false]);
      const audits = (raw.audits as Array<Record<string, unknown>>).map((audit) => ({ ...audit, accountId: undefined }));
      const bySearch = await findEventAccount(session, normalizeEvent({ ...raw, audits })!);
      assert.equal(bySearch?.foundBySearch, true);
      assert.equal(bySearch?.account.userName, account.userName);
      assert.ok(requests('GET', '/API/Accounts').some((r) => r.query.search?.includes(String(account.userName))));
    });

    it('names the safe permission on a 403, and the version for activities on an older vault', async () => {
      await startVault({ auditor: true });
      await assert.rejects(changeCredentials(session, sim.respond.data.accounts[0].id as string), /Initiate CPM account management operations/);
      await sim.stop();
      await startVault({ version: '12.2' });
      await assert.rejects(accountActivities(session, sim.respond.data.accounts[0].id as string), /older than PVWA 13\.2/);
    });
  });

  describe('vault users', () => {
    it('finds the demo user with an id, and reads a user by id', async () => {
      await startVault();
      const { users } = await searchUsers(session, DEMO_USERNAME);
      const demo = users.find((u) => u.username === DEMO_USERNAME)!;
      assert.ok(demo.id);
      const user = await getUser(session, demo.id!);
      assert.deepEqual([user.source, user.suspended, user.disabled], ['CyberArk', false, false]);
      assert.ok(user.lastLogon! > 1e12);
      assert.ok(sim.respond.data.users.some((u) => u.source === 'LDAP'));
    });

    it('suspends by PUT of the whole user object read first, and activates again', async () => {
      await startVault();
      const raw = sim.respond.data.users[3];
      const id = String(raw.id);
      const before = structuredClone(raw);
      const answered = await suspendUser(session, id);
      assert.equal(answered?.suspended, true);
      const put = requests('PUT', `/API/Users/${id}`);
      assert.equal(put.length, 1);
      assert.deepEqual(put[0].body, { ...before, suspended: true });
      assert.equal((await getUser(session, id)).suspended, true);
      await activateUser(session, id);
      assert.deepEqual(requests('POST', '/Activate').map((r) => r.path), [`/PasswordVault/API/Users/${id}/Activate`]);
      assert.equal((await getUser(session, id)).suspended, false);
      await disableUser(session, id);
      assert.equal((await getUser(session, id)).disabled, true);
      await enableUser(session, id);
      assert.equal((await getUser(session, id)).disabled, false);
    });

    it('refuses the auditor and an older vault in their own words', async () => {
      await startVault({ auditor: true });
      await assert.rejects(searchUsers(session, 'a'), (error: PvwaError) => error.status === 403);
      await assert.rejects(activateUser(session, '3'), /manage users/);
      await sim.stop();
      await startVault({ version: '10.4' });
      await assert.rejects(searchUsers(session, 'a'), /older than PVWA 10\.9/);
    });
  });

  describe('PTA settings', () => {
    it("has a rule for each PSM event's matchPatterns, and the automatic remediation flags", async () => {
      await startVault();
      const settings = await getPtaSettings(session);
      const patterns = sim.events().filter((e) => e.type === 'PSMSuspiciousActivity').map((e) => (e.additionalData as { matchPatterns?: string } | undefined)?.matchPatterns).filter((p): p is string => !!p);
      assert.ok(patterns.length > 0);
      for (const pattern of patterns) assert.ok(settings.rules.some((r) => r.regex === pattern), pattern);
      assert.equal(settings.automaticRemediation.changePassword_SuspectedCredentialsTheft, true);
      assert.equal(settings.automaticRemediation.changePassword_OverPassTheHash, false);
    });
  });
});
