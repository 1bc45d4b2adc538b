// The details of one record: value pretty-printed when it is JSON, headers as a table, a hex view
// of the value's bytes, and copy buttons. Everything is put in as text; Escape inside closes them.

import { element, formatTimestamp } from './dom.js';
import type { TailRecord } from './protocol.js';
import { hexDump, prettyValue, valueBytes } from './hexView.js';
import { host } from './vscodeApi.js';

function copyButton(label: string, text: () => string): HTMLButtonElement {
  const button = element('button', { type: 'button', class: 'secondary' });
  button.append(element('span', { class: 'codicon codicon-copy', 'aria-hidden': 'true' }), document.createTextNode(` ${label}`));
  button.addEventListener('click', () => host.postMessage({ type: 'copyText', text: text() }));
  return button;
}

/**
 * Shows `record` in `container` (none: hides it). With `takeFocus`, focus moves to the Close button, as
 * when the user opened the details; an update while the user moves through the list leaves focus there.
 */
export function renderDetails(container: HTMLElement, record: TailRecord | undefined, close: () => void, takeFocus = true): void {
  // Re-rendering removes the focused button; focus that was inside stays inside.
  const focusWasInside = container.contains(document.activeElement);
  container.replaceChildren();
  container.hidden = record === undefined;
  // A property, not addEventListener: the container is rendered again for every record shown.
  container.onkeydown = record === undefined ? null : (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };
  if (record === undefined) {
    return;
  }
  const header = element('div', { class: 'details-header' });
  header.append(element('h3', { id: 'details-heading' }, `Partition ${record.partition} · offset ${record.offset} · ${formatTimestamp(record.timestamp)}`));
  const closeButton = element('button', { type: 'button', class: 'secondary icon', 'aria-label': 'Close record details', title: 'Close' });
  closeButton.append(element('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
  closeButton.addEventListener('click', close);
  header.append(closeButton);

  const actions = element('div', { class: 'actions' });
  actions.append(
    copyButton('Copy Value', () => record.value ?? ''),
    copyButton('Copy Key', () => record.key ?? ''),
    copyButton('Copy as JSON', () => JSON.stringify(record, null, 2)),
  );

  const key = element('pre', { class: 'details-key', 'aria-label': 'Key' }, record.key ?? 'null');
  const value = element('pre', { class: 'details-value', 'aria-label': 'Value' }, prettyValue(record.value));
  const headers = element('table', { class: 'details-headers', 'aria-label': 'Headers' });
  for (const [name, headerValue] of record.headers) {
    const row = element('tr');
    row.append(element('th', { scope: 'row' }, name), element('td', {}, headerValue ?? 'null'));
    headers.append(row);
  }
  const hex = element('pre', { class: 'details-hex', 'aria-label': 'Value bytes in hex' }, hexDump(valueBytes(record)));

  container.append(
    header,
    actions,
    element('h4', {}, 'Key'),
    key,
    element('h4', {}, 'Value'),
    value,
    element('h4', {}, `Headers (${record.headers.length})`),
    headers,
    element('h4', {}, 'Hex'),
    hex,
  );
  if (takeFocus || focusWasInside) {
    closeButton.focus();
  }
}
