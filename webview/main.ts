// The Produce & Tail webview, a browser program: renders the produce form and the live tail, talks to
// its host only through the messages in protocol.ts, and shows record contents as text only.

import {
  isHostToWebviewMessage,
  type HeaderField,
  type HostToWebviewMessage,
  type TailRecord,
  type WebviewToHostMessage,
} from './protocol.js';
import { TailBuffer } from './tailBuffer.js';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const tail = new TailBuffer();
let nextRequestId = 1;
let pendingRequestId: number | undefined;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, value);
  }
  if (text !== undefined) {
    created.textContent = text;
  }
  return created;
}

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) {
    throw new Error(`#${id} is missing`);
  }
  return found as T;
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  const row = element('div', { class: 'field' });
  row.append(element('label', { for: id }, label), control);
  return row;
}

function buildPage(app: HTMLElement): void {
  byId('loading').remove();

  const form = element('form', { id: 'produce-form', 'aria-labelledby': 'produce-heading' });
  form.append(element('h2', { id: 'produce-heading' }, 'Produce'));
  form.append(labelled('key', 'Key', element('input', { id: 'key', type: 'text', placeholder: '(no key)', autocomplete: 'off', spellcheck: 'false' })));
  form.append(labelled('value', 'Value', element('textarea', { id: 'value', rows: '4', spellcheck: 'false' })));

  const headersGroup = element('fieldset', { class: 'headers' });
  headersGroup.append(element('legend', {}, 'Headers'));
  const headersTable = element('table', { id: 'headers' });
  const headersHead = element('thead');
  const headRow = element('tr');
  headRow.append(element('th', { scope: 'col' }, 'Name'), element('th', { scope: 'col' }, 'Value'), element('th', { scope: 'col' }, ''));
  headersHead.append(headRow);
  headersTable.append(headersHead, element('tbody', { id: 'header-rows' }));
  headersGroup.append(headersTable, element('button', { id: 'add-header', type: 'button', class: 'secondary' }, 'Add Header'));
  form.append(headersGroup);

  const partition = element('select', { id: 'partition' });
  partition.append(element('option', { value: '' }, 'by key'));
  form.append(labelled('partition', 'Partition', partition));

  const actions = element('div', { class: 'actions' });
  actions.append(element('button', { id: 'produce', type: 'submit' }, 'Produce'));
  actions.append(element('span', { id: 'produce-result', role: 'status', 'aria-live': 'polite' }));
  form.append(actions);
  form.append(element('div', { id: 'error', role: 'alert', 'aria-live': 'assertive' }));

  const tailSection = element('section', { 'aria-labelledby': 'tail-heading', class: 'tail' });
  const tailHeader = element('div', { class: 'tail-header' });
  tailHeader.append(
    element('h2', { id: 'tail-heading' }, 'Live Tail'),
    element('span', { id: 'tail-status', role: 'status', 'aria-live': 'polite' }, 'Starting…'),
    element('button', { id: 'clear-tail', type: 'button', class: 'secondary' }, 'Clear'),
  );
  const tailTable = element('table', { class: 'records', 'aria-describedby': 'tail-heading' });
  const tailHead = element('thead');
  const tailHeadRow = element('tr');
  for (const title of ['Partition', 'Offset', 'Timestamp', 'Key', 'Value', 'Headers']) {
    tailHeadRow.append(element('th', { scope: 'col' }, title));
  }
  tailHead.append(tailHeadRow);
  tailTable.append(tailHead, element('tbody', { id: 'tail', 'aria-live': 'off' }));
  tailSection.append(tailHeader, element('p', { class: 'hint' }, 'Shows records produced from now on, read without a consumer group.'), tailTable);

  app.append(form, tailSection);

  byId<HTMLButtonElement>('add-header').addEventListener('click', () => addHeaderRow(true));
  byId<HTMLButtonElement>('clear-tail').addEventListener('click', () => {
    tail.clear();
    byId('tail').replaceChildren();
    vscode.postMessage({ type: 'clearTail' });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    produce();
  });
  byId<HTMLTextAreaElement>('value').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      produce();
    }
  });
}

function addHeaderRow(focus: boolean): void {
  const rows = byId('header-rows');
  const index = rows.children.length + 1;
  const row = element('tr', { class: 'header-row' });
  const key = element('input', { type: 'text', class: 'header-key', 'aria-label': `Header ${index} name`, spellcheck: 'false' });
  const value = element('input', { type: 'text', class: 'header-value', 'aria-label': `Header ${index} value`, spellcheck: 'false' });
  const remove = element('button', { type: 'button', class: 'secondary remove-header', 'aria-label': `Remove header ${index}`, title: 'Remove header' }, '×');
  remove.addEventListener('click', () => {
    row.remove();
    byId<HTMLButtonElement>('add-header').focus();
  });
  const keyCell = element('td');
  keyCell.append(key);
  const valueCell = element('td');
  valueCell.append(value);
  const removeCell = element('td');
  removeCell.append(remove);
  row.append(keyCell, valueCell, removeCell);
  rows.append(row);
  if (focus) {
    key.focus();
  }
}

