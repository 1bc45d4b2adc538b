// Entry point of a broker process, forked by the supervisor. It starts a Broker when told to, relays
// admin requests to the controller over IPC, and exits when its supervisor goes away.

import { stderrLogger } from '../logger.js';
import { Broker, PortInUseError } from '../server/broker.js';
import type { ControllerChannel } from '../server/brokerServices.js';
import type { ControllerOperations } from '../controller/controller.js';
import type { ControllerCall, ControllerResult } from '../controller/controllerCall.js';
import { claimBrokerDataDir } from './brokerMeta.js';
import type { ControllerReply, FromBroker, ToBroker } from './ipcMessages.js';

function send(message: FromBroker): void {
  process.send?.(message);
}

const pending = new Map<number, (reply: ControllerReply) => void>();
let nextCallId = 1;

function call(c: ControllerCall): Promise<{ results: ControllerResult; epoch: number }> {
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
    send({ type: 'controllerCall', id, call: c });
  });
}

// The supervisor answers each op with that op's result type (applyControllerCall), hence the narrowing casts.
const channel: ControllerChannel = {
  createTopics: async (...args) => {
    const reply = await call({ op: 'createTopics', args });
    return { results: reply.results as ReturnType<ControllerOperations['createTopics']>, epoch: reply.epoch };
  },
  deleteTopics: async (...args) => {
    const reply = await call({ op: 'deleteTopics', args });
    return { results: reply.results as ReturnType<ControllerOperations['deleteTopics']>, epoch: reply.epoch };
  },
  createPartitions: async (...args) => {
    const reply = await call({ op: 'createPartitions', args });
    return { results: reply.results as ReturnType<ControllerOperations['createPartitions']>, epoch: reply.epoch };
  },
  alterTopicConfigs: async (...args) => {
    const reply = await call({ op: 'alterTopicConfigs', args });
    return { results: reply.results as ReturnType<ControllerOperations['alterTopicConfigs']>, epoch: reply.epoch };
  },
  alterPartition: async (req) => {
    const reply = await call({ op: 'alterPartition', args: [req] });
    return { ...(reply.results as ReturnType<ControllerOperations['alterPartition']>), epoch: reply.epoch };
  },
};

let heartbeat: NodeJS.Timeout | undefined;

let broker: Broker | undefined;

async function shutdown(code: number): Promise<never> {
  if (heartbeat) clearInterval(heartbeat);
  try {
    await broker?.close();
  } finally {
    process.exit(code);
  }
}

if (!process.send) {
  process.stderr.write('broker.js is started by the kafka-workbench supervisor, not directly\n');
  process.exit(2);
}

// A broker without its supervisor has no controller: it leaves rather than serve stale metadata.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole process group; the supervisor decides.

process.on('message', (message: ToBroker) => {
  switch (message.type) {
    case 'start': {
      const log = stderrLogger(`broker ${message.config.nodeId}`);
      const claimed = new Promise<void>((resolve) => {
        claimBrokerDataDir(message.config.dataDir, message.image.clusterId, message.config.nodeId);
        resolve();
      });
      claimed.then(() => Broker.start(message.config, channel, message.image, log)).then(
        (b) => {
          broker = b;
          send({ type: 'listening', port: b.port });
          send({ type: 'heartbeat' });
          heartbeat = setInterval(() => send({ type: 'heartbeat' }), message.config.heartbeatIntervalMs);
        },
        (err: unknown) => {
          send({
            type: 'startFailed',
            message: err instanceof Error ? err.message : String(err),
            portInUse: err instanceof PortInUseError ? err.port : null,
          });
        },
      );
      break;
    }
    case 'metadata':
      void broker?.applyMetadata(message.image).then(() => send({ type: 'metadataApplied', epoch: message.image.epoch }));
      break;
    case 'controllerReply':
      pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
      break;
    case 'shutdown':
      void shutdown(0);
      break;
  }
});
