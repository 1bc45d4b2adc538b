// The Produce half of the panel: key, value (text or JSON), headers table, partition (by key or
// explicit), compression, N records at a rate, results with a jump into the tail, and a short
// history of recent sends that can be sent again. Every check runs before anything is sent.

import { byId, element, labelled, option } from './dom.js';
import { countProblem, jsonValueProblem, partitionProblem, rateProblem } from './produceChecks.js';
import { COMPRESSIONS, type Compression, type HeaderField, type ProduceRequestMessage, type ProduceResultMessage, type ProducedOffset } from './protocol.js';
import { host } from './vscodeApi.js';

const HISTORY_LENGTH = 10;

type ProduceInput = Omit<ProduceRequestMessage, 'type' | 'requestId'> & { readonly valueFormat: 'text' | 'json' };

export interface ProduceFormEvents {
  /** The user asked to see the records just produced in the tail. */
  showInTail(offsets: readonly ProducedOffset[]): void;
}

export class ProduceForm {
  private nextRequestId = 1;
  private pendingRequestId: number | undefined;
  private partitions: readonly number[] = [];
  private history: ProduceInput[] = [];
  private lastProduced: readonly ProducedOffset[] = [];

  constructor(
    parent: HTMLElement,
    private readonly events: ProduceFormEvents,
    savedHistory: unknown,
  ) {
    this.history = Array.isArray(savedHistory) ? (savedHistory as ProduceInput[]).slice(0, HISTORY_LENGTH) : [];
    parent.append(this.build());
    this.renderHistory();
  }

  setPartitions(partitions: readonly number[]): void {
    this.partitions = partitions;
    const select = byId<HTMLSelectElement>('partition');
    const chosen = select.value;
    select.replaceChildren(option('', 'by key'), ...partitions.map((partition) => option(String(partition), String(partition))));
    select.value = partitions.map(String).includes(chosen) ? chosen : '';
    byId('partition-count').textContent = `${partitions.length} partition${partitions.length === 1 ? '' : 's'}`;
  }

  setCompressions(available: readonly Compression[]): void {
    const select = byId<HTMLSelectElement>('compression');
    for (const choice of Array.from(select.options)) {
      const usable = available.includes(choice.value as Compression);
      choice.disabled = !usable;
      choice.textContent = usable ? choice.value : `${choice.value} (not supported by this Node)`;
    }
  }