function readHeaders(): HeaderField[] {
  const headers: HeaderField[] = [];
  for (const row of Array.from(byId('header-rows').querySelectorAll('tr'))) {
    const key = row.querySelector<HTMLInputElement>('.header-key')?.value ?? '';
    const value = row.querySelector<HTMLInputElement>('.header-value')?.value ?? '';
    if (key.length > 0) {
      headers.push({ key, value });
    }
  }
  return headers;
}

function showError(text: string): void {
  byId('error').textContent = text;
}

function produce(): void {
  if (pendingRequestId !== undefined) {
    return;
  }
  const keyText = byId<HTMLInputElement>('key').value;
  const partitionChoice = byId<HTMLSelectElement>('partition').value;
  const requestId = nextRequestId++;
  pendingRequestId = requestId;
  byId<HTMLButtonElement>('produce').disabled = true;
  byId('produce-result').textContent = 'Producing…';
  showError('');
  vscode.postMessage({
    type: 'produce',
    requestId,
    key: keyText.length === 0 ? null : keyText,
    value: byId<HTMLTextAreaElement>('value').value,
    headers: readHeaders(),
    partition: partitionChoice === '' ? null : Number(partitionChoice),
  });
}

function finishProduce(requestId: number): boolean {
  if (requestId !== pendingRequestId) {
    return false;
  }
  pendingRequestId = undefined;
  byId<HTMLButtonElement>('produce').disabled = false;
  return true;
}

function setPartitions(partitions: readonly number[]): void {
  const select = byId<HTMLSelectElement>('partition');
  const chosen = select.value;
  const options = [element('option', { value: '' }, 'by key')];
  for (const partition of partitions) {
    options.push(element('option', { value: String(partition) }, String(partition)));
  }
  select.replaceChildren(...options);
  select.value = partitions.map(String).includes(chosen) ? chosen : '';
}

function formatTimestamp(milliseconds: string): string {
  const date = new Date(Number(milliseconds));
  return Number.isNaN(date.getTime()) || Number(milliseconds) < 0 ? milliseconds : date.toISOString();
}

function cell(className: string, text: string | null, title?: string): HTMLTableCellElement {
  const td = element('td', { class: className });
  if (text === null) {
    td.classList.add('is-null');
    td.setAttribute('title', 'null');
  } else {
    td.textContent = text;
    if (title !== undefined) {
      td.setAttribute('title', title);
    }
  }
  return td;
}

function recordRow(record: TailRecord): HTMLTableRowElement {
  const row = element('tr', { class: 'record', 'data-partition': String(record.partition), 'data-offset': record.offset });
  const headers = record.headers.map(([key, value]) => `${key}=${value ?? 'null'}`).join(', ');
  row.append(
    cell('r-partition', String(record.partition)),
    cell('r-offset', record.offset),
    cell('r-timestamp', formatTimestamp(record.timestamp), record.timestamp),
    cell('r-key', record.key),
    cell('r-value', record.value),
    cell('r-headers', headers),
  );
  return row;
}

function showRecords(records: readonly TailRecord[]): void {
  const change = tail.add(records);
  const body = byId('tail');
  for (let i = 0; i < change.removedFromEnd; i++) {
    body.lastElementChild?.remove();
  }
  const fragment = document.createDocumentFragment();
  for (const record of change.added) {
    fragment.append(recordRow(record));
  }
  body.prepend(fragment);
}

function handle(message: HostToWebviewMessage): void {
  switch (message.type) {
    case 'init':
      setPartitions(message.partitions);
      break;
    case 'produceResult':
      if (finishProduce(message.requestId)) {
        byId('produce-result').textContent = `Produced to partition ${message.partition} at offset ${message.offset}`;
      }
      break;
    case 'produceFailed':
      if (finishProduce(message.requestId)) {
        byId('produce-result').textContent = '';
        showError(`Produce failed: ${message.error}`);
      }
      break;
    case 'tailRecords':
      showRecords(message.records);
      break;
    case 'tailStatus': {
      const status = byId('tail-status');
      status.textContent = message.state === 'live' ? 'Live' : message.state === 'starting' ? 'Starting…' : `Tail error: ${message.error ?? 'unknown'}`;
      status.dataset.state = message.state;
      break;
    }
  }
}

buildPage(byId('app'));
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebviewMessage(event.data)) {
    handle(event.data);
  }
});
vscode.postMessage({ type: 'ready' });
