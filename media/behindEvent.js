// @ts-check
// "Behind this event": a section of the details page drawn from its own messages (type
// `behindEvent`), text only: every string is set with textContent, so nothing a vault or an
// attacker wrote can become markup. Its data is kept in memory only, never in the page's state.
(function () {
  /** @type {{ eventId: string, data: any } | undefined} */
  let latest;
  /** @type {(message: object) => void} */
  let post = () => undefined;

  /** @type {{ el: (tag: string, className?: string, text?: string) => HTMLElement, facts: (rows: ReadonlyArray<readonly [string, string]>) => HTMLElement }} */
  const { el, facts } = /** @type {any} */ (window).ptaDom;

  /**
   * @param {string} label
   * @param {string} focusKey
   * @param {object} message
   * @param {string} [className]
   */
  function button(label, focusKey, message, className) {
    const b = /** @type {HTMLButtonElement} */ (el('button', className || 'secondary', label));
    b.type = 'button';
    b.dataset.focusKey = focusKey;
    b.addEventListener('click', () => post(message));
    return b;
  }

  /** @param {any} session */
  function sessionBlock(session) {
    const block = el('article', 'behind-session');
    block.append(el('h4', undefined, session.heading), facts(session.facts));
    if (session.activities.length > 0) {
      const list = el('ol', 'activities');
      list.setAttribute('aria-label', 'What was done in the session');
      for (const activity of session.activities) {
        const item = el('li', activity.flagged ? 'flagged' : undefined);
        if (activity.flagged) item.append(el('span', 'flag', 'Flagged'), ' ');
        if (activity.time) item.append(el('span', 'time', activity.time), ' ');
        item.append(el('code', 'activity-text', activity.text));
        list.append(item);
      }
      block.append(list);
    }
    if (session.activitiesNote) block.append(el('p', 'muted', session.activitiesNote));
    return block;
  }

  /** @param {any} part */
  function partBlock(part) {
    const block = el('div', `behind-part part-${part.key} state-${part.state}`);
    const head = el('div', 'behind-part-head');
    head.append(el('h3', undefined, part.title));
    if (part.alert) head.append(el('span', 'behind-alert', part.alert));
    block.append(head);
    if (part.message) {
      const message = el('p', part.state === 'failed' ? 'behind-failure' : 'muted', part.message);
      block.append(message);
    }
    if (part.facts && part.facts.length > 0) block.append(facts(part.facts));
    for (const note of part.notes || []) block.append(el('p', 'behind-note', note));
    for (const session of part.sessions || []) block.append(sessionBlock(session));
    if (part.list) {
      block.append(el('h4', undefined, part.listTitle));
      const list = el('ul', 'behind-list');
      for (const line of part.list) list.append(el('li', undefined, line));
      block.append(list);
    }
    return block;
  }

  /**
   * @param {string} eventId
   * @param {readonly string[]} record
   */
  function recordBlock(eventId, record) {
    const block = el('div', 'behind-part behind-record');
    block.append(el('h3', undefined, 'Done from here'));
    const list = el('ul', 'behind-list');
    for (const line of record) list.append(el('li', undefined, line));
    block.append(list, button('Clear This Record', 'behind:clearRecord', { type: 'behindEvent', eventId, request: 'clearRecord' }));
    return block;
  }

  /** @param {{ eventId: string, data: any }} shown */
  function draw(shown) {
    const { eventId, data } = shown;
    const section = el('section', 'behind');
    section.setAttribute('aria-label', 'Behind this event');
    const head = el('div', 'behind-head');
    head.append(el('h2', undefined, 'Behind this event'));
    section.append(head);
    if (data.notice) {
      section.append(el('p', 'muted', data.notice));
      if (data.record && data.record.length > 0) section.append(recordBlock(eventId, data.record));
      return section;
    }
    const view = data.view;
    const toolbar = el('div', 'behind-toolbar');
    toolbar.append(button('Refresh', 'behind:refresh', { type: 'behindEvent', eventId, request: 'refresh' }), el('span', 'muted', `Read from the vault ${view.loadedAt}`));
    section.append(toolbar);
    if (view.actions.length > 0) {
      const actions = el('div', 'behind-actions');
      actions.setAttribute('aria-label', 'Respond');
      for (const action of view.actions) {
        const b = button(action.title, `behind:respond:${action.action}`, { type: 'behindEvent', eventId, request: 'respond', action: action.action });
        b.dataset.action = action.action;
        if (action.disabledReason) {
          b.disabled = true;
          b.title = `Cannot be used: ${action.disabledReason}`;
        }
        actions.append(b);
      }
      section.append(actions);
      const reasons = view.actions.filter((/** @type {any} */ a) => a.disabledReason).map((/** @type {any} */ a) => `${a.title.replace(/…$/, '')}: ${a.disabledReason}`);
      if (reasons.length > 0) section.append(el('p', 'muted behind-reasons', `Not available now: ${reasons.join('; ')}.`));
    }
    for (const part of view.parts) section.append(partBlock(part));
    if (view.record.length > 0) section.append(recordBlock(eventId, view.record));
    return section;
  }

  /** Replaces the drawn section in place, keeping the focused button. */
  function redraw() {
    const root = document.getElementById('root');
    if (!root || !latest || root.dataset.eventId !== latest.eventId) return;
    const focusKey = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;
    const next = draw(latest);
    const current = root.querySelector('section.behind');
    if (current) current.replaceWith(next);
    else {
      const audits = root.querySelector('section.audits');
      if (audits) audits.after(next);
      else root.append(next);
    }
    const focus = focusKey && Array.from(next.querySelectorAll('[data-focus-key]')).find((node) => /** @type {HTMLElement} */ (node).dataset.focusKey === focusKey);
    if (focus) /** @type {HTMLElement} */ (focus).focus({ preventScroll: true });
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'behindEvent' || !message.data || typeof message.data.eventId !== 'string') return;
    latest = { eventId: message.data.eventId, data: message.data };
    redraw();
  });

  /** @type {any} */ (window).ptaBehindSection = {
    /**
     * Called by the page for each redraw of the event.
     * @param {string} eventId
     * @param {(message: object) => void} postMessage
     */
    render(eventId, postMessage) {
      post = postMessage;
      return latest && latest.eventId === eventId ? draw(latest) : undefined;
    },
  };
})();
