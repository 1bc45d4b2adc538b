// The windowing arithmetic of the tail's virtualised list: which rows to render for a scroll
// position, with a few extra above and below so fast scrolling does not show gaps.

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Extra rows rendered beyond each edge of the viewport. */
  readonly overscan: number;
}

export interface RowWindow {
  /** First row index to render (inclusive). */
  readonly start: number;
  /** Row index after the last one to render (exclusive). */
  readonly end: number;
  /** Pixels from the top of the list to the first rendered row. */
  readonly offsetTop: number;
  /** Height of the whole list, rendered or not. */
  readonly totalHeight: number;
}

export function rowWindow(input: WindowInput): RowWindow {
  const rowHeight = Math.max(1, input.rowHeight);
  const rowCount = Math.max(0, Math.floor(input.rowCount));
  const totalHeight = rowCount * rowHeight;
  const maxScroll = Math.max(0, totalHeight - input.viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const visibleCount = Math.ceil(Math.max(0, input.viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, firstVisible - input.overscan);
  const end = Math.min(rowCount, firstVisible + visibleCount + input.overscan);
  return { start, end: Math.max(start, end), offsetTop: start * rowHeight, totalHeight };
}

/**
 * Where to scroll after `addedOnTop` rows were inserted above the viewport and `removedBelow`
 * rows vanished, so that the rows the user is reading stay still; at the very top it stays at 0
 * and the list follows new records.
 */
export function scrollAfterInsert(scrollTop: number, addedOnTop: number, rowHeight: number): number {
  return scrollTop <= 0 ? 0 : scrollTop + addedOnTop * rowHeight;
}
