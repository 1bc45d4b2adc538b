// Small DOM helpers for the webview. Text only ever goes in through textContent or attribute values,
// never through HTML parsing, so record contents cannot become markup.

export function element<K extends keyof HTMLElementTagNameMap>(
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

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) {
    throw new Error(`#${id} is missing`);
  }
  return found as T;
}

/** A labelled control in a column: the label names the control for screen readers. */
export function labelled(id: string, label: string, control: HTMLElement, className = 'field'): HTMLElement {
  const row = element('div', { class: className });
  row.append(element('label', { for: id }, label), control);
  return row;
}

export function option(value: string, text: string): HTMLOptionElement {
  return element('option', { value }, text);
}

export function formatTimestamp(milliseconds: string): string {
  const date = new Date(Number(milliseconds));
  return Number.isNaN(date.getTime()) || Number(milliseconds) < 0 ? milliseconds : date.toISOString();
}
