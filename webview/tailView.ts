// The Tail half of the panel: where to start and which partitions, filter, pause/resume, clear,
// export, a records/s sparkline, and a virtualised list that renders only the rows in view, so
// tens of thousands of records a second do not freeze the panel. Contents go in as text only.

import { byId, element, formatTimestamp, labelled, option } from './dom.js';
import { compileFilter, type FilterMode } from './recordFilter.js';
import type { ProducedOffset, TailRecord, TailStart, TailStatusMessage } from './protocol.js';
import { renderDetails } from './recordDetails.js';
import { RateMeter, sparklinePoints } from './sparkline.js';
import { TailBuffer } from './tailBuffer.js';
import { rowWindow, scrollAfterInsert } from './virtualWindow.js';
import { host } from './vscodeApi.js';

const ROW_HEIGHT = 22;
const OVERSCAN = 10;
/** How long the filter must rest before its result count is announced to screen readers. */
const FILTER_ANNOUNCE_DELAY_MS = 600;
const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 20;
const SVG = 'http://www.w3.org/2000/svg';
const ACTIVE_ROW_ID = 'tail-active-row';

export class TailView {
  private readonly buffer = new TailBuffer();
  private readonly meter = new RateMeter(60);
  private partitions: readonly number[] = [];
  private paused = false;
  /** Batches that arrived after Pause was pressed (the host hears of it a moment later): added on Resume. */
  private heldWhilePaused: { readonly records: readonly TailRecord[]; readonly dropped: number; readonly epoch: number }[] = [];
  private selected: TailRecord | undefined;
  private selectedIndex = -1;
  private renderQueued = false;
  /** Offsets to mark in the list (the records just produced that the user jumped to). */
  private marked = new Set<string>();
  /**
   * Counts the clears and restarts of the list: batches the host sent before it heard of the latest
   * one carry an older epoch and are ignored (their records and dropped count belong to the old list).
   */
  private epoch = 0;
  /** Whether the screen-reader announcer has said that older records are being dropped (once per list). */
  private announcedDropping = false;
  private filterAnnouncement: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: HTMLElement) {
    parent.append(this.build());
    setInterval(() => this.drawRate(), 1000);
  }

  private build(): HTMLElement {
    const section = element('section', { 'aria-labelledby': 'tail-heading', class: 'tail' });
    const header = element('div', { class: 'tail-header' });
    const spark = document.createElementNS(SVG, 'svg');
    spark.setAttribute('id', 'sparkline');
    spark.setAttribute('width', String(SPARK_WIDTH));
    spark.setAttribute('height', String(SPARK_HEIGHT));
    spark.setAttribute('role', 'img');
    spark.setAttribute('aria-label', 'Records per second over the last minute');
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('id', 'sparkline-line');
    spark.append(line);
    header.append(
      element('h2', { id: 'tail-heading' }, 'Live Tail'),
      element('span', { id: 'tail-status', role: 'status', 'aria-live': 'polite' }, 'Starting…'),
      spark,
      element('span', { id: 'tail-rate', class: 'hint' }, '0 records/s'),
    );

    const start = element('div', { class: 'row', id: 'tail-start' });
    const from = element('select', { id: 'tail-from' });
    from.append(option('latest', 'Latest'), option('earliest', 'Earliest'), option('offset', 'Offset'), option('timestamp', 'Date and time'));
    const offset = element('input', { id: 'tail-offset', type: 'text', inputmode: 'numeric', value: '0', autocomplete: 'off' });
    const time = element('input', { id: 'tail-time', type: 'datetime-local', step: '1' });
    const partitions = element('fieldset', { id: 'tail-partitions', class: 'partitions' });
    partitions.append(element('legend', {}, 'Partitions'));
    const restart = element('button', { id: 'tail-restart', type: 'button', class: 'secondary' });
    restart.append(element('span', { class: 'codicon codicon-debug-restart', 'aria-hidden': 'true' }), document.createTextNode(' Start Tail'));
    const offsetField = labelled('tail-offset', 'Offset', offset);
    offsetField.id = 'tail-offset-field';
    offsetField.hidden = true;
    const timeField = labelled('tail-time', 'From (local time)', time);
    timeField.id = 'tail-time-field';
    timeField.hidden = true;
    start.append(labelled('tail-from', 'Start from', from), offsetField, timeField, partitions, restart);

    const tools = element('div', { class: 'row tools' });
    const filter = element('input', { id: 'tail-filter', type: 'search', placeholder: 'Filter key, value, headers', autocomplete: 'off', spellcheck: 'false' });
    const mode = element('select', { id: 'tail-filter-mode' });
    mode.append(option('text', 'Text'), option('regex', 'Regex'));
    const caseBox = element('input', { id: 'tail-filter-case', type: 'checkbox' });
    const caseLabel = element('label', { for: 'tail-filter-case', class: 'check' });
    caseLabel.append(caseBox, document.createTextNode(' Match case'));
    const pause = element('button', { id: 'pause-tail', type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'Pause');
    const clear = element('button', { id: 'clear-tail', type: 'button', class: 'secondary' }, 'Clear');
    const exportJson = element('button', { id: 'export-json', type: 'button', class: 'secondary' }, 'Export JSON');
    const exportCsv = element('button', { id: 'export-csv', type: 'button', class: 'secondary' }, 'Export CSV');
    tools.append(labelled('tail-filter', 'Filter', filter), labelled('tail-filter-mode', 'Match', mode), caseLabel, pause, clear, exportJson, exportCsv);

    const info = element('div', { class: 'tail-info' });
    info.append(
      element('span', { id: 'filter-error', role: 'alert' }),
      // The count and the dropped notice change every frame while records stream, so they are not live
      // regions (a screen reader would read each change); #tail-announce says what is worth hearing.
      element('span', { id: 'tail-count' }, '0 records'),
      element('span', { id: 'tail-dropped', class: 'warning' }),
      element('span', { id: 'tail-announce', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
      element('span', { id: 'export-status', role: 'status' }),
    );

    const columns = element('div', { class: 'record-row record-head', role: 'row', 'aria-hidden': 'true' });
    for (const title of ['Partition', 'Offset', 'Timestamp', 'Key', 'Value', 'Headers']) {
      columns.append(element('span', {}, title));
    }
    const viewport = element('div', {
      id: 'tail-viewport',
      class: 'viewport',
      tabindex: '0',
      // A grid, not a table: screen readers then pass the arrow keys through to onKey.
      role: 'grid',
      'aria-readonly': 'true',
      'aria-activedescendant': ACTIVE_ROW_ID,
      'aria-label': 'Tailed records, newest first. Arrow keys move, Enter shows details, Escape closes them.',
    });
    const spacer = element('div', { id: 'tail-spacer', class: 'spacer' });
    // A real table (rows drawn as grids): only the rows in view exist, translated to their place.
    const table = element('table', { class: 'records', role: 'presentation' });
    const rows = element('tbody', { id: 'tail', class: 'rows', role: 'rowgroup' });
    table.append(rows);
    spacer.append(table);
    viewport.append(spacer);
    const details = element('section', { id: 'record-details', class: 'details', 'aria-labelledby': 'details-heading', hidden: '' });

    section.append(header, start, tools, info, columns, viewport, details);

    from.addEventListener('change', () => {
      offsetField.hidden = from.value !== 'offset';
      timeField.hidden = from.value !== 'timestamp';
    });
    restart.addEventListener('click', () => this.restart());
    const refilter = (): void => this.applyFilter();
    filter.addEventListener('input', refilter);
    mode.addEventListener('change', refilter);
    caseBox.addEventListener('change', refilter);
    pause.addEventListener('click', () => this.setPaused(!this.paused));
    clear.addEventListener('click', () => {
      this.buffer.clear();
      this.marked.clear();
      this.select(-1);
      host.postMessage({ type: 'clearTail', epoch: ++this.epoch });
      this.render();
    });
    exportJson.addEventListener('click', () => this.exportVisible('json'));
    exportCsv.addEventListener('click', () => this.exportVisible('csv'));
    viewport.addEventListener('scroll', () => this.queueRender());
    viewport.addEventListener('keydown', (event) => this.onKey(event));
    rows.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.record');
      if (row?.dataset.index !== undefined) {
        this.select(Number(row.dataset.index));
      }
    });
    return section;
  }

  setPartitions(partitions: readonly number[]): void {
    const same = partitions.length === this.partitions.length && partitions.every((p, i) => p === this.partitions[i]);
    this.partitions = partitions;
    if (same) {
      return;
    }
    const box = byId('tail-partitions');
    const checked = new Set(Array.from(box.querySelectorAll<HTMLInputElement>('input:checked')).map((input) => Number(input.value)));
    const fresh = checked.size === 0;
    box.replaceChildren(element('legend', {}, 'Partitions'));
    for (const partition of partitions) {
      const input = element('input', { type: 'checkbox', value: String(partition), id: `tail-partition-${partition}` });
      input.checked = fresh || checked.has(partition);
      const label = element('label', { for: input.id, class: 'check' });
      label.append(input, document.createTextNode(` ${partition}`));
      box.append(label);
    }
  }

  status(message: TailStatusMessage): void {
    const status = byId('tail-status');
    const assigned = message.partitions === undefined || message.partitions.length === 0 ? '' : ` · partitions ${message.partitions.join(', ')}`;
    const text = {
      live: `Live${assigned}`,
      starting: 'Starting…',
      paused: `Paused${assigned}`,
      error: `Tail error: ${message.error ?? 'unknown'}`,
    }[message.state];
    status.textContent = text;
    status.dataset.state = message.state;
  }

  /** Adds a batch of the tail; `dropped` records read before it were let go by the host. */
  add(records: readonly TailRecord[], dropped = 0, epoch = this.epoch): void {
    if (epoch !== this.epoch) {
      return;
    }
    if (this.paused) {
      this.heldWhilePaused.push({ records, dropped, epoch });
      return;
    }
    this.meter.add(records.length, Date.now());
    const viewport = byId('tail-viewport');
    const change = this.buffer.add(records, dropped);
    if (change.added.length > 0 && viewport.scrollTop > 0) {
      viewport.scrollTop = scrollAfterInsert(viewport.scrollTop, change.added.length, ROW_HEIGHT);
    }
    if (this.selectedIndex >= 0) {
      this.selectedIndex += change.added.length;
    }
    this.queueRender();
  }

  /** Restarts the tail at exactly the records just produced and marks them. */
  jumpTo(offsets: readonly ProducedOffset[]): void {
    if (offsets.length === 0) {
      return;
    }
    this.marked = new Set(offsets.map((o) => `${o.partition}:${o.offset}`));
    this.startWith({ kind: 'exact', offsets }, null);
  }

  private restart(): void {
    const from = byId<HTMLSelectElement>('tail-from').value;
    let start: TailStart;
    if (from === 'offset') {
      const text = byId<HTMLInputElement>('tail-offset').value.trim();
      if (!/^[0-9]{1,19}$/.test(text)) {
        byId('filter-error').textContent = 'The start offset must be a whole number of at least 0.';
        return;
      }
      start = { kind: 'offset', offset: text };
    } else if (from === 'timestamp') {
      const time = new Date(byId<HTMLInputElement>('tail-time').value).getTime();
      if (Number.isNaN(time) || time < 0) {
        byId('filter-error').textContent = 'Choose the date and time to start from.';
        return;
      }
      start = { kind: 'timestamp', timestamp: time };
    } else {
      start = { kind: from === 'earliest' ? 'earliest' : 'latest' };
    }
    const chosen = Array.from(byId('tail-partitions').querySelectorAll<HTMLInputElement>('input:checked')).map((input) => Number(input.value));
    if (chosen.length === 0 && this.partitions.length > 0) {
      byId('filter-error').textContent = 'Choose at least one partition.';
      return;
    }
    this.marked.clear();
    this.startWith(start, chosen.length === this.partitions.length ? null : chosen);
  }

  private startWith(from: TailStart, partitions: readonly number[] | null): void {
    byId('filter-error').textContent = '';
    this.buffer.clear();
    this.select(-1);
    this.heldWhilePaused = [];
    this.setPaused(false, false);
    byId('tail-viewport').scrollTop = 0;
    host.postMessage({ type: 'startTail', from, partitions, epoch: ++this.epoch });
    this.render();
  }

  private setPaused(paused: boolean, tellHost = true): void {
    this.paused = paused;
    if (!paused) {
      for (const batch of this.heldWhilePaused.splice(0)) this.add(batch.records, batch.dropped, batch.epoch);
    }
    const button = byId('pause-tail');
    button.textContent = paused ? 'Resume' : 'Pause';
    button.setAttribute('aria-pressed', String(paused));
    if (tellHost) {
      host.postMessage({ type: 'pauseTail', paused });
    }
  }

  private applyFilter(): void {
    const mode = byId<HTMLSelectElement>('tail-filter-mode').value as FilterMode;
    const compiled = compileFilter({
      mode,
      pattern: byId<HTMLInputElement>('tail-filter').value,
      caseSensitive: byId<HTMLInputElement>('tail-filter-case').checked,
    });
    const input = byId<HTMLInputElement>('tail-filter');
    if (!compiled.ok) {
      // The previous filter stays in force: a half-typed pattern changes nothing.
      byId('filter-error').textContent = compiled.error;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    byId('filter-error').textContent = '';
    input.removeAttribute('aria-invalid');
    this.buffer.setFilter(compiled.matches);
    this.select(-1);
    this.render();
    // Said once typing pauses, not per keystroke.
    clearTimeout(this.filterAnnouncement);
    this.filterAnnouncement = setTimeout(() => this.announce(byId('tail-count').textContent ?? ''), FILTER_ANNOUNCE_DELAY_MS);
  }

  private announce(text: string): void {
    byId('tail-announce').textContent = text;
  }

  private exportVisible(format: 'json' | 'csv'): void {
    byId('export-status').textContent = 'Exporting…';
    host.postMessage({ type: 'exportRecords', format, records: this.buffer.visible() });
  }

  exported(path: string | undefined, error: string | undefined): void {
    byId('export-status').textContent = error !== undefined ? `Export failed: ${error}` : path !== undefined ? `Saved ${path}` : '';
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.buffer.visibleCount;
    if (count === 0) {
      return;
    }
    const page = Math.max(1, Math.floor(byId('tail-viewport').clientHeight / ROW_HEIGHT));
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -count, End: count };
    if (event.key in moves) {
      event.preventDefault();
      this.select(Math.min(count - 1, Math.max(0, (this.selectedIndex < 0 ? -1 : this.selectedIndex) + moves[event.key])), false);
      this.scrollToSelected();
    } else if (event.key === 'Enter' && this.selectedIndex >= 0) {
      event.preventDefault();
      this.select(this.selectedIndex);
    } else if (event.key === 'Escape') {
      this.select(-1);
    }
  }

  private scrollToSelected(): void {
    const viewport = byId('tail-viewport');
    const top = this.selectedIndex * ROW_HEIGHT;
    if (top < viewport.scrollTop) {
      viewport.scrollTop = top;
    } else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
    }
  }

  /** Selects the `index`-th visible row (-1: none); with `open`, shows its details. */
  private select(index: number, open = true): void {
    this.selectedIndex = index;
    this.selected = index >= 0 ? this.buffer.visibleAt(index) : undefined;
    const details = byId('record-details');
    // Closing keeps the row selected, so the keyboard goes on from where it was.
    const closeDetails = (): void => {
      renderDetails(details, undefined, () => undefined);
      byId('tail-viewport').focus();
    };
    if (open || this.selected === undefined) {
      renderDetails(details, open ? this.selected : undefined, closeDetails);
    } else if (!details.hidden) {
      renderDetails(details, this.selected, closeDetails, false);
    }
    this.queueRender();
  }

  private queueRender(): void {
    if (this.renderQueued) {
      return;
    }
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private render(): void {
    const viewport = byId('tail-viewport');
    const count = this.buffer.visibleCount;
    const window = rowWindow({
      scrollTop: viewport.scrollTop,
      viewportHeight: viewport.clientHeight,
      rowHeight: ROW_HEIGHT,
      rowCount: count,
      overscan: OVERSCAN,
    });
    byId('tail-spacer').style.height = `${window.totalHeight}px`;
    const rows = byId('tail');
    rows.style.transform = `translateY(${window.offsetTop}px)`;
    // Rows are reused, not rebuilt: at 10,000 records/s every frame shifts the list, and making
    // hundreds of elements a frame is what would stall the panel.
    const needed = window.end - window.start;
    while (rows.children.length > needed) {
      rows.lastElementChild?.remove();
    }
    for (let i = 0; i < needed; i++) {
      const index = window.start + i;
      const record = this.buffer.visibleAt(index);
      if (record === undefined) {
        break;
      }
      const row = (rows.children[i] as HTMLTableRowElement | undefined) ?? rows.appendChild(newRow());
      this.fillRow(row, record, index);
    }
    const total = this.buffer.size;
    byId('tail-count').textContent = count === total ? `${total} records` : `${count} of ${total} records match`;
    byId('tail-viewport').setAttribute('aria-rowcount', String(count));
    const dropped = this.buffer.dropped;
    byId('tail-dropped').textContent =
      dropped === 0 ? '' : `${dropped} older record${dropped === 1 ? ' was' : 's were'} dropped (the tail keeps the newest ${this.buffer.capacity}).`;
    if (dropped > 0 && !this.announcedDropping) {
      this.announce(`Older records are being dropped: the tail keeps the newest ${this.buffer.capacity}.`);
    }
    this.announcedDropping = dropped > 0;
  }

  private fillRow(row: HTMLTableRowElement, record: TailRecord, index: number): void {
    const selected = index === this.selectedIndex;
    row.classList.toggle('selected', selected);
    row.classList.toggle('marked', this.marked.has(`${record.partition}:${record.offset}`));
    row.dataset.index = String(index);
    // Only the rows in view exist: each says where it stands in the whole list.
    row.setAttribute('aria-rowindex', String(index + 1));
    row.setAttribute('aria-selected', String(selected));
    // The list keeps focus; the selected row is its active descendant (rows are reused, so the id moves).
    if (selected) {
      row.id = ACTIVE_ROW_ID;
    } else if (row.id === ACTIVE_ROW_ID) {
      row.removeAttribute('id');
    }
    if (shownIn.get(row) === record) {
      return;
    }
    shownIn.set(row, record);
    row.dataset.partition = String(record.partition);
    row.dataset.offset = record.offset;
    const [partition, offset, timestamp, key, value, headers] = Array.from(row.cells);
    fillCell(partition, String(record.partition));
    fillCell(offset, record.offset);
    fillCell(timestamp, formatTimestamp(record.timestamp));
    fillCell(key, record.key);
    fillCell(value, record.value);
    fillCell(headers, record.headers.map(([name, text]) => `${name}=${text ?? 'null'}`).join(', '));
  }

  private drawRate(): void {
    const now = Date.now();
    const series = this.meter.series(now);
    byId('sparkline-line').setAttribute('points', sparklinePoints(series.slice(0, -1), SPARK_WIDTH, SPARK_HEIGHT));
    byId('tail-rate').textContent = `${this.meter.lastRate(now).toLocaleString('en-US')} records/s`;
  }
}

/** The record each reused row shows, so a row that still shows the same record is left alone. */
const shownIn = new WeakMap<HTMLTableRowElement, TailRecord>();

const CELL_CLASSES = ['r-partition', 'r-offset', 'r-timestamp', 'r-key', 'r-value', 'r-headers'];

function newRow(): HTMLTableRowElement {
  const row = element('tr', { class: 'record', role: 'row' });
  for (const className of CELL_CLASSES) {
    row.append(element('td', { class: className, role: 'gridcell' }));
  }
  return row;
}

function fillCell(cell: HTMLTableCellElement | undefined, text: string | null): void {
  if (cell === undefined) {
    return;
  }
  if (text === null) {
    cell.classList.add('is-null');
    cell.textContent = '';
    cell.setAttribute('title', 'null');
  } else {
    cell.classList.remove('is-null');
    // Only the first line and a bounded length: rows are one fixed height; details show everything.
    cell.textContent = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    cell.setAttribute('title', text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
  }
}
