import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { AccountHistoryOutcome } from '../../../src/commands/entityCommands';
import type { EntityIndex } from '../../../src/derived/entityIndex';
import { triageMemory } from '../../../src/derived/triageMemory';
import type { PtaEvent } from '../../../src/model/ptaEvent';
import { describeFilter } from '../../../src/store/filterDescription';
import type { EntitiesNode } from '../../../src/tree/entitiesTreeProvider';
import { RECURRING_STORIES } from '../../simulator/eventCatalog';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, patchRequests, pause, ref, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

const DAY_MS = 86_400_000;
const readableReasons: Record<string, string> = { NOTREAL: 'False positive', HANDLED: 'Handled', OTHER: 'Other' };

describe('investigating in context', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let index: EntityIndex;
  /** An open event of one of the simulator's recurring stories, with closed look-alikes closed the story's way. */
  let subject: PtaEvent;
  let story: (typeof RECURRING_STORIES)[number];

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 300, seed: 11 });
    await signIn(api, sim);
    index = api.indexes.of(vault(api).id)!;
    for (const event of list(api, 'OPEN')) {
      const suggestion = triageMemory(index.lookAlikes(event.id), Date.now(), event.score)?.suggestion;
      const told = RECURRING_STORIES.find((s) => s.type === event.type && s.reasonText === suggestion?.text && s.closeReason === suggestion?.reason);
      const hasAccount = index.entities(event.id).some((e) => e.kind === 'account' && e.accountId);
      if (told && hasAccount && event.auditCount >= 2) {
        subject = event;
        story = told;
        break;
      }
    }
    assert.ok(subject, 'the simulated set has an open event, with an account, whose look-alikes were closed the way of its story');
  });

  beforeEach(() => sim.clearRequests());

  afterEach(async () => {
    api.view.setFilter({});
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  async function openPanel(event: PtaEvent) {
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    const panel = api.panels.get(ref(api, event.id))!;
    assert.ok(panel, 'panel opened');
    await waitForPage(() => panel.isReady, 'the page to say ready');
    return panel;
  }

  it("opens with how the look-alikes were closed, the entities with their counts, related events and the audits' timeline", async () => {
    const panel = await openPanel(subject);
    const model = panel.model;
    const lookAlikes = index.lookAlikes(subject.id);
    assert.ok(lookAlikes.every((e) => e.status === 'CLOSED' && e.type === subject.type));
    const times = lookAlikes.filter((e) => e.reasonText === story.reasonText).length;
    assert.match(model.memory!.sentence, new RegExp(`^Closed ${times === 1 ? 'once' : `${times} times`} before as ${readableReasons[story.closeReason]}: '${story.reasonText}' \\(`));
    assert.equal(model.memory!.lookAlikes, lookAlikes.length);
    assert.equal(model.memory!.canCloseSameWay, true);

    const entities = model.entities!;
    assert.deepEqual(entities.map((e) => e.key), index.entities(subject.id).map((e) => e.key));
    for (const entity of entities) {
      const others = index.events(entity.key).filter((e) => e.id !== subject.id);
      assert.equal(entity.open, others.filter((e) => e.status === 'OPEN').length, entity.key);
      assert.equal(entity.closed, others.filter((e) => e.status === 'CLOSED').length, entity.key);
    }
    assert.ok(entities.some((e) => e.kind === 'account' && e.closed > 0), "the story's account has closed events");
    assert.ok(entities.some((e) => e.canLoadHistory), 'an account with an id offers its history');

    const related = model.related!;
    assert.equal(related.total, index.related(subject.id, Infinity).total);
    assert.ok(related.total >= lookAlikes.length);
    assert.ok(related.events.length > 0 && related.events.length <= 20);
    assert.ok(related.events.every((r) => r.shares.length > 0 && r.eventId !== subject.id));

    const timeline = model.timeline!;
    assert.equal(timeline.audits.marks.length + timeline.audits.untimed, subject.auditCount);
    assert.equal(timeline.entity, undefined, 'no entity timeline until one is chosen');
  });

  it('updates the open panel when a look-alike is reopened elsewhere, and again when it is closed', async () => {
    const panel = await openPanel(subject);
    const before = panel.model.memory!.lookAlikes;
    // One closed the story's way: closing it again keeps that way the most frequent and most recent.
    const lookAlike = index.lookAlikes(subject.id).find((e) => e.reasonText === story.reasonText)!;
    await vscode.commands.executeCommand('cyberarkPta.reopenEvent', { eventIds: [lookAlike.id] });
    await waitFor(() => (panel.model.memory?.lookAlikes ?? 0) === before - 1, 'the panel to count one look-alike less');
    await vscode.commands.executeCommand('cyberarkPta.closeEvent', { eventIds: [lookAlike.id], reason: lookAlike.closeReason, text: lookAlike.reasonText ?? '' });
    await waitFor(() => panel.model.memory?.lookAlikes === before, 'the panel to count it again');
  });

  it('shows and hides the timeline of an entity chosen on the page', async () => {
    const panel = await openPanel(subject);
    const account = panel.model.entities!.find((e) => e.kind === 'account')!;
    assert.equal(panel.receive({ type: 'entity', action: 'timeline', eventId: subject.id, key: account.key }), true);
    await waitFor(() => panel.model.timeline?.entity?.key === account.key, 'the entity timeline');
    const marks = panel.model.timeline!.entity!.marks;
    assert.equal(marks.length, index.events(account.key).length);
    assert.deepEqual(marks.filter((m) => m.isSubject).map((m) => m.eventId), [subject.id]);
    assert.ok(marks.every((m, i) => m.at >= 0 && m.at <= 1 && (i === 0 || m.at >= marks[i - 1].at)), 'oldest first along the axis');
    panel.receive({ type: 'entity', action: 'timeline', eventId: subject.id, key: account.key });
    await waitFor(() => panel.model.timeline?.entity === undefined, 'the entity timeline to be hidden');
  });

  it('filters the Events view to an entity from the panel, visibly and clearably, and refuses entities it did not show', async () => {
    const panel = await openPanel(subject);
    const account = panel.model.entities!.find((e) => e.kind === 'account')!;
    const allOpen = list(api, 'OPEN').length;
    assert.equal(panel.receive({ type: 'entity', action: 'filter', eventId: subject.id, key: 'account:someone-else@corp.example.com' }), false);
    assert.equal(panel.receive({ type: 'entity', action: 'filter', eventId: subject.id, key: account.key, sourceId: 'file:x' }), false);
    assert.equal(panel.receive({ type: 'entity', action: 'filter', eventId: subject.id, key: account.key }), true);
    await waitFor(() => api.view.currentFilter.entity?.key === account.key, 'the entity filter');
    assert.equal(api.view.currentFilter.entity!.sourceId, vault(api).id);
    const narrowed = [...list(api, 'OPEN'), ...list(api, 'CLOSED')];
    assert.ok(narrowed.some((e) => e.id === subject.id));
    assert.ok(narrowed.every((e) => index.entities(e.id).some((x) => x.key === account.key)), 'every listed event involves the account');
    assert.equal(narrowed.length, index.events(account.key).length);
    assert.ok(list(api, 'OPEN').length < allOpen);
    assert.match(describeFilter(api.view.currentFilter) ?? '', new RegExp(`^account ${account.label.replace(/[.]/g, '\\.')}$`));
    await vscode.commands.executeCommand('cyberarkPta.clearFilter');
    assert.deepEqual(api.view.currentFilter, {});
    assert.equal(list(api, 'OPEN').length, allOpen);
  });

  it('opens a related event in its own pinned panel', async () => {
    const panel = await openPanel(subject);
    const [first] = panel.model.related!.events;
    assert.equal(panel.receive({ type: 'open', eventId: subject.id, targetId: 'not-a-related-event' }), false);
    panel.receive({ type: 'open', eventId: subject.id, targetId: first.eventId });
    await waitFor(() => !!api.panels.get(ref(api, first.eventId)), 'the related event panel');
    assert.notEqual(api.panels.get(ref(api, first.eventId)), api.panels.preview);
    assert.equal(api.panels.get(ref(api, subject.id))?.isDisposed, false, 'the panel the analyst came from stays');
  });

  it('marks the row as seen before, with Close the Same Way in its context menu', () => {
    const item = api.tree.getTreeItem(api.tree.eventNode(vault(api).id, subject.id));
    const count = index.lookAlikes(subject.id).length;
    assert.match(String(item.description), new RegExp(` · seen ${count}× before$`), 'the hint after the facts');
    const menus = vscode.extensions.getExtension('pta-triage.cyberark-pta')!.packageJSON.contributes.menus['view/item/context'] as Array<{ command: string; when: string }>;
    const when = menus.find((m) => m.command === 'cyberarkPta.closeSameWay')!.when;
    const pattern = new RegExp(/viewItem =~ \/(.+)\/$/.exec(when)![1]);
    assert.match(item.contextValue!, pattern);
    const plain = list(api, 'OPEN').find((e) => index.lookAlikeCount(e.id) === 0)!;
    assert.doesNotMatch(api.tree.getTreeItem(api.tree.eventNode(vault(api).id, plain.id)).contextValue!, pattern);
  });

  it('sends nothing when Close the Same Way is escaped', async () => {
    const pending = vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeSameWay', ref(api, subject.id));
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    assert.equal(patchRequests(sim).length, 0);
    assert.equal(vault(api).store.get(subject.id)?.status, 'OPEN');
  });

  it("closes the same way from the panel: the earlier reason and text, sent only once the prefilled box is accepted", async () => {
    const panel = await openPanel(subject);
    assert.equal(panel.receive({ type: 'action', action: 'closeSameWay', eventId: subject.id }), true);
    await pause(600);
    assert.equal(patchRequests(sim).length, 0, 'nothing sent before the analyst confirms');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(400);
    assert.equal(patchRequests(sim).length, 0, 'the reason step first, then the text');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => patchRequests(sim).length === 1, 'the close request');
    assert.equal(patchRequests(sim)[0].path, `/PasswordVault/API/pta/API/Events/${subject.id}`);
    assert.deepEqual(patchRequests(sim)[0].body, { mStatus: 'CLOSED', closeReason: story.closeReason, reasonText: story.reasonText });
    await waitFor(() => panel.model.status === 'CLOSED', 'the panel to show it closed');
    assert.equal(panel.model.memory, undefined, 'a closed event has no look-alikes to follow');
    assert.equal(panel.receive({ type: 'action', action: 'closeSameWay', eventId: subject.id }), false, 'no longer offered');
  });

  it('ranks the Entities view by open risk, each entity expanding to its events, and follows the Events view filter', async () => {
    const provider = api.entities;
    const groups = provider.getChildren();
    assert.deepEqual(groups.map((g) => g.kind === 'group' && g.entityKind), ['account', 'user', 'host']);
    for (const group of groups) {
      const entities = provider.getChildren(group);
      assert.ok(entities.length > 0);
      const risk = entities.map((node) => {
        const events = index.events((node as Extract<EntitiesNode, { kind: 'entity' }>).key).filter((e) => e.status === 'OPEN');
        return { highest: events.length ? Math.max(...events.map((e) => e.score)) : -1, open: events.length };
      });
      for (let i = 1; i < risk.length; i++) {
        const [a, b] = [risk[i - 1], risk[i]];
        assert.ok(a.highest > b.highest || (a.highest === b.highest && a.open >= b.open), `${group.kind === 'group' && group.entityKind} ${i}: ranked by highest open score, then open count`);
      }
    }
    const [top] = provider.getChildren(groups[0]) as Array<Extract<EntitiesNode, { kind: 'entity' }>>;
    const item = provider.getTreeItem(top);
    assert.equal(item.id, JSON.stringify(['entity', vault(api).id, top.key]));
    assert.equal(typeof item.label, 'string');
    assert.match(item.contextValue!, /^entity:account/);
    const children = provider.getChildren(top);
    const events = children.map((c) => vault(api).store.get((c as Extract<EntitiesNode, { kind: 'event' }>).eventId)!);
    assert.equal(events.length, index.events(top.key).length);
    const firstClosed = events.findIndex((e) => e.status === 'CLOSED');
    assert.ok(events.slice(0, firstClosed < 0 ? undefined : firstClosed).every((e, i, open) => e.status === 'OPEN' && (i === 0 || open[i - 1].score >= e.score)), 'open first, highest score first');
    const eventItem = provider.getTreeItem(children[0]);
    assert.deepEqual(eventItem.command?.arguments, [{ sourceId: vault(api).id, eventId: events[0].id, preview: true }]);

    api.view.setFilter({ minScore: 80 });
    for (const group of provider.getChildren()) {
      for (const entity of provider.getChildren(group)) {
        for (const child of provider.getChildren(entity)) {
          if (child.kind === 'event') assert.ok(vault(api).store.get(child.eventId)!.score >= 80, 'only the events the Events view shows');
        }
      }
    }
    assert.ok(provider.ranked(vault(api).id, 'account').every((r) => r.open + r.closed > 0 && (r.highestOpenScore === undefined || r.highestOpenScore >= 80)));

    await vscode.commands.executeCommand('cyberarkPta.filterToEntity', top);
    assert.equal(api.view.currentFilter.entity?.key, top.key);
    assert.equal(api.view.currentFilter.minScore, 80, 'the other filters stay');
  });

  it("loads an account's full history from the vault with accountID, merges it and filters to the account", async () => {
    const loadedIds = new Set([...vault(api).store.all()].map((e) => e.id));
    const old = sim
      .events()
      .filter((raw) => !loadedIds.has(raw.id) && Array.isArray(raw.audits))
      .flatMap((raw) => (raw.audits as Array<Record<string, unknown> | null>).map((a) => a?.accountId))
      .filter((id): id is string => typeof id === 'string');
    const account = index.ranking({ kind: 'account' }).find((r) => r.entity.accountId && old.includes(r.entity.accountId))!.entity;
    assert.ok(account, 'an account with events older than the loaded window');
    const expected = sim.events().filter((raw) => Array.isArray(raw.audits) && (raw.audits as Array<Record<string, unknown> | null>).some((a) => a?.accountId === account.accountId));
    const watermark = vault(api).refreshCursor;
    const sizeBefore = vault(api).store.size;

    const outcome = await vscode.commands.executeCommand<AccountHistoryOutcome>('cyberarkPta.loadAccountHistory', { sourceId: vault(api).id, key: account.key });
    const gets = sim.requests.filter((r) => r.method === 'GET');
    assert.equal(gets.length, 1);
    assert.deepEqual(gets[0].query, { accountID: account.accountId });
    assert.equal(outcome.received, expected.length);
    const added = expected.filter((raw) => !loadedIds.has(raw.id) && raw.lastUpdateTime <= watermark);
    assert.ok(added.length > 0);
    assert.equal(outcome.added, added.length);
    assert.equal(vault(api).store.size, sizeBefore + added.length);
    assert.ok(added.every((raw) => vault(api).store.has(raw.id)));
    assert.equal(api.view.currentFilter.entity?.key, account.key);
    const shown = new Set([...list(api, 'OPEN'), ...list(api, 'CLOSED')].map((e) => e.id));
    assert.ok(added.every((raw) => shown.has(raw.id)), 'the older events are listed under the account filter');
    assert.ok(Date.now() - Math.min(...added.map((raw) => raw.lastUpdateTime)) > 30 * DAY_MS, 'from beyond the loaded window');
  });

  it('asks for the history from the panel only for an account offering it', async () => {
    const panel = await openPanel(list(api, 'OPEN').find((e) => index.entities(e.id).some((x) => x.kind === 'account' && x.accountId))!);
    const account = panel.model.entities!.find((e) => e.canLoadHistory)!;
    const user = panel.model.entities!.find((e) => e.kind === 'user');
    if (user) assert.equal(panel.receive({ type: 'entity', action: 'history', eventId: panel.eventId, key: user.key }), false);
    assert.equal(panel.receive({ type: 'entity', action: 'history', eventId: panel.eventId, key: account.key }), true);
    await waitFor(() => sim.requests.some((r) => r.method === 'GET' && r.query.accountID !== undefined), 'the history request');
    await waitFor(() => api.view.currentFilter.entity?.key === account.key, 'the account filter');
  });
});
