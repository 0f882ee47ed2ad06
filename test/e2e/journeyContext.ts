// What every step of the journey works with: the workbench, the simulators, the events the
// steps act on (chosen from the simulated data up front), the user settings file, and the
// small assertions and screenshot helpers the steps share.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { EntityIndex } from '../../src/derived/entityIndex';
import { isCloseReason } from '../../src/model/closeReason';
import type { EntityKind } from '../../src/model/entities';
import { eventShortName } from '../../src/model/eventFacts';
import { formatScore, readableCloseReason, readableEventType, shortEventType } from '../../src/model/format';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { projectRoot } from '../host/codeServer';
import type { RawEvent } from '../simulator/data';
import { RECURRING_STORIES } from '../simulator/eventCatalog';
import type { PvwaSimulator } from '../simulator/server';
import { eventually, Workbench } from './workbench';
import type { HostStallLog } from './hostStallLog';

export const resultsDir = path.join(projectRoot, 'test-results', 'e2e');
export const readmeShotsDir = path.join(resultsDir, 'readme');
export const viewport = { width: 1400, height: 1000 };
export const sideBarWidth = 520;
export const lookbackDays = 30;
export const minScoreFilter = 80;
const DAY_MS = 86_400_000;

/** An event a step acts on, with what the UI should say about it. */
export interface Subject {
  readonly event: RawEvent;
  readonly audits: ReadonlyArray<Record<string, unknown>>;
  /** "Golden ticket · d004…7a": the details page's heading and tab title. */
  readonly title: string;
  /** The start of its tree row's aria label ("Golden ticket, score 95.3,"), unique among the rows. */
  readonly rowLabel: string;
  /** What its row's visible label says ("95.3 · Golden ticket"). */
  readonly rowText: string;
}

export interface Journey {
  readonly wb: Workbench;
  readonly page: Page;
  /** The vault of the single-vault steps. */
  readonly sim: PvwaSimulator;
  /** A second vault with other data, for the several-vaults steps. */
  readonly drSim: PvwaSimulator;
  readonly settings: UserSettings;
  /** Open, high risk, several audits: expanded, opened, closed and reopened. */
  readonly subject: Subject;
  /** An open PSM event with a plain typed command. */
  readonly psmSubject: Subject;
  /** Three open events near the top of the list. */
  readonly previewSubjects: readonly Subject[];
  /** An open event whose closed look-alikes were all closed one way: the context and Close the Same Way. */
  readonly contextSubject: ContextSubject;
  /** The folder code-server opened, where the file steps save their files. */
  readonly workspaceFolder: string;
  readonly expected: { open: number; closed: number; openAbove: number; closedAbove: number };
  /** Messages of JavaScript dialogs opened in any frame of the page. */
  readonly dialogsSeen: string[];
  /** The extension host's event-loop stalls, recorded by the extension in this run. */
  readonly hostStalls: HostStallLog;
  /** Figures measured on the way, printed after the report. */
  readonly figures: string[];
}

/** code-server's user settings file, as VS Code writes it. */
export class UserSettings {
  constructor(private readonly file: string) {}

  read(): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, unknown>;
  }
}

export function toSubject(event: RawEvent): Subject {
  const parsed = normalizeEvent(event) as PtaEvent;
  return {
    event,
    audits: (Array.isArray(event.audits) ? event.audits : []) as Array<Record<string, unknown>>,
    title: eventShortName(parsed),
    rowLabel: rowLabelOf(event),
    rowText: `${formatScore(Number(event.score))} · ${shortEventType(String(event.type))}`,
  };
}

function rowLabelOf(event: RawEvent): string {
  return `${readableEventType(String(event.type))}, score ${formatScore(Number(event.score))},`;
}

/** Events whose row label no other event in the window shares, so a locator finds exactly one row. */
function uniquelyLabelled(sim: PvwaSimulator): RawEvent[] {
  const inWindow = eventsInWindow(sim);
  return inWindow.filter((e) => inWindow.filter((other) => rowLabelOf(other) === rowLabelOf(e)).length === 1);
}

