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
      tailView.add(message.records);
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
