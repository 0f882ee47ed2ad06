// @ts-check
// The DOM helpers the details page's scripts share (details.js and its sections): every string
// is set with textContent, so nothing a vault or an attacker wrote can become markup.
(function () {
  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   * @returns {HTMLElement}
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * A definition list of label and value pairs.
   * @param {ReadonlyArray<readonly [string, string]>} rows
   * @returns {HTMLElement}
   */
  function facts(rows) {
    const dl = el('dl', 'facts');
    for (const [label, value] of rows) dl.append(el('dt', undefined, label), el('dd', undefined, value));
    return dl;
  }

  /** @type {any} */ (window).ptaDom = { el, facts };
})();