/** The newest open, high-risk event with several audits and a plain type. */
export function chooseSubject(sim: PvwaSimulator): Subject {
  const candidate = uniquelyLabelled(sim).find(
    (e) => e.mStatus === 'OPEN' && Number(e.score) > 75 && Array.isArray(e.audits) && e.audits.length >= 2 && /^[A-Za-z]+$/.test(String(e.type)) && !hasPsmCommand(e),
  );
  if (!candidate) throw new Error('the simulated data has no open high-risk event with audits to drive the journey with');
  return toSubject(candidate);
}

/** The first open rows of the tree, newest first, so they are on screen without scrolling. */
function topOpenRows(sim: PvwaSimulator, count: number): RawEvent[] {
  const unique = new Set(uniquelyLabelled(sim));
  return eventsInWindow(sim)
    .filter((e) => e.mStatus === 'OPEN')
    .sort((a, b) => b.lastUpdateTime - a.lastUpdateTime)
    .slice(0, count)
    .filter((e) => unique.has(e));
}

/** An open PSM event near the top whose first audit has a plain, short typed command. */
export function choosePsmSubject(sim: PvwaSimulator): Subject {
  const firstCommand = (e: RawEvent) => String((e.audits as Array<Record<string, unknown>> | undefined)?.[0]?.psmCommand ?? '');
  const found = topOpenRows(sim, 20).find((e) => /^[\w .,:;|/\\=+-]{4,60}$/.test(firstCommand(e)));
  if (!found) throw new Error('the simulated data has no open PSM event with a plain command near the top of the list');
  return toSubject(found);
}

/** Three open events near the top of the list, to click one after the other. */
export function choosePreviewSubjects(sim: PvwaSimulator): Subject[] {
  const found = topOpenRows(sim, 12).slice(0, 3).map(toSubject);
  if (found.length < 3) throw new Error(`the simulated data has ${found.length} distinctly labelled open events near the top, the journey needs 3`);
  return found;
}

/** An open event with closed look-alikes, and what its details panel should say about them. */
export interface ContextSubject extends Subject {
  /** How many closed look-alikes it has; all were closed with `reason` and `text`. */
  readonly lookAlikes: number;
  /** As the vault takes it (NOTREAL), and in words (False positive). */
  readonly reason: string;
  readonly reasonWords: string;
  readonly text: string;
  /** An entity it shares with a look-alike (an account when one does), with every loaded event involving it. */
  readonly entity: { kind: EntityKind; label: string; open: number; closed: number };
}

const ENTITY_PREFERENCE: EntityKind[] = ['account', 'user', 'host'];

/**
 * An open event whose look-alikes (closed, same type, a shared account, vault user or host) were
 * all closed with one reason and text, so the memory sentence is known: one of the simulator's
 * recurring stories when the data has one, else the one with the most look-alikes, then the fewest
 * related events (a panel short enough for one picture).
 */
export function chooseContextSubject(sim: PvwaSimulator): ContextSubject {
  const unique = new Set(uniquelyLabelled(sim));
  const store = new EventStore();
  store.replaceAll(eventsInWindow(sim).map(normalizeEvent).filter((e): e is PtaEvent => !!e));
  const index = new EntityIndex(store);
  const candidates: Array<{ subject: ContextSubject; story: boolean; related: number }> = [];
  for (const event of eventsInWindow(sim)) {
    if (event.mStatus !== 'OPEN' || !unique.has(event)) continue;
    const lookAlikes = index.lookAlikes(event.id);
    const ways = new Set(lookAlikes.map((e) => `${e.closeReason}\u0000${e.reasonText?.trim() ?? ''}`));
    const [first] = lookAlikes;
    if (ways.size !== 1 || !isCloseReason(first.closeReason) || !first.reasonText?.trim()) continue;
    const shared = index
      .entities(event.id)
      .filter((entity) => lookAlikes.some((e) => index.entities(e.id).some((other) => other.key === entity.key)))
      .sort((a, b) => ENTITY_PREFERENCE.indexOf(a.kind) - ENTITY_PREFERENCE.indexOf(b.kind));
    const entity = shared[0];
    if (!entity || !/^[\w.@\\-]{1,60}$/.test(entity.label)) continue;
    const involved = index.events(entity.key);
    candidates.push({
      subject: {
        ...toSubject(event),
        lookAlikes: lookAlikes.length,
        reason: first.closeReason,
        reasonWords: readableCloseReason(first.closeReason)!,
        text: first.reasonText.trim(),
        entity: { kind: entity.kind, label: entity.label, open: involved.filter((e) => e.status === 'OPEN').length, closed: involved.filter((e) => e.status === 'CLOSED').length },
      },
      story: RECURRING_STORIES.some((s) => s.type === event.type && s.reasonText === first.reasonText),
      related: index.related(event.id, Infinity).total,
    });
  }
  index.dispose();
  const [best] = candidates.sort((a, b) => Number(b.story) - Number(a.story) || b.subject.lookAlikes - a.subject.lookAlikes || a.related - b.related);
  if (!best) throw new Error('the simulated data has no open event whose closed look-alikes were closed one way');
  return best.subject;
}

