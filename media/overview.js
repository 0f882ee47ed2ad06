// @ts-check
// The Overview page. It receives aggregates by postMessage and draws them with DOM and SVG
// calls: textContent for every string, attributes for geometry, CSS classes for colour. No
// innerHTML and no style attributes, so nothing from a vault can become markup or styling.
// Every figure is also text: button labels, aria-labels and a table under each chart.
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const SVG = 'http://www.w3.org/2000/svg';
  /** @type {Array<'high' | 'medium' | 'low'>} */
  const BANDS = ['high', 'medium', 'low'];
  const BAND_NAMES = { high: 'High', medium: 'Medium', low: 'Low' };
  const BAND_RANGES = { high: 'score above 75', medium: 'score 35 to 75', low: 'score below 35' };
  const ENTITY_SECTIONS = [
    ['account', 'Top accounts by open risk'],
    ['user', 'Top vault users by open risk'],
    ['host', 'Top hosts by open risk'],
  ];
  const number = new Intl.NumberFormat('en-US');

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

  /**
   * @param {string} tag
   * @param {Record<string, string | number>} [attributes]
   */
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  /** @param {number} n */
  function count(n) {
    return number.format(n);
  }

  /** @param {{ high: number, medium: number, low: number }} b */
  function sum(b) {
    return b.high + b.medium + b.low;
  }

  /** @param {{ high: number, medium: number, low: number }} b */
  function bandWords(b) {
    return BANDS.map((band) => `${count(b[band])} ${band}`).join(', ');
  }

  /**
   * "1 event", "2,345 events".
   * @param {number} n
   * @param {string} one
   */
  function plural(n, one) {
    return `${count(n)} ${n === 1 ? one : `${one}s`}`;
  }

  /**
   * Asks the extension to filter the Events view; the extension checks the request against the
   * figures it posted.
   * @param {Record<string, string>} filter
   */
  function requestFilter(filter) {
    vscode.postMessage({ type: 'filter', filter });
  }

  /**
   * A real button: focusable, Enter and Space for free.
   * @param {string} className
   * @param {string} focusKey kept across updates so focus stays on the same item
   * @param {string} ariaLabel
   * @param {Record<string, string>} filter
   */
  function filterButton(className, focusKey, ariaLabel, filter) {
    const b = /** @type {HTMLButtonElement} */ (el('button', className));
    b.type = 'button';
    b.dataset.focusKey = focusKey;
    b.setAttribute('aria-label', ariaLabel);
    b.addEventListener('click', () => requestFilter(filter));
    return b;
  }

  /**
   * A small legend or row swatch: an SVG square with the band's class (colour, and a pattern in
   * high-contrast themes).
   * @param {string} className
   */
  function swatch(className) {
    const s = svg('svg', { class: 'swatch', viewBox: '0 0 10 10', 'aria-hidden': 'true', focusable: 'false' });
    s.append(svg('rect', { class: className, x: 0.5, y: 0.5, width: 9, height: 9 }));
    return s;
  }

  /**
   * A horizontal bar of segments, proportional to `max`.
   * @param {Array<[string, number]>} segments class and value
   * @param {number} max
   */
  function bar(segments, max) {
    const s = svg('svg', { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
    let x = 0;
    for (const [className, value] of segments) {
      if (value <= 0 || max <= 0) continue;
      const width = (value / max) * 100;
      s.append(svg('rect', { class: className, x, y: 0, width, height: 10 }));
      x += width;
    }
    return s;
  }

  /**
   * @param {string} caption
   * @param {string[]} header
   * @param {Array<Array<string>>} rows
   */
  function dataTable(caption, header, rows) {
    const details = el('details', 'as-table');
    details.dataset.focusKey = `table:${caption}`;
    details.append(el('summary', undefined, `${caption} as a table`));
    const table = el('table');
    const head = el('tr');
    for (const cell of header) head.append(el('th', undefined, cell));
    table.append(el('caption', 'visually-hidden', caption), head);
    for (const row of rows) {
      const tr = el('tr');
      row.forEach((cell, i) => tr.append(el(i === 0 ? 'th' : 'td', i === 0 ? undefined : 'number', cell)));
      table.append(tr);
    }
    details.append(table);
    return details;
  }

  /**
   * @param {string} title
   * @param {string} [note]
   */
  function section(title, note) {
    const s = el('section');
    const heading = el('h2', undefined, title);
    s.append(heading);
    if (note) s.append(el('p', 'muted note', note));
    return s;
  }

  /**
   * The Events view's filter, each part with its own remove button, and Clear.
   * @param {string | null} filter
   * @param {ReadonlyArray<{ part: string, text: string }>} parts
   */
  function filterBar(filter, parts) {
    const barEl = el('div', filter ? 'filter-bar active' : 'filter-bar');
    barEl.setAttribute('role', 'status');
    if (!filter) {
      barEl.append(el('span', 'muted', 'Click a band, a day, a type or an entity to filter the Events view; click it again to undo.'));
      return barEl;
    }
    barEl.append(el('span', 'filter-label', 'Events view filtered: '));
    const chips = el('span', 'filter-parts');
    for (const { part, text } of parts) {
      const chip = filterButton('chip', `remove:${part}`, `Remove ${text} from the filter`, { kind: 'remove', part });
      chip.append(el('span', 'filter-text', text), el('span', 'chip-x', ' ×'));
      chips.append(chip);
    }
    barEl.append(chips);
    const clear = filterButton('link-button', 'clear', 'Clear the Events view filter', { kind: 'clear' });
    clear.textContent = 'Clear';
    barEl.append(clear);
    return barEl;
  }

  /**
   * The figures the filter narrows to look pressed (and say so); a second click on one removes it.
   * @param {readonly string[]} pressed
   */
  function markPressed(pressed) {
    const keys = new Set(pressed);
    for (const node of root.querySelectorAll('button.tile, button.row:not(.static), g.column')) {
      const element = /** @type {HTMLElement} */ (node);
      const on = keys.has(element.dataset.focusKey || '');
      element.setAttribute('aria-pressed', String(on));
      element.classList.toggle('pressed', on);
    }
  }

  /** @param {any} data */
  function bandsSection(data) {
    const s = section(`Open events: ${count(data.open)}`);
    const total = Math.max(1, data.open);
    s.append(bar(BANDS.map((band) => [`band-${band}`, data.openByBand[band]]), total));
    const tiles = el('div', 'tiles');
    for (const band of BANDS) {
      const n = data.openByBand[band];
      const tile = filterButton(`tile`, `band:${band}`, `${BAND_NAMES[band]} risk (${BAND_RANGES[band]}): ${count(n)} open. Filter the Events view to this band.`, { kind: 'band', band });
      tile.append(swatch(`band-${band}`), el('span', 'tile-count', count(n)), el('span', 'tile-label', BAND_NAMES[band]));
      tiles.append(tile);
    }
    s.append(tiles, el('p', 'muted', `${count(data.closed)} closed, ${count(data.total)} loaded.`));
    return s;
  }

  /** @param {any} data */
  function timelineSection(data) {
    const timeline = data.timeline;
    const perHour = timeline.unit === 'hour';
    const outside = [];
    if (timeline.earlier) outside.push(`${count(timeline.earlier)} created before the window`);
    if (timeline.later) outside.push(`${count(timeline.later)} after it`);
    const s = section(
      perHour ? 'Events per hour' : 'Events per day',
      `By creation time, ${timeline.timeZone}. Solid: open; dashed outline: closed.${outside.length ? ` Not shown: ${outside.join(', ')}.` : ''}`,
    );
    const buckets = timeline.buckets;
    const max = Math.max(1, ...buckets.map((/** @type {any} */ b) => sum(b.open) + sum(b.closed)));
    const width = 10;
    // The scale above the chart, not on the axis, where it would read as a third date.
    s.append(el('p', 'muted scale', `Tallest ${perHour ? 'hour' : 'day'}: ${count(max)} ${max === 1 ? 'event' : 'events'}`));
    const chart = svg('svg', {
      class: 'columns',
      viewBox: `0 0 ${buckets.length * width} 100`,
      preserveAspectRatio: 'none',
      role: 'group',
      'aria-label': `${perHour ? 'Events per hour' : 'Events per day'}, highest ${count(max)}. Arrow keys move between ${perHour ? 'hours' : 'days'}.`,
    });
    /** @type {SVGGElement[]} */
    const columns = [];
    buckets.forEach((/** @type {any} */ b, /** @type {number} */ i) => {
      const open = sum(b.open);
      const closed = sum(b.closed);
      const label = `${perHour ? `${b.key.slice(0, 10)} ${b.label}` : b.label}: ${count(open)} open (${bandWords(b.open)}), ${count(closed)} closed. Filter the Events view to this ${perHour ? 'hour' : 'day'}.`;
      const g = /** @type {SVGGElement} */ (svg('g', { class: 'column', role: 'button', tabindex: -1, 'aria-label': label }));
      g.dataset.focusKey = `time:${b.key}`;
      const title = svg('title');
      title.textContent = label;
      g.append(title, svg('rect', { class: 'hit', x: i * width, y: 0, width, height: 100 }));
      let y = 100;
      /** @param {string} className @param {number} value */
      const stack = (className, value) => {
        if (value <= 0) return;
        const h = (value / max) * 98;
        y -= h;
        g.append(svg('rect', { class: className, x: i * width + 1, y, width: width - 2, height: h }));
      };
      for (const band of BANDS) stack(`band-${band}`, b.open[band]);
      for (const band of BANDS) stack(`band-${band} closed`, b.closed[band]);
      g.addEventListener('click', () => requestFilter({ kind: 'time', key: b.key }));
      g.addEventListener('keydown', (event) => {
        const keys = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: columns.length - 1 };
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          requestFilter({ kind: 'time', key: b.key });
        } else if (event.key in keys) {
          event.preventDefault();
          const next = columns[Math.max(0, Math.min(columns.length - 1, keys[/** @type {keyof typeof keys} */ (event.key)]))];
          moveRovingFocus(columns, next);
        }
      });
      columns.push(g);
      chart.append(g);
    });
    // One tab stop for the whole chart: the newest bucket, then the arrow keys.
    if (columns.length) columns[columns.length - 1].setAttribute('tabindex', '0');
    const axis = el('div', 'axis');
    axis.setAttribute('aria-hidden', 'true');
    axis.append(el('span', undefined, buckets[0].label), el('span', undefined, buckets[buckets.length - 1].label));
    const legend = el('div', 'legend');
    legend.setAttribute('aria-hidden', 'true');
    for (const band of BANDS) {
      const item = el('span', 'legend-item');
      item.append(swatch(`band-${band}`), document.createTextNode(BAND_NAMES[band]));
      legend.append(item);
    }
    const closedItem = el('span', 'legend-item');
    closedItem.append(swatch('band-medium closed'), document.createTextNode('Closed'));
    legend.append(closedItem);
    s.append(
      chart,
      axis,
      legend,
      dataTable(
        perHour ? 'Events per hour' : 'Events per day',
        [perHour ? 'Hour' : 'Day', 'Open high', 'Open medium', 'Open low', 'Closed'],
        buckets.map((/** @type {any} */ b) => [perHour ? `${b.key.slice(0, 10)} ${b.label}` : b.label, count(b.open.high), count(b.open.medium), count(b.open.low), count(sum(b.closed))]),
      ),
    );
    return s;
  }

  /**
   * @param {SVGGElement[]} columns
   * @param {SVGGElement} next
   */
  function moveRovingFocus(columns, next) {
    for (const column of columns) column.setAttribute('tabindex', column === next ? '0' : '-1');
    next.focus();
  }

  /** @param {any} data */
  function typesSection(data) {
    const s = section('Events by type', data.otherTypes.types ? `And ${plural(data.otherTypes.types, 'other type')} with ${plural(data.otherTypes.events, 'event')}.` : undefined);
    const max = Math.max(1, ...data.types.map((/** @type {any} */ t) => t.open + t.closed));
    const list = el('div', 'rows');
    for (const t of data.types) {
      const row = filterButton('row', `type:${t.type}`, `${t.label}: ${count(t.open)} open, ${count(t.closed)} closed. Filter the Events view to this type.`, { kind: 'type', type: t.type });
      row.append(el('span', 'row-label', t.label), el('span', 'row-figure', `${count(t.open)} open · ${count(t.closed)} closed`), bar([['open-part', t.open], ['closed-part', t.closed]], max));
      list.append(row);
    }
    s.append(list);
    return s;
  }

  /** @param {any} data */
  function entitySections(data) {
    const sourceLabels = new Map(data.sources.map((/** @type {any} */ x) => [x.id, x.label]));
    const severalSources = data.sources.length > 1;
    return ENTITY_SECTIONS.map(([kind, title]) => {
      const ranks = data.topEntities[kind];
      const s = section(title);
      if (ranks.length === 0) {
        s.append(el('p', 'muted', 'None with open events.'));
        return s;
      }
      const list = el('div', 'rows');
      const most = Math.max(1, ...ranks.map((/** @type {any} */ r) => r.openCount));
      for (const r of ranks) {
        const where = severalSources ? ` in ${sourceLabels.get(r.sourceId)}` : '';
        const figure = `highest ${r.scoreText} · ${count(r.openCount)} open`;
        const row = filterButton('row', `entity:${r.sourceId}\u0000${r.key}`, `${r.label}${where}: ${figure}. Filter the Events view to this ${kind === 'user' ? 'vault user' : kind}.`, {
          kind: 'entity',
          sourceId: r.sourceId,
          entityKind: kind,
          key: r.key,
        });
        const label = el('span', 'row-label', r.label);
        if (severalSources) label.append(el('span', 'muted source-label', ` ${sourceLabels.get(r.sourceId)}`));
        row.append(label, el('span', 'row-figure', figure), bar([[`band-${r.band}`, r.openCount]], most));
        list.append(row);
      }
      s.append(list);
      return s;
    });
  }

  /** @param {any} data */
  function closedSection(data) {
    const closeTime = data.closeTime;
    const s = section(
      'Closed events by reason',
      closeTime.medianText
        ? `Median time from creation to last update: ${closeTime.medianText}, over ${count(closeTime.sampleCount)} closed events. An approximation of the time to close: the last update can come after the close.`
        : 'No closed event has both a creation and an update time, so there is no time to close.',
    );
    if (data.closedByReason.length === 0) {
      s.append(el('p', 'muted', 'No closed events.'));
      return s;
    }
    const max = Math.max(1, ...data.closedByReason.map((/** @type {any} */ r) => r.count));
    const list = el('div', 'rows');
    for (const r of data.closedByReason) {
      const row = el('div', 'row static');
      row.append(el('span', 'row-label', r.label), el('span', 'row-figure', count(r.count)), bar([['closed-part', r.count]], max));
      list.append(row);
    }
    s.append(list);
    return s;
  }

  /** @param {any} data */
  function sourcesSection(data) {
    const s = section('Sources');
    const list = el('div', 'rows');
    const max = Math.max(1, ...data.sources.map((/** @type {any} */ x) => x.open + x.closed));
    for (const x of data.sources) {
      const figure = `${count(x.open)} open (${count(x.openByBand.high)} high) · ${count(x.closed)} closed`;
      const row = filterButton('row', `source:${x.id}`, `${x.label}: ${figure}. Filter the Events view to this source.`, { kind: 'source', sourceId: x.id });
      row.append(el('span', 'row-label', x.label), el('span', 'row-figure', figure), bar([['open-part', x.open], ['closed-part', x.closed]], max));
      list.append(row);
    }
    s.append(list);
    return s;
  }

  function emptyState() {
    const p = el('div', 'empty');
    p.append(el('p', undefined, 'Sign in or open an events file to see the Overview of your PTA events.'));
    return p;
  }

  /**
   * VS Code keeps a webview's state in the workspace storage, on disk: only presentation goes
   * there (which tables are open, by their fixed captions), never a figure, name or type from a
   * vault. The figures come again by message each time the page opens.
   */
  const saved = vscode.getState();
  /** The tables whose open state is kept: their keys are fixed captions, so they carry nothing from a vault. */
  const PERSISTED_TABLE = /^table:Events per (day|hour)$/;
  /** @type {Set<string>} */
  const openTables = new Set(saved && Array.isArray(saved.openTables) ? saved.openTables.filter((/** @type {unknown} */ key) => typeof key === 'string' && PERSISTED_TABLE.test(key)) : []);

  function saveOpenTables() {
    vscode.setState({ openTables: [...openTables].filter((key) => PERSISTED_TABLE.test(key)) });
  }

  /**
   * Replaces the page's content in one DOM update (no blank frame), keeping focus and opened
   * tables on the same items.
   * @param {{ data: any, filter: string | null, parts?: Array<{ part: string, text: string }>, pressed?: string[] }} message
   */
  function render(message) {
    const started = window.performance.now();
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    const focusKey = active && active.dataset ? active.dataset.focusKey : undefined;
    const data = message.data;
    /** @type {Node[]} */
    const content = [filterBar(message.filter, message.parts || [])];
    if (!data) {
      content.push(emptyState());
    } else if (data.total === 0) {
      content.push(el('p', 'empty', 'No events loaded for the look-back window.'));
    } else {
      content.push(bandsSection(data), timelineSection(data), typesSection(data), ...entitySections(data), closedSection(data));
      if (data.sources.length > 1) content.push(sourcesSection(data));
    }
    root.replaceChildren(...content);
    markPressed(message.pressed || []);
    for (const node of root.querySelectorAll('[data-focus-key]')) {
      const element = /** @type {HTMLElement} */ (node);
      if (element.tagName === 'DETAILS' && openTables.has(element.dataset.focusKey || '')) element.setAttribute('open', '');
      if (focusKey !== undefined && element.dataset.focusKey === focusKey && element.tagName !== 'DETAILS') {
        if (element.getAttribute('tabindex') === '-1') {
          moveRovingFocus(/** @type {SVGGElement[]} */ ([...root.querySelectorAll('g.column')]), /** @type {any} */ (element));
        } else {
          element.focus();
        }
      }
    }
    root.dataset.state = !data ? 'empty' : 'loaded';
    // Reading a layout figure makes the browser lay the new content out now, so the time
    // measured covers building the DOM and its layout (the browser journey prints it).
    void root.offsetHeight;
    root.dataset.renderMs = (window.performance.now() - started).toFixed(1);
  }

  /**
   * Fills for the high-contrast themes, where bands must not differ by colour alone: medium is
   * striped, low dotted, closed cross-hatched (high stays solid). Drawn once, outside #root.
   */
  function drawPatterns() {
    const holder = svg('svg', { class: 'patterns', 'aria-hidden': 'true', focusable: 'false' });
    const defs = svg('defs');
    /** @param {string} id @param {SVGElement} shape */
    const pattern = (id, shape) => {
      const p = svg('pattern', { id, patternUnits: 'userSpaceOnUse', width: 4, height: 4 });
      p.append(shape);
      defs.append(p);
    };
    pattern('pattern-medium', svg('path', { class: 'pattern-line pattern-medium', d: 'M-1,1 l2,-2 M0,4 l4,-4 M3,5 l2,-2' }));
    pattern('pattern-low', svg('circle', { class: 'pattern-low', cx: 2, cy: 2, r: 1.1 }));
    pattern('pattern-closed', svg('path', { class: 'pattern-line pattern-closed', d: 'M0,0 l4,4 M4,0 l-4,4' }));
    holder.append(defs);
    document.body.append(holder);
  }

  drawPatterns();
  // A table opened or closed by the analyst: the only state the page keeps (see saveOpenTables).
  root.addEventListener(
    'toggle',
    (event) => {
      const details = /** @type {HTMLDetailsElement} */ (event.target);
      const key = details.dataset && details.dataset.focusKey;
      // Drawing a table open again (render) fires this too: nothing changed then.
      if (details.tagName !== 'DETAILS' || !key || details.open === openTables.has(key)) return;
      if (details.open) openTables.add(key);
      else openTables.delete(key);
      saveOpenTables();
    },
    true,
  );
  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message && message.type) {
      case 'overview':
        render(message);
        break;
    }
  });

  // Written at once, so state an earlier version kept (it held the figures) is replaced.
  saveOpenTables();
  vscode.postMessage({ type: 'ready' });
})();