  private build(): HTMLElement {
    const form = element('form', { id: 'produce-form', 'aria-labelledby': 'produce-heading', novalidate: '' });
    form.append(element('h2', { id: 'produce-heading' }, 'Produce'));
    form.append(labelled('key', 'Key', element('input', { id: 'key', type: 'text', placeholder: '(no key)', autocomplete: 'off', spellcheck: 'false' })));

    const valueFormat = element('select', { id: 'value-format' });
    valueFormat.append(option('text', 'Text'), option('json', 'JSON'));
    const valueRow = labelled(
      'value',
      'Value',
      element('textarea', { id: 'value', rows: '4', spellcheck: 'false', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', 'aria-describedby': 'produce-hint' }),
    );
    valueRow.append(labelled('value-format', 'Value format', valueFormat, 'field inline'));
    form.append(valueRow);

    const headersGroup = element('fieldset', { class: 'headers' });
    headersGroup.append(element('legend', {}, 'Headers'));
    const headersTable = element('table', { id: 'headers' });
    const headRow = element('tr');
    headRow.append(element('th', { scope: 'col' }, 'Name'), element('th', { scope: 'col' }, 'Value'), element('th', { scope: 'col' }, ''));
    const thead = element('thead');
    thead.append(headRow);
    headersTable.append(thead, element('tbody', { id: 'header-rows' }));
    const addHeader = element('button', { id: 'add-header', type: 'button', class: 'secondary' });
    addHeader.append(element('span', { class: 'codicon codicon-add', 'aria-hidden': 'true' }), document.createTextNode(' Add Header'));
    headersGroup.append(headersTable, addHeader);
    form.append(headersGroup);

    const options = element('div', { class: 'row' });
    // A choice of the partitions known; the value is still checked before sending, since the
    // topic can change under an open panel (and the host checks again against fresh metadata).
    const partition = element('select', { id: 'partition', 'aria-describedby': 'partition-count' });
    partition.append(option('', 'by key'));
    const partitionField = labelled('partition', 'Partition', partition);
    partitionField.append(element('span', { id: 'partition-count', class: 'hint' }));
    const compression = element('select', { id: 'compression' });
    for (const name of COMPRESSIONS) {
      compression.append(option(name, name));
    }
    options.append(
      partitionField,
      labelled('compression', 'Compression', compression),
      labelled('count', 'Records', element('input', { id: 'count', type: 'text', inputmode: 'numeric', value: '1', autocomplete: 'off' })),
      labelled('rate', 'Per second', element('input', { id: 'rate', type: 'text', inputmode: 'decimal', placeholder: 'max', autocomplete: 'off' })),
    );
    form.append(options);
    form.append(element('p', { id: 'produce-hint', class: 'hint' }, 'Key, value and headers may use {{counter}}, {{uuid}} and {{timestamp}}. Ctrl+Enter in Value produces.'));

    const actions = element('div', { class: 'actions' });
    const produce = element('button', { id: 'produce', type: 'submit' });
    produce.append(element('span', { class: 'codicon codicon-send', 'aria-hidden': 'true' }), document.createTextNode(' Produce'));
    const stop = element('button', { id: 'stop-produce', type: 'button', class: 'secondary', hidden: '' }, 'Stop');
    const show = element('button', { id: 'show-produced', type: 'button', class: 'secondary', hidden: '' }, 'Show in Tail');
    actions.append(produce, stop, show, element('span', { id: 'produce-result', role: 'status', 'aria-live': 'polite' }));
    form.append(actions);
    form.append(element('div', { id: 'error', role: 'alert', 'aria-live': 'assertive' }));

    const history = element('details', { id: 'history-box' });
    history.append(element('summary', {}, 'Recent sends'), element('ul', { id: 'history', 'aria-label': 'Recent sends' }));
    form.append(history);

    addHeader.addEventListener('click', () => this.addHeaderRow(true));
    stop.addEventListener('click', () => {
      if (this.pendingRequestId !== undefined) {
        host.postMessage({ type: 'stopProducing', requestId: this.pendingRequestId });
      }
    });
    show.addEventListener('click', () => this.events.showInTail(this.lastProduced));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.produce(this.readForm());
    });
    form.querySelector('#value')?.addEventListener('keydown', (event) => {
      const key = event as KeyboardEvent;
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
        key.preventDefault();
        this.produce(this.readForm());
      }
    });
    return form;
  }

  private addHeaderRow(focus: boolean, header?: HeaderField): void {
    const rows = byId('header-rows');
    const index = rows.children.length + 1;
    const row = element('tr', { class: 'header-row' });
    const key = element('input', { type: 'text', class: 'header-key', 'aria-label': `Header ${index} name`, spellcheck: 'false' });
    const value = element('input', { type: 'text', class: 'header-value', 'aria-label': `Header ${index} value`, spellcheck: 'false' });
    key.value = header?.key ?? '';
    value.value = header?.value ?? '';
    const remove = element('button', { type: 'button', class: 'secondary icon remove-header', 'aria-label': `Remove header ${index}`, title: 'Remove header' });
    remove.append(element('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
    remove.addEventListener('click', () => {
      row.remove();
      byId<HTMLButtonElement>('add-header').focus();
    });
    const cells = [key, value, remove].map((control) => {
      const td = element('td');
      td.append(control);
      return td;
    });
    row.append(...cells);
    rows.append(row);
    if (focus) {
      key.focus();
    }
  }

  private readHeaders(): HeaderField[] {
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

  private readForm(): ProduceInput & { partitionText: string; countText: string; rateText: string } {
    const keyText = byId<HTMLInputElement>('key').value;
    const partitionText = byId<HTMLSelectElement>('partition').value;
    const countText = byId<HTMLInputElement>('count').value;
    const rateText = byId<HTMLInputElement>('rate').value;
    return {
      key: keyText.length === 0 ? null : keyText,
      value: byId<HTMLTextAreaElement>('value').value,
      valueFormat: byId<HTMLSelectElement>('value-format').value === 'json' ? 'json' : 'text',
      headers: this.readHeaders(),
      partition: partitionText.trim() === '' ? null : Number(partitionText.trim()),
      compression: byId<HTMLSelectElement>('compression').value as Compression,
      count: Number(countText.trim()),
      ratePerSecond: rateText.trim() === '' ? 0 : Number(rateText.trim()),
      partitionText,
      countText,
      rateText,
    };
  }

  /** The first problem with the input, shown in place; undefined when it may be sent. */
  private problem(input: ReturnType<ProduceForm['readForm']>): string | undefined {
    return (
      (input.valueFormat === 'json' ? jsonValueProblem(input.value) : undefined) ??
      partitionProblem(input.partitionText, this.partitions) ??
      countProblem(input.countText) ??
      rateProblem(input.rateText)
    );
  }

  private showError(text: string): void {
    byId('error').textContent = text;
  }

  private produce(input: ProduceInput & Partial<ReturnType<ProduceForm['readForm']>>): void {
    if (this.pendingRequestId !== undefined) {
      return;
    }
    const checked = {
      ...input,
      partitionText: input.partitionText ?? (input.partition === null ? '' : String(input.partition)),
      countText: input.countText ?? String(input.count ?? 1),
      rateText: input.rateText ?? String(input.ratePerSecond ?? 0),
    };
    const problem = this.problem(checked);
    if (problem !== undefined) {
      this.showError(problem);
      byId('produce-result').textContent = 'Nothing was sent.';
      return;
    }
    const request: ProduceInput = {
      key: input.key,
      value: input.value,
      valueFormat: input.valueFormat,
      headers: input.headers,
      partition: input.partition,
      compression: input.compression ?? 'none',
      count: input.count ?? 1,
      ratePerSecond: input.ratePerSecond ?? 0,
    };
    this.remember(request);
    const requestId = this.nextRequestId++;
    this.pendingRequestId = requestId;
    // aria-disabled, not disabled: disabling the focused button would drop keyboard focus to the page.
    // (A second send is refused above while one is pending.)
    byId('produce').setAttribute('aria-disabled', 'true');
    byId('stop-produce').hidden = (request.count ?? 1) <= 1;
    byId('show-produced').hidden = true;
    byId('produce-result').textContent = 'Producing…';
    this.showError('');
    const { valueFormat: _format, ...message } = request;
    host.postMessage({ type: 'produce', requestId, ...message });
  }

  private remember(request: ProduceInput): void {
    const same = (a: ProduceInput): boolean => JSON.stringify(a) === JSON.stringify(request);
    this.history = [request, ...this.history.filter((entry) => !same(entry))].slice(0, HISTORY_LENGTH);
    this.renderHistory();
    host.setState({ ...(host.getState() as object | undefined), history: this.history });
  }

  private renderHistory(): void {
    const list = byId('history');
    list.replaceChildren(
      ...this.history.map((entry, index) => {
        const item = element('li', { class: 'history-entry' });
        const count = (entry.count ?? 1) > 1 ? ` ×${entry.count}` : '';
        const partition = entry.partition === null ? '' : ` → p${entry.partition}`;
        const summary = element('span', { class: 'history-text' }, `${entry.key ?? '(no key)'}: ${entry.value.slice(0, 80)}${count}${partition}`);
        const again = element('button', { type: 'button', class: 'secondary', 'aria-label': `Send again: recent send ${index + 1}` }, 'Send again');
        again.addEventListener('click', () => this.produce(entry));
        item.append(summary, again);
        return item;
      }),
    );
  }

  /** Host progress or final result for a produce request, or records produced outside the form. */
  produced(message: ProduceResultMessage): void {
    const { partition, offset, sent, total } = message;
    const done = message.done !== false;
    if (message.from !== undefined) {
      // The form's own running send keeps its result line; a result from elsewhere waits for none.
      if (this.pendingRequestId !== undefined) {
        return;
      }
      this.lastProduced = message.produced ?? [{ partition, offset }];
      byId('produce-result').textContent =
        (total ?? 1) > 1
          ? `Produced ${total} records from ${message.from}; last at partition ${partition}, offset ${offset}`
          : `Produced to partition ${partition} at offset ${offset} from ${message.from}`;
      byId('show-produced').hidden = false;
      return;
    }
    if (message.requestId !== this.pendingRequestId) {
      return;
    }
    this.lastProduced = message.produced ?? [{ partition, offset }];
    if ((total ?? 1) > 1) {
      byId('produce-result').textContent = `${done ? 'Produced' : 'Producing…'} ${sent ?? 0} of ${total}; last at partition ${partition}, offset ${offset}`;
    } else {
      byId('produce-result').textContent = `Produced to partition ${partition} at offset ${offset}`;
    }
    if (done) {
      this.finish();
      byId('show-produced').hidden = false;
    }
  }

  failed(requestId: number, error: string): void {
    if (requestId !== this.pendingRequestId) {
      return;
    }
    this.finish();
    byId('produce-result').textContent = '';
    this.showError(`Produce failed: ${error}`);
  }

  private finish(): void {
    this.pendingRequestId = undefined;
    byId('produce').removeAttribute('aria-disabled');
    byId('stop-produce').hidden = true;
  }
}
