// InitProducerId: a fresh producer id at epoch 0 for every idempotent (non-transactional) producer,
// as Kafka does. Transactions are not supported yet: a transactional id gets UNSUPPORTED_VERSION, which
// clients report as the broker not supporting the feature, rather than a retriable error they loop on.

import { ProducerIdManager } from '../../log/producerIdManager.js';
import { InitProducerIdApi } from '../../protocol/apis/initProducerId.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

export function initProducerIdRoute(services: BrokerServices): Route {
  let ids: ProducerIdManager | undefined;
  return route(InitProducerIdApi, (request) => {
    const failed = { throttleTimeMs: 0, producerId: -1n, producerEpoch: -1 };
    if (request.transactionalId !== null) {
      services.log.warn(`InitProducerId for transactional id ${JSON.stringify(request.transactionalId)} refused: transactions are not supported`);
      return { ...failed, errorCode: ErrorCode.UNSUPPORTED_VERSION };
    }
    try {
      ids ??= new ProducerIdManager(services.config.dataDir, services.config.nodeId);
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: ids.nextProducerId(), producerEpoch: 0 };
    } catch (err) {
      services.log.error(`could not allocate a producer id: ${err instanceof Error ? err.message : String(err)}`);
      return { ...failed, errorCode: ErrorCode.KAFKA_STORAGE_ERROR };
    }
  });
}
