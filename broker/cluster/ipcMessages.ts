// Messages between the supervisor and its broker processes over Node's IPC channel (the control
// plane only: clients and replication use the Kafka protocol). Sent with 'advanced' serialization.

import type { ControllerCall, ControllerResult } from '../controller/controllerCall.js';
import type { MetadataImage } from '../controller/metadataImage.js';
import type { BrokerConfig } from '../server/brokerServices.js';

export type ToBroker =
  | { readonly type: 'start'; readonly config: BrokerConfig; readonly image: MetadataImage }
  | { readonly type: 'metadata'; readonly image: MetadataImage }
  | { readonly type: 'controllerReply'; readonly id: number; readonly reply: ControllerReply }
  | { readonly type: 'shutdown' };

/** `results` is what the called operation returned; the caller knows its type from the op it sent. */
export type ControllerReply =
  | { readonly ok: true; readonly results: ControllerResult; readonly epoch: number }
  | { readonly ok: false; readonly error: string };

export type FromBroker =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'startFailed'; readonly message: string; readonly portInUse: number | null }
  | { readonly type: 'metadataApplied'; readonly epoch: number }
  | { readonly type: 'controllerCall'; readonly id: number; readonly call: ControllerCall }
  /** Liveness, every broker.heartbeat.interval.ms; the controller fences a broker that stops sending it. */
  | { readonly type: 'heartbeat' };
