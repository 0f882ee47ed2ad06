// @ts-check
// The details page. It receives an event view model by postMessage and renders it with
// textContent only: no innerHTML anywhere, so no vault string can become markup.
// Each section is one render function in SECTIONS; a section whose data is absent renders nothing,
// so the view model can grow optional fields (and the page new sections) one at a time.
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));

  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {ReadonlyArray<readonly [string, string]>} rows */
  function facts(rows) {
    const dl = el('dl', 'facts');
    for (const [label, value] of rows) {
      dl.append(el('dt', undefined, label), el('dd', undefined, value));
    }
    return dl;
  }

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
    b.addEventListener('click', () => vscode.postMessage({ type: 'action', action, eventId }));
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

  /** @param {any} ev */
  function renderRawJson(ev) {
    const raw = section('Raw JSON', 'raw');
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

  /** In page order. Sections to come (triage memory first, then entities, related events, timeline) slot in here. */
  const SECTIONS = [renderHeader, renderActions, renderClosed, renderSummary, renderAdditionalData, renderAudits, renderRawJson];

  /** @param {any} ev */
  function render(ev) {
    const sections = SECTIONS.map((renderSection) => renderSection(ev)).filter((node) => node !== undefined);
    root.replaceChildren(.../** @type {HTMLElement[]} */ (sections));
    root.dataset.eventId = ev.id;
    root.dataset.status = ev.status;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message && message.type) {
      case 'event':
        vscode.setState({ event: message.event });
        render(message.event);
        break;
    }
  });

  const state = vscode.getState();
  if (state && state.event) render(state.event);
  vscode.postMessage({ type: 'ready' });
})();
