// The Produce & Tail webview's HTML shell: a strict Content Security Policy where only our bundled
// script (with a fresh nonce) and stylesheet may load; everything dynamic is built by webview/main.ts.

export interface ProduceTailHtmlInput {
  readonly topic: string;
  /** The webview's `cspSource`, allowed for styles and fonts. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

/** Escapes text for element content and double-quoted attributes (the only places it is put). */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function produceTailHtml(input: ProduceTailHtmlInput): string {
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
    `script-src 'nonce-${input.nonce}'`,
  ].join('; ');
  const topic = escapeHtml(input.topic);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>Produce &amp; Tail: ${topic}</title>
</head>
<body>
<main id="app" data-topic="${topic}">
<h1>Produce &amp; Tail: <span id="topic-name">${topic}</span></h1>
<p id="loading">Loading…</p>
</main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
