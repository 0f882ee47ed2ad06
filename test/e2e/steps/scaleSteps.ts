// The extension at the scale it is built for: a third vault holding 50,000 events, timed where the
// analyst feels it (the first rows, a keystroke in the filter, one close), each with the longest
// stall of the extension host while it lasted.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { formatCount } from '../../../src/model/format';
import { normalizeEvent } from '../../../src/model/ptaEvent';
import { eventSearchText } from '../../../src/store/eventFilter';
import { sleep } from '../../host/codeServer';
import { generateEvents, type RawEvent } from '../../simulator/data';
import { DEMO_PASSWORD, PvwaSimulator } from '../../simulator/server';
import { stallWords, type Span } from '../hostStallLog';
import { eventsInWindow, Journey, patches } from '../journeyContext';
import { eventually, Workbench } from '../workbench';
import { overviewFrame } from './overviewSteps';
import { addVault, enterPassword, expectOpenCount } from './vaultSteps';

const ESTATE = 'Estate 50k';
const EVENTS = 50_000;
/** Each of its keystrokes narrows the simulated estate's open events further (k, ku, kup, kup-: part of "backup-"). */
const FILTER_TEXT = 'kup-';
const CLOSE_TEXT = 'Reviewed at scale.';
const WAIT_MS = 30_000;

/**
 * Adds a vault of 50,000 events through the UI and signs in to it, then times what the analyst
 * feels: Sign In to the first rows and to the whole list, the Overview page's own render, each
 * keystroke of a text filter to the tree's narrowed count, and one close to the tree and the
 * Overview showing it. The host's stalls are read once at the end, when every stall overlapping
 * a measured span has ended and been written.
 */
export async function analystAtScale(j: Journey): Promise<void> {
  const big = new PvwaSimulator({ events: generateEvents({ count: EVENTS, seed: 50, now: Date.now(), windowDays: 29 }) });
  await big.start();
  try {
    const openEvents = eventsInWindow(big).filter((e) => e.mStatus === 'OPEN');
    const signIn = await signInAtScale(j, big);
    const overviewRender = await overviewRenderAtScale(j, eventsInWindow(big).length);
    const keystrokes = await filterAsTyped(j.wb, openEvents);
    const close = await closeOneAtScale(j, big, openEvents.length);

    await sleep(1000);
    const { hostStalls } = j;
    assert.ok(hostStalls.isRecording, `the extension host recorded no stall in ${hostStalls.file}: is PTA_HOST_STALLS_FILE reaching it?`);
    const stall = (span: Span) => stallWords(hostStalls.longestDuring(span));
    j.figures.push(
      `Sign In to the first rows of the 50,000-event vault: ${seconds(signIn.firstRows)} (${stall(signIn.firstRows)})`,
      `Sign In to the vault's open count in the tree: ${seconds(signIn.allRows)} for ${formatCount(signIn.events)} events (${stall(signIn.allRows)})`,
      overviewRender,
      `Filter by Text over 50,000 events, "${FILTER_TEXT}" typed, each keystroke to the tree's narrowed count: ${keystrokes
        .map((k) => `${k.key} ${millis(k.span)} (${stall(k.span)})`)
        .join(', ')}`,
      `One close at 50,000 events, Enter on its text to the tree's open count: ${millis(close.tree)} (${stall(close.tree)}); to the Overview's: ${millis(close.overview)} (${stall(close.overview)})`,
    );
  } finally {
    await big.stop();
  }
}

async function signInAtScale({ wb }: Journey, big: PvwaSimulator): Promise<{ firstRows: Span; allRows: Span; events: number }> {
  await addVault(wb, ESTATE, big.appUrl);
  await wb.topLevelRow(ESTATE).waitFor();
  await wb.runCommand('CyberArk PTA: Sign In');
  await wb.waitForQuickInput('CyberArk PTA vaults');
  await wb.pickQuickItem(ESTATE);
  const inWindow = eventsInWindow(big);
  await enterPassword(wb, DEMO_PASSWORD);
  const signedInAt = Date.now();
  const firstRowsAt = await whenShown(wb.page.mainFrame(), firstEventRowUnder, ESTATE, 90_000);
  await expectOpenCount(wb, wb.topLevelRow(ESTATE), inWindow.filter((e) => e.mStatus === 'OPEN').length, 90_000);
  return { firstRows: { from: signedInAt, to: firstRowsAt }, allRows: { from: signedInAt, to: Date.now() }, events: inWindow.length };
}

