// @ts-check
// The details page. It receives an event view model by postMessage and renders it with
// textContent only: no innerHTML anywhere, so no vault string can become markup.
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

  /** @param {Array<[string, string]>} rows */
  function table(rows) {
    const dl = el('dl', 'facts');
    for (const [label, value] of rows) {
      dl.append(el('dt', undefined, label), el('dd', undefined, value));
    }
    return dl;
  }

  const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],])/g;

  /** Syntax-coloured JSON as spans of text. @param {string} json */
  function highlightJson(json) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of json.matchAll(TOKEN)) {
      const index = match.index ?? 0;
      if (index > last) fragment.append(json.slice(last, index));
      const [text, str, colon, num, bool, nul] = match;
      if (str !== undefined) {
        fragment.append(el('span', colon ? 'json-key' : 'json-string', str));
        if (colon) fragment.append(colon);
      } else if (num !== undefined) {
        fragment.append(el('span', 'json-number', num));
      } else if (bool !== undefined) {
        fragment.append(el('span', 'json-boolean', bool));
      } else if (nul !== undefined) {
        fragment.append(el('span', 'json-null', nul));
      } else {
        fragment.append(el('span', 'json-punctuation', text));
      }
      last = index + text.length;
    }
    if (last < json.length) fragment.append(json.slice(last));
    return fragment;
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
  function render(ev) {
    const header = el('header');
    const title = el('h1', undefined, ev.title);
    const badges = el('div', 'badges');
    badges.append(
      el('span', `badge risk-${ev.risk}`, `Score ${ev.score} · ${ev.risk} risk`),
      el('span', `badge status-${ev.status.toLowerCase()}`, ev.status === 'OPEN' ? 'Open' : 'Closed'),
    );
    header.append(title, badges, el('p', 'muted type', ev.type));

    const actions = el('div', 'actions');
    actions.append(
      ev.status === 'OPEN' ? button('Close Event…', 'close', ev.id, true) : button('Reopen Event', 'reopen', ev.id, true),
      button('Open Raw JSON', 'openRawJson', ev.id),
      button('Copy Event ID', 'copyId', ev.id),
    );
    if (ev.canOpenInPvwa) actions.append(button('Open in PVWA', 'openInPvwa', ev.id));

    const sections = [header, actions];
    if (ev.status === 'CLOSED') {
      const closed = el('section', 'closed');
      closed.append(el('h2', undefined, 'Closed'));
      closed.append(table([['Reason', ev.closeReason || 'Not given'], ['Text', ev.reasonText || 'None']]));
      sections.push(closed);
    }
    const summary = el('section');
    summary.append(el('h2', undefined, 'Summary'), table(ev.facts));
    sections.push(summary);

    if (ev.additionalData.length > 0) {
      const extra = el('section');
      extra.append(el('h2', undefined, 'Additional data'), table(ev.additionalData));
      sections.push(extra);
    }

    const audits = el('section');
    audits.append(el('h2', undefined, `Audits (${ev.audits.length})`));
    if (ev.audits.length === 0) audits.append(el('p', 'muted', 'This event has no audits.'));
    for (const audit of ev.audits) {
      const details = /** @type {HTMLDetailsElement} */ (el('details', 'audit'));
      details.append(el('summary', undefined, audit.title), table(audit.fields));
      audits.append(details);
    }
    sections.push(audits);

    const raw = el('section');
    raw.append(el('h2', undefined, 'Raw JSON'));
    const pre = el('pre', 'json');
    const code = el('code');
    code.append(highlightJson(ev.rawJson));
    pre.append(code);
    raw.append(pre);
    sections.push(raw);

    root.replaceChildren(...sections);
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
