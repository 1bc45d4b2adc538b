// Placeholders a produced key, value or header may hold, filled in per record: {{counter}} (1, 2, …
// within one Produce), {{uuid}} (a fresh random UUID) and {{timestamp}} (ms since the epoch).

export interface TemplateContext {
  readonly counter: number;
  readonly timestamp: number;
  readonly uuid: () => string;
}

const PLACEHOLDER = /\{\{\s*(counter|uuid|timestamp)\s*\}\}/g;

export function hasPlaceholders(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** `text` with each placeholder replaced; unknown `{{…}}` stays as typed. */
export function expandTemplate(text: string, context: TemplateContext): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    switch (name) {
      case 'counter':
        return String(context.counter);
      case 'timestamp':
        return String(context.timestamp);
      default:
        return context.uuid();
    }
  });
}
