// The Produce & Tail webview, a browser program: the produce form and the live tail, talking to its
// host only through the messages in protocol.ts, and showing record contents as text only.

import { byId } from './dom.js';
import { ProduceForm } from './produceForm.js';
import { isHostToWebviewMessage, type HostToWebviewMessage } from './protocol.js';
import { TailView } from './tailView.js';
import { host } from './vscodeApi.js';

byId('loading').remove();
const app = byId('app');
const saved = host.getState() as { history?: unknown } | undefined;
const form = new ProduceForm(app, { showInTail: (offsets) => tailView.jumpTo(offsets) }, saved?.history);
const tailView = new TailView(app);

/** Tail batches taken in since the last frame, acknowledged once the next one is drawn. */
const takenBatches: number[] = [];

// Acknowledging after a frame, not at once, lets the host's next batches wait while this thread is
// busy (and while the panel is hidden, when frames stop): the host then keeps only what can be shown.
function acknowledgeAfterFrame(batch: number): void {
  if (takenBatches.push(batch) > 1) {
    return;
  }
  requestAnimationFrame(() => {
    for (const taken of takenBatches.splice(0)) {
      host.postMessage({ type: 'tailAck', batch: taken });
    }
  });
}

function handle(message: HostToWebviewMessage): void {
  switch (message.type) {
    case 'init':
      form.setPartitions(message.partitions);
      tailView.setPartitions(message.partitions);
      if (message.compressions !== undefined) {
        form.setCompressions(message.compressions);
      }
      break;
    case 'produceResult':
      form.produced(message);
      break;
    case 'produceFailed':
      form.failed(message.requestId, message.error);
      break;
    case 'tailRecords':
      tailView.add(message.records, message.dropped ?? 0, message.epoch ?? 0);
      if (message.batch !== undefined) {
        acknowledgeAfterFrame(message.batch);
      }
      break;
    case 'tailStatus':
      tailView.status(message);
      break;
    case 'exportResult':
      tailView.exported(message.path, message.error);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebviewMessage(event.data)) {
    handle(event.data);
  }
});
host.postMessage({ type: 'ready' });