async function overviewRenderAtScale(j: Journey, inWindow: number): Promise<string> {
  await j.wb.setPaneExpanded('Overview', true);
  const frame = await overviewFrame(j);
  let loaded = 0;
  await eventually('the Overview to count the 50,000-event vault', async () => {
    const text = await frame.locator('#root').innerText();
    loaded = Number(/([\d,]+) loaded\./.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
    assert.ok(loaded >= inWindow, `the Overview says ${loaded} loaded, the vault alone holds ${inWindow}`);
  }, 60_000);
  const renderMs = Number((await frame.locator('#root').getAttribute('data-render-ms')) ?? NaN);
  assert.ok(Number.isFinite(renderMs) && renderMs >= 0, `the page should say its render time, data-render-ms is ${renderMs}`);
  return `Overview page render (build and layout, in the page): ${renderMs.toFixed(1)} ms for ${formatCount(loaded)} loaded events`;
}

/**
 * Filter by Text…, typed one key at a time: from each key press to the vault's row saying how many
 * of its open events match; Escape then restores the whole list.
 */
async function filterAsTyped(wb: Workbench, openEvents: readonly RawEvent[]): Promise<Array<{ key: string; span: Span }>> {
  const searchTexts = openEvents.map((e) => eventSearchText(normalizeEvent(e)!));
  const total = formatCount(openEvents.length);
  await wb.runCommand('CyberArk PTA: Filter by Text…');
  await wb.waitForQuickInput('Filter by text');
  await wb.quickInputBox().focus();
  const keystrokes: Array<{ key: string; span: Span }> = [];
  let previous = openEvents.length;
  for (let typed = 1; typed <= FILTER_TEXT.length; typed++) {
    const matching = searchTexts.filter((text) => text.includes(FILTER_TEXT.slice(0, typed))).length;
    assert.ok(matching > 0 && matching < previous, `"${FILTER_TEXT.slice(0, typed)}" matches ${matching} open events after ${previous}: each keystroke must narrow the list to be seen`);
    previous = matching;
    const key = FILTER_TEXT[typed - 1];
    const from = Date.now();
    await wb.page.keyboard.press(key);
    const to = await whenShown(wb.page.mainFrame(), sourceRowSaysOpen, { source: ESTATE, open: `${formatCount(matching)} of ${total} open` });
    keystrokes.push({ key, span: { from, to } });
  }
  await wb.page.keyboard.press('Escape');
  await wb.waitForQuickInputClosed();
  await whenShown(wb.page.mainFrame(), sourceRowSaysOpen, { source: ESTATE, open: `${total} open` });
  return keystrokes;
}

/** Close Event… on the vault's first open row, Handled, a text, Enter: until the tree and the Overview count one open event fewer. */
async function closeOneAtScale(j: Journey, big: PvwaSimulator, open: number): Promise<{ tree: Span; overview: Span }> {
  const { wb } = j;
  const frame = await overviewFrame(j);
  const overviewOpen = Number((/^Open events: ([\d,]+)$/.exec((await frame.locator('h2').first().innerText()).trim())?.[1] ?? '').replace(/,/g, ''));
  assert.ok(overviewOpen >= open, `the Overview counts ${overviewOpen} open events, the vault alone ${open}`);

  const row = wb.sideBar.locator(`.monaco-list-row[role="treeitem"][data-index="${Number(await wb.topLevelRow(ESTATE).getAttribute('data-index')) + 2}"]`);
  assert.equal(await row.getAttribute('aria-level'), '3', 'the row below the vault\'s Open group is an event');
  const patchesBefore = patches(big).length;
  await wb.contextMenuAction(row, 'Close Event…');
  await eventually('the close flow\'s reason step', async () => assert.match(((await wb.quickInputTitle().textContent()) ?? '').trim(), /^Close .+ \(1\/2\): reason$/));
  await wb.pickQuickItem('Handled');
  await eventually('the close flow\'s text step', async () => assert.match(((await wb.quickInputTitle().textContent()) ?? '').trim(), /^Close .+ \(2\/2\): text$/));
  await wb.typeIntoQuickInput(CLOSE_TEXT);

  const from = Date.now();
  await wb.page.keyboard.press('Enter');
  const [treeAt, overviewAt] = await Promise.all([
    whenShown(wb.page.mainFrame(), sourceRowSaysOpen, { source: ESTATE, open: `${formatCount(open - 1)} open` }),
    whenShown(frame, overviewSaysOpen, `Open events: ${formatCount(overviewOpen - 1)}`),
  ]);
  const sent = patches(big).slice(patchesBefore);
  assert.equal(sent.length, 1, `exactly one PATCH should close the event, saw ${sent.length}`);
  assert.deepEqual(sent[0].body, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: CLOSE_TEXT });
  return { tree: { from, to: treeAt }, overview: { from, to: overviewAt } };
}

/**
 * Waits for `shownAt`, checked in the page at every animation frame, so a figure is not the
 * journey's polling interval; it gives the page's clock (the machine's, as the journey's) once what
 * it looks for is on screen.
 */
async function whenShown<A extends string | Record<string, string>>(frame: Frame, shownAt: (arg: A) => number | false, arg: A, timeoutMs = WAIT_MS): Promise<number> {
  const handle = await frame.waitForFunction(shownAt as (arg: unknown) => number | false, arg, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}

// The checks below run in the page, so they may use only the DOM and their argument. Each gives
// the time when what it looks for is shown, else false.

/** The first event row under the vault's Open group is rendered. */
function firstEventRowUnder(source: string): number | false {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list-row[role="treeitem"]'));
  const label = (row: HTMLElement | undefined) => row?.querySelector('.label-name')?.textContent?.trim();
  const at = (index: number) => rows.find((row) => Number(row.dataset.index) === index);
  const vault = rows.find((row) => row.getAttribute('aria-level') === '1' && label(row) === source);
  if (!vault) return false;
  const index = Number(vault.dataset.index);
  return label(at(index + 1)) === 'Open' && at(index + 2)?.getAttribute('aria-level') === '3' && Date.now();
}

/** The vault's row says this many open events ("1,234 of 33,766 open", "33,765 open"). */
function sourceRowSaysOpen({ source, open }: { source: string; open: string }): number | false {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]'));
  const vault = rows.find((row) => row.querySelector('.label-name')?.textContent?.trim() === source);
  return !!vault?.querySelector('.label-description')?.textContent?.trim().startsWith(`${open} · `) && Date.now();
}

/** The Overview's first heading says this. */
function overviewSaysOpen(heading: string): number | false {
  return document.querySelector('h2')?.textContent?.trim() === heading && Date.now();
}

function seconds(span: Span): string {
  return `${((span.to - span.from) / 1000).toFixed(1)} s`;
}

function millis(span: Span): string {
  return `${formatCount(span.to - span.from)} ms`;
}
