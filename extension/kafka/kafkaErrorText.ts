// Turns an error thrown by the Kafka client into one line a user can act on, keeping the broker's
// error name (e.g. INVALID_TOPIC_EXCEPTION) and its message, which the client nests inside aggregates.

interface ErrorDetails {
  readonly apiId?: unknown;
  readonly serverErrorMessage?: unknown;
  readonly errors?: unknown;
  readonly cause?: unknown;
  readonly message?: unknown;
}

function collectProtocolErrors(error: unknown, found: string[], depth: number): void {
  if (typeof error !== 'object' || error === null || depth > 6) {
    return;
  }
  const details = error as ErrorDetails;
  if (typeof details.apiId === 'string') {
    const server = typeof details.serverErrorMessage === 'string' && details.serverErrorMessage.length > 0
      ? `: ${details.serverErrorMessage}`
      : '';
    const text = `${details.apiId}${server}`;
    if (!found.includes(text)) {
      found.push(text);
    }
  }
  if (Array.isArray(details.errors)) {
    for (const inner of details.errors) {
      collectProtocolErrors(inner, found, depth + 1);
    }
  }
  collectProtocolErrors(details.cause, found, depth + 1);
}

/** One line describing `error`: the broker's error codes when there are any, else the message. */
export function kafkaErrorText(error: unknown): string {
  const protocolErrors: string[] = [];
  collectProtocolErrors(error, protocolErrors, 0);
  if (protocolErrors.length > 0) {
    return protocolErrors.join('; ');
  }
  if (error instanceof Error) {
    const cause = (error as ErrorDetails).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
