// How record bytes are shown to a person: UTF-8 text when the bytes are valid UTF-8, otherwise hex,
// and long contents cut so one huge record cannot flood the webview.

const MAX_SHOWN_CHARS = 10_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}

/** Text for a record key, value or header value; null stays null (Kafka's null is not the empty string). */
export function bytesToDisplayText(bytes: Uint8Array | null | undefined, limit: number = MAX_SHOWN_CHARS): string | null {
  if (bytes === null || bytes === undefined) {
    return null;
  }
  try {
    return cut(utf8.decode(bytes), limit);
  } catch {
    const shownBytes = bytes.subarray(0, Math.ceil(limit / 2));
    const hex = Buffer.from(shownBytes.buffer, shownBytes.byteOffset, shownBytes.byteLength).toString('hex');
    const rest = bytes.byteLength - shownBytes.byteLength;
    return `0x${hex}${rest > 0 ? `… (${rest} more bytes)` : ''}`;
  }
}