function hasPsmCommand(event: RawEvent): boolean {
  return Array.isArray(event.audits) && event.audits.some((a) => !!(a as Record<string, unknown>).psmCommand);
}

export function expectedCounts(sim: PvwaSimulator): Journey['expected'] {
  const inWindow = eventsInWindow(sim);
  const count = (status: string, minScore = 0) => inWindow.filter((e) => e.mStatus === status && Number(e.score) >= minScore).length;
  return {
    open: count('OPEN'),
    closed: count('CLOSED'),
    openAbove: count('OPEN', minScoreFilter),
    closedAbove: count('CLOSED', minScoreFilter),
  };
}

/** What the first load asks for: events updated within the look-back window. */
export function eventsInWindow(sim: PvwaSimulator): RawEvent[] {
  const from = Date.now() - lookbackDays * DAY_MS;
  return sim.events().filter((e) => e.lastUpdateTime >= from);
}

export function patches(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'PATCH');
}

/** The group rows' counts; `under` is a vault's node when several vaults are shown. */
export async function waitForGroupCounts(wb: Workbench, open: string, closed: string): Promise<void> {
  await eventually(`Open ${open} and Closed ${closed}`, async () => {
    const shown = { open: await wb.rowDescription(wb.topLevelRow('Open')), closed: await wb.rowDescription(wb.topLevelRow('Closed')) };
    assert.deepEqual(shown, { open, closed });
  });
}

export async function assertText(locator: Locator, expected: RegExp): Promise<void> {
  await eventually(`text matching ${expected}`, async () => {
    const text = (await locator.first().innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim();
    assert.match(text, expected);
  });
}

export type Clip = { x: number; y: number; width: number; height: number };

/** The activity bar and side bar, from the top down to below `lastRow`. */
export async function sideBarClip(wb: Workbench, lastRow: Locator): Promise<Clip> {
  const sideBar = await wb.sideBar.boundingBox();
  const row = await lastRow.boundingBox();
  if (!sideBar || !row) throw new Error('the side bar or its last row is not shown');
  return { x: 0, y: 0, width: sideBar.x + sideBar.width, height: Math.min(viewport.height, row.y + row.height + 12) };
}

/** The whole side bar with the activity bar. */
export async function wholeSideBarClip(wb: Workbench): Promise<Clip> {
  const sideBar = await wb.sideBar.boundingBox();
  if (!sideBar) throw new Error('the side bar is not shown');
  return { x: 0, y: 0, width: sideBar.x + sideBar.width, height: sideBar.y + sideBar.height };
}

export function topOfWindowClip(height: number): Clip {
  return { x: 0, y: 0, width: viewport.width, height };
}

/** The quick input widget with the tree behind it. */
export async function quickInputClip(wb: Workbench): Promise<Clip> {
  const widget = await wb.quickInput.boundingBox();
  if (!widget) throw new Error('the quick input is not shown');
  return { x: 0, y: 0, width: Math.min(viewport.width, widget.x + widget.width + 24), height: Math.min(viewport.height, widget.y + widget.height + 140) };
}

/** A screenshot meant for the README: kept in test-results/e2e/readme/, copied by --update-screenshots. */
export async function saveReadmeShot(page: Page, name: string, clip: Clip): Promise<void> {
  await page.screenshot({ path: path.join(readmeShotsDir, `${name}.png`), clip });
}

/** A screenshot for a person to look at, not for the README. */
export async function saveShot(page: Page, name: string, clip?: Clip): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), clip });
}
