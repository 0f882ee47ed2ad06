// @ts-check
// The details page. It receives an event view model by postMessage and renders it with
// textContent only: no innerHTML anywhere, so no vault string can become markup.
// Each section is one render function in SECTIONS; a section whose data is absent renders nothing,
// so the view model can grow optional fields (and the page new sections) one at a time.
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));

  /** @type {{ el: (tag: string, className?: string, text?: string) => HTMLElement, facts: (rows: ReadonlyArray<readonly [string, string]>) => HTMLElement }} */
  const { el, facts } = /** @type {any} */ (window).ptaDom;

  /**
   * @param {string} title
   * @param {string} [className]
   */
  function section(title, className) {
    const node = el('section', className);
    node.append(el('h2', undefined, title));
    return node;
  }

  /**
   * @param {string} label
   * @param {string} action
   * @param {string} eventId
   * @param {boolean} [primary]
   */
  function button(label, action, eventId, primary) {
    const b = /** @type {HTMLButtonElement} */ (el('button', primary ? 'primary' : 'secondary', label));
    b.type = 'button';
    b.dataset.action = action;
    b.dataset.focusKey = `action:${action}`;
    b.addEventListener('click', () => vscode.postMessage({ type: 'action', action, eventId }));
    return b;
  }

  const SVG = 'http://www.w3.org/2000/svg';

  /**
   * @param {string} tag
   * @param {Record<string, string | number>} [attributes]
   */
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  /**
   * A button that sends a message other than a plain action; `focusKey` lets focus come back to it after a redraw.
   * @param {string} label
   * @param {string} className
   * @param {string} focusKey
   * @param {object} message
   */
  function messageButton(label, className, focusKey, message) {
    const b = /** @type {HTMLButtonElement} */ (el('button', className, label));
    b.type = 'button';
    b.dataset.focusKey = focusKey;
    b.addEventListener('click', () => vscode.postMessage(message));
    return b;
  }

  /** @param {any} ev */
  function renderHeader(ev) {
    const header = el('header');
    const badges = el('div', 'badges');
    badges.append(
      el('span', `badge risk-${ev.risk}`, `Score ${ev.score} · ${ev.risk} risk`),
      el('span', `badge status-${ev.status.toLowerCase()}`, ev.statusText),
    );
    header.append(el('h1', undefined, ev.title), badges, el('p', 'muted type', ev.type));
    return header;
  }

  /** @param {any} ev */
  function renderActions(ev) {
    const actions = el('div', 'actions');
    if (ev.canTriage) actions.append(ev.status === 'OPEN' ? button('Close Event…', 'close', ev.id, true) : button('Reopen Event', 'reopen', ev.id, true));
    actions.append(button('Open Raw JSON', 'openRawJson', ev.id), button('Copy Event ID', 'copyId', ev.id));
    if (ev.canOpenInPvwa) actions.append(button('Open in PVWA', 'openInPvwa', ev.id));
    return actions;
  }

  /** @param {any} ev */
  function renderClosed(ev) {
    if (ev.status !== 'CLOSED') return undefined;
    const closed = section('Closed', 'closed');
    closed.append(facts([['Reason', ev.closeReason || 'Not given'], ['Text', ev.reasonText || 'None']]));
    return closed;
  }

  /** @param {any} ev */
  function renderSummary(ev) {
    const summary = section('Summary', 'summary');
    summary.append(facts(ev.facts));
    return summary;
  }

  /** @param {any} ev */
  function renderAdditionalData(ev) {
    if (ev.additionalData.length === 0) return undefined;
    const extra = section('Additional data', 'additional');
    extra.append(facts(ev.additionalData));
    return extra;
  }

  /** @param {any} ev */
  function renderAudits(ev) {
    const audits = section(`Audits (${ev.audits.length})`, 'audits');
    if (ev.audits.length === 0) audits.append(el('p', 'muted', 'This event has no audits.'));
    else if (ev.auditLayout === 'table') audits.append(auditTable(ev.audits));
    else for (const audit of ev.audits) audits.append(auditCard(audit));
    return audits;
  }

  /** @param {any} audit */
  function auditTitle(audit) {
    return el(audit.isCommand ? 'code' : 'span', audit.isCommand ? 'command' : undefined, audit.title);
  }

  /** An audit shown whole: its command or action as the title, who and where under it, then its other facts. @param {any} audit */
  function auditCard(audit) {
    const card = el('article', 'audit');
    const title = el('h3', 'audit-title');
    title.append(auditTitle(audit));
    card.append(title);
    const meta = [audit.actor, audit.route].filter(Boolean).join(' · ');
    if (meta) card.append(el('p', 'audit-meta', meta));
    card.append(facts(audit.fields));
    return card;
  }

  /** Many audits: one row each, the command or action first. @param {any[]} audits */
  function auditTable(audits) {
    const table = el('table', 'audit-table');
    const head = el('tr');
    for (const name of ['Time', 'Command or action', 'Who', 'Source → target']) {
      const th = el('th', undefined, name);
      th.setAttribute('scope', 'col');
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const audit of audits) {
      const row = el('tr');
      const what = el('td', 'what');
      what.append(auditTitle(audit));
      row.append(el('td', 'time', audit.time || ''), what, el('td', undefined, audit.actor || ''), el('td', undefined, audit.route || ''));
      tbody.append(row);
    }
    table.append(thead, tbody);
    return table;
  }

  /**
   * How the event's closed look-alikes were closed, their scores beside this one's, and why to read
   * the event first when that applies: advice, so Close the Same Way leads only when nothing calls for care.
   * @param {any} ev
   */
  function renderMemory(ev) {
    if (!ev.memory) return undefined;
    const memory = section('Seen before', 'memory');
    memory.append(el('p', 'memory-sentence', ev.memory.sentence), el('p', 'muted memory-scores', ev.memory.scores));
    if (ev.memory.caution) memory.append(el('p', 'memory-caution', ev.memory.caution));
    if (ev.memory.canCloseSameWay) memory.append(button('Close the Same Way…', 'closeSameWay', ev.id, ev.memory.sameWayIsPrimary));
    return memory;
  }

  /** Each entity with the other loaded events involving it, and the pivots on it. @param {any} ev */
  function renderEntities(ev) {
    if (!ev.entities) return undefined;
    const entities = section(`Entities (${ev.entities.length})`, 'entities');
    if (ev.entities.length === 0) {
      entities.append(el('p', 'muted', 'No account, vault user or host in this event.'));
      return entities;
    }
    const list = el('ul', 'entity-list');
    const selected = ev.timeline && ev.timeline.entity ? ev.timeline.entity.key : undefined;
    for (const entity of ev.entities) {
      const item = el('li', 'entity');
      const head = el('div', 'entity-head');
      head.append(el('span', `entity-kind kind-${entity.kind}`, entity.kindName));
      const filter = messageButton(entity.label, 'link entity-label', `entity-filter:${entity.key}`, { type: 'entity', action: 'filter', eventId: ev.id, key: entity.key });
      filter.title = `Filter the Events view to this ${entity.kindName.toLowerCase()}`;
      head.append(filter);
      const where = [entity.ip, entity.side].filter(Boolean).join(' · ');
      if (where) head.append(el('span', 'muted entity-where', where));
      item.append(head);
      const stats = el('div', 'entity-stats');
      stats.append(el('span', 'muted', `Other loaded events: ${entity.summary}`));
      const timeline = messageButton(entity.key === selected ? 'Hide timeline' : 'Timeline', 'link', `entity-timeline:${entity.key}`, { type: 'entity', action: 'timeline', eventId: ev.id, key: entity.key });
      if (entity.key !== selected) timeline.addEventListener('click', () => (scrollToTimeline = true));
      timeline.setAttribute('aria-pressed', String(entity.key === selected));
      stats.append(timeline);
      if (entity.canLoadHistory) {
        stats.append(messageButton('Full history from the vault', 'link', `entity-history:${entity.key}`, { type: 'entity', action: 'history', eventId: ev.id, key: entity.key }));
      }
      item.append(stats);
      list.append(item);
    }
    entities.append(list);
    return entities;
  }

  /** Other events sharing an entity, strongest first; each opens in its own panel. @param {any} ev */
  function renderRelated(ev) {
    if (!ev.related) return undefined;
    const { total, events } = ev.related;
    const related = section(`Related events (${total})`, 'related');
    if (total === 0) {
      related.append(el('p', 'muted', 'No other loaded event shares an account, vault user or host with this one.'));
      return related;
    }
    const expanded = relatedExpanded === ev.id;
    const shown = expanded ? events : events.slice(0, RELATED_FIRST);
    related.append(el('p', 'muted', shown.length < total ? `The ${count(shown.length)} strongest of ${count(total)}: most shared entities, same type, most recent.` : 'Most shared entities, same type, most recent first.'));
    const list = el('ul', 'related-list');
    for (const other of shown) {
      const item = el('li', 'related-event');
      const head = el('div', 'related-head');
      head.append(
        el('span', `badge risk-${other.risk}`, `${other.score} ${other.risk}`),
        messageButton(other.typeName, 'link', `related:${other.eventId}`, { type: 'open', eventId: ev.id, targetId: other.eventId }),
        el('span', `muted status-text status-${other.status.toLowerCase()}`, `${other.statusText} · ${other.age}`),
      );
      item.append(head, el('div', 'muted related-shares', `Shares ${other.shares}`));
      list.append(item);
    }
    related.append(list);
    if (!expanded && (events.length > RELATED_FIRST || total > events.length)) {
      const all = total > RELATED_ALL_MAX ? `Show the ${count(RELATED_ALL_MAX)} strongest` : `Show all ${count(total)}`;
      const more = messageButton(all, 'link show-all', 'related-all', { type: 'related', action: 'all', eventId: ev.id });
      more.addEventListener('click', () => {
        relatedExpanded = ev.id;
        if (events.length >= total) render(ev);
      });
      related.append(more);
    }
    return related;
  }

  /** The audits on a time axis with the gaps between them, and the selected entity's events over the loaded window. @param {any} ev */
  function renderTimeline(ev) {
    if (!ev.timeline) return undefined;
    const { audits, entity } = ev.timeline;
    const timeline = foldedSection('Timeline', 'timeline');
    if (audits.marks.length === 0) {
      timeline.append(el('p', 'muted', 'No audit of this event has a time.'));
    } else {
      const caption = audits.span ? `Audits over ${audits.span}` : 'Audits';
      timeline.append(el('h3', undefined, caption), auditAxis(audits.marks, caption), auditList(audits.marks));
    }
    if (audits.untimed > 0) timeline.append(el('p', 'muted', `${audits.untimed} audit${audits.untimed === 1 ? ' has' : 's have'} no time and ${audits.untimed === 1 ? 'is' : 'are'} not on the axis.`));
    if (entity) timeline.append(entityTimeline(ev.id, entity));
    else if (ev.entities && ev.entities.length > 0) timeline.append(el('p', 'muted', "Choose Timeline beside an entity to see its events over the loaded window."));
    return timeline;
  }

  const AXIS_PAD = 14;

  /** The drawing's width: the page's, so text in it keeps its size. */
  function drawingWidth() {
    return Math.max(280, Math.min(1100, root.clientWidth || 600));
  }

  /** @param {number} at @param {number} width */
  function xAt(at, width) {
    return AXIS_PAD + at * (width - 2 * AXIS_PAD);
  }

  /**
   * @param {any[]} marks
   * @param {string} caption
   */
  function auditAxis(marks, caption) {
    const width = drawingWidth();
    const height = 56;
    const axisY = 36;
    const drawing = svg('svg', { class: 'axis-drawing', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    drawing.setAttribute('aria-label', `${caption}: ${marks.length} audit${marks.length === 1 ? '' : 's'}, listed below`);
    drawing.append(svg('line', { class: 'axis-line', x1: AXIS_PAD, y1: axisY, x2: width - AXIS_PAD, y2: axisY }));
    marks.forEach((mark, i) => {
      const x = xAt(mark.at, width);
      if (i > 0 && mark.gap) {
        const before = xAt(marks[i - 1].at, width);
        // A gap is labelled only where its label fits between its two marks.
        if (x - before > mark.gap.length * 7 + 10) {
          drawing.append(svg('line', { class: 'gap-line', x1: before + 7, y1: axisY - 12, x2: x - 7, y2: axisY - 12 }));
          const label = svg('text', { class: 'gap-label', x: (before + x) / 2, y: axisY - 17, 'text-anchor': 'middle' });
          label.textContent = mark.gap;
          drawing.append(label);
        }
      }
      const dot = svg('circle', { class: 'audit-mark', cx: x, cy: axisY, r: 5 });
      const title = svg('title');
      title.textContent = `${mark.time} · ${mark.label}`;
      dot.append(title);
      drawing.append(dot);
    });
    return drawing;
  }

  /** Every audit mark as text, with the gap since the one before. @param {any[]} marks */
  function auditList(marks) {
    const list = el('ol', 'mark-list');
    for (const mark of marks) {
      const item = el('li');
      item.append(el('span', 'time', mark.time), ` ${mark.label}`);
      if (mark.gap) item.append(el('span', 'muted', ` · ${mark.gap} after the one before`));
      list.append(item);
    }
    return list;
  }

  /**
   * @param {string} eventId
   * @param {any} entity
   */
  function entityTimeline(eventId, entity) {
    const block = el('div', 'entity-timeline');
    const caption = `${entity.kindName} ${entity.label}: ${entity.total} loaded event${entity.total === 1 ? '' : 's'}`;
    block.append(el('h3', undefined, caption));
    if (entity.marks.length < entity.total) block.append(el('p', 'muted', `The newest ${entity.marks.length} are shown.`));
    const width = drawingWidth();
    const height = 44;
    const axisY = 22;
    const drawing = svg('svg', { class: 'axis-drawing', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    drawing.setAttribute('aria-label', `${caption}, from ${entity.start} to ${entity.end}, listed below`);
    drawing.append(svg('line', { class: 'axis-line', x1: AXIS_PAD, y1: axisY, x2: width - AXIS_PAD, y2: axisY }));
    for (const mark of entity.marks) {
      const x = xAt(mark.at, width);
      const classes = ['event-mark', `band-${mark.risk}`, mark.status === 'CLOSED' ? 'closed' : 'open', mark.isSubject ? 'subject' : ''].join(' ');
      const shape = svg('circle', { class: classes, cx: x, cy: axisY, r: mark.isSubject ? 7 : 4.5 });
      const title = svg('title');
      title.textContent = `${mark.time} · ${mark.typeName} · score ${mark.score} · ${mark.status === 'OPEN' ? 'open' : 'closed'}${mark.isSubject ? ' · this event' : ''}`;
      shape.append(title);
      if (!mark.isSubject) shape.addEventListener('click', () => vscode.postMessage({ type: 'open', eventId, targetId: mark.eventId }));
      drawing.append(shape);
    }
    const ends = el('div', 'axis-ends muted');
    ends.append(el('span', undefined, entity.start), el('span', undefined, entity.end));
    block.append(drawing, ends, el('p', 'muted legend', 'Filled: open, coloured by risk (red high, orange medium, green low). Hollow: closed. Ringed: this event.'));

    const details = el('details', 'mark-details');
    details.dataset.key = `entity-marks:${entity.key}`;
    details.append(el('summary', undefined, 'As a list'));
    const list = el('ol', 'mark-list');
    for (const mark of entity.marks) {
      const item = el('li');
      item.append(el('span', 'time', mark.time), ' ');
      const what = `${mark.typeName} · score ${mark.score} · ${mark.status === 'OPEN' ? 'open' : 'closed'}`;
      if (mark.isSubject) item.append(el('span', undefined, `${what} (this event)`));
      else item.append(messageButton(what, 'link', `mark:${mark.eventId}`, { type: 'open', eventId, targetId: mark.eventId }));
      list.append(item);
    }
    details.append(list);
    block.append(details);
    return block;
  }

  /** What stands behind the event, drawn by behindEvent.js from its own messages. @param {any} ev */
  function renderBehind(ev) {
    const behind = /** @type {any} */ (window).ptaBehindSection;
    return behind ? behind.render(ev.id, vscode.postMessage.bind(vscode)) : undefined;
  }

  /** @param {any} ev */
  function renderRawJson(ev) {
    const raw = foldedSection('Raw JSON', 'raw');
    const pre = el('pre', 'json');
    const code = el('code');
    code.append(highlightJson(ev.rawJson, new Map(ev.rawJsonTimes)));
    pre.append(code);
    raw.append(pre);
    return raw;
  }

  const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],])/g;

  /**
   * Syntax-coloured JSON as spans of text. A number that is a time gets its date at the end of
   * its line, in an annotation element outside the JSON text (not selectable, so a copy stays valid JSON).
   * @param {string} json
   * @param {Map<string, string>} times
   */
  function highlightJson(json, times) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    /** @type {string | undefined} */
    let pendingTime;
    /** @param {string} gap */
    const appendGap = (gap) => {
      if (pendingTime !== undefined && gap.includes('\n')) {
        fragment.append(el('span', 'json-annotation', pendingTime));
        pendingTime = undefined;
      }
      fragment.append(gap);
    };
    for (const match of json.matchAll(TOKEN)) {
      const index = match.index ?? 0;
      if (index > last) appendGap(json.slice(last, index));
      const [text, str, colon, num, bool, nul] = match;
      if (str !== undefined) {
        fragment.append(el('span', colon ? 'json-key' : 'json-string', str));
        if (colon) fragment.append(colon);
      } else if (num !== undefined) {
        fragment.append(el('span', 'json-number', num));
        pendingTime = times.get(num) ?? pendingTime;
      } else if (bool !== undefined) {
        fragment.append(el('span', 'json-boolean', bool));
      } else if (nul !== undefined) {
        fragment.append(el('span', 'json-null', nul));
      } else {
        fragment.append(el('span', 'json-punctuation', text));
      }
      last = index + text.length;
    }
    if (last < json.length) appendGap(json.slice(last));
    if (pendingTime !== undefined) fragment.append(el('span', 'json-annotation', pendingTime));
    return fragment;
  }

  /**
   * In page order: the evidence first (what happened, who, where: the first screen of a typical
   * event), then the context around it, then what is folded until asked for.
   */
  const SECTIONS = [
    // The event and what can be done with it.
    renderHeader,
    renderActions,
    renderClosed,
    renderSummary,
    // The evidence: the audits, with the commands typed in PSM sessions.
    renderAudits,
    renderAdditionalData,
    // What stands behind it, read live from the vault: the session, the account, the user, the rule.
    renderBehind,
    // Context: how look-alikes were closed, who and where else, related events.
    renderMemory,
    renderEntities,
    renderRelated,
    // Folded by default; each fold is kept from event to event.
    renderTimeline,
    renderRawJson,
  ];

  /** @type {any} */
  let shown;

  /** Related events: the first few, and all of them once asked for (for this event only). */
  const RELATED_FIRST = 5;
  /** The most the extension sends for "Show all" (eventContextView's RELATED_ALL_MAX). */
  const RELATED_ALL_MAX = 1000;
  /** @type {string | undefined} */
  let relatedExpanded;

  /** @param {number} n */
  function count(n) {
    return n.toLocaleString('en-US');
  }

  /**
   * Which folded sections are open, by key: presentation only, no vault data, so it may be kept in
   * the webview's state and goes from event to event.
   * @type {Record<string, boolean>}
   */
  const unfolded = (vscode.getState() && vscode.getState().unfolded) || {};

  /**
   * A section folded by default, opened or closed as it was on the last event.
   * @param {string} title
   * @param {string} className
   */
  function foldedSection(title, className) {
    const node = /** @type {HTMLDetailsElement} */ (el('details', `${className} folded`));
    node.dataset.key = `section:${className}`;
    const summary = el('summary');
    summary.append(el('h2', undefined, title));
    node.append(summary);
    node.open = !!unfolded[className];
    node.addEventListener('toggle', () => {
      unfolded[className] = node.open;
      vscode.setState({ unfolded });
    });
    return node;
  }

  /** An entity's Timeline was asked for: once drawn, it is unfolded and scrolled into sight. */
  let scrollToTimeline = false;

  /**
   * Draws the whole page. A redraw of the same event (its context changed) keeps the scroll
   * position, the focused control and the lists opened, so an update never makes the page jump.
   * @param {any} ev
   */
  function render(ev) {
    const sameEvent = root.dataset.eventId === ev.id;
    if (!sameEvent && relatedExpanded !== ev.id) relatedExpanded = undefined;
    const focusKey = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;
    const opened = new Set(Array.from(root.querySelectorAll('details[open]'), (d) => /** @type {HTMLElement} */ (d).dataset.key));
    const scroll = window.scrollY;
    const sections = SECTIONS.map((renderSection) => renderSection(ev)).filter((node) => node !== undefined);
    root.replaceChildren(.../** @type {HTMLElement[]} */ (sections));
    root.dataset.eventId = ev.id;
    root.dataset.status = ev.status;
    shown = ev;
    if (!sameEvent) return;
    for (const details of root.querySelectorAll('details')) {
      if (opened.has(/** @type {HTMLElement} */ (details).dataset.key)) details.setAttribute('open', '');
    }
    window.scrollTo(0, scroll);
    const focus = focusKey && Array.from(root.querySelectorAll('[data-focus-key]')).find((node) => /** @type {HTMLElement} */ (node).dataset.focusKey === focusKey);
    if (focus) /** @type {HTMLElement} */ (focus).focus({ preventScroll: true });
    const entityTimeline = root.querySelector('.entity-timeline');
    if (scrollToTimeline && entityTimeline) {
      scrollToTimeline = false;
      const fold = entityTimeline.closest('details');
      if (fold) fold.open = true;
      entityTimeline.scrollIntoView({ block: 'nearest' });
    }
  }

  // The timelines are drawn at the page's width: drawn again when it changes.
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => shown && render(shown), 150);
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message && message.type) {
      case 'event':
        render(message.event);
        break;
    }
  });

  // The event itself is never kept in the webview's state: a page shown again says ready and is sent it.
  vscode.postMessage({ type: 'ready' });
})();
