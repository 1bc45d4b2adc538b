import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isClearTailMessage, isHostToWebviewMessage, isProduceRequestMessage, isWebviewToHostMessage } from '../../../webview/protocol.js';

describe('webview protocol guards', () => {
  const produce = { type: 'produce', requestId: 1, key: null, value: 'v', headers: [{ key: 'h', value: '1' }], partition: null };

  it('accepts well-formed webview messages', () => {
    assert.ok(isWebviewToHostMessage({ type: 'ready' }));
    assert.ok(isWebviewToHostMessage({ type: 'clearTail' }));
    assert.ok(isProduceRequestMessage(produce));
    assert.ok(isProduceRequestMessage({ ...produce, key: 'k', partition: 2 }));
  });

  it('rejects malformed produce requests', () => {
    assert.ok(!isProduceRequestMessage({ ...produce, partition: -1 }));
    assert.ok(!isProduceRequestMessage({ ...produce, partition: 1.5 }));
    assert.ok(!isProduceRequestMessage({ ...produce, value: null }));
    assert.ok(!isProduceRequestMessage({ ...produce, headers: [{ key: 1, value: 'x' }] }));
    assert.ok(!isWebviewToHostMessage({ type: 'unknown' }));
    assert.ok(!isWebviewToHostMessage(null));
  });

  it('accepts an optional list epoch on clearTail, startTail and tailRecords, as a non-negative integer', () => {
    assert.ok(isWebviewToHostMessage({ type: 'clearTail', epoch: 3 }));
    assert.ok(isClearTailMessage({ type: 'clearTail', epoch: 0 }));
    assert.ok(!isWebviewToHostMessage({ type: 'clearTail', epoch: -1 }));
    assert.ok(!isClearTailMessage({ type: 'clearTail', epoch: 'x' }));
    assert.ok(isWebviewToHostMessage({ type: 'startTail', from: { kind: 'earliest' }, partitions: null, epoch: 4 }));
    assert.ok(isWebviewToHostMessage({ type: 'startTail', from: { kind: 'earliest' }, partitions: null }));
    assert.ok(!isWebviewToHostMessage({ type: 'startTail', from: { kind: 'earliest' }, partitions: null, epoch: 1.5 }));
    assert.ok(isHostToWebviewMessage({ type: 'tailRecords', records: [], batch: 1, epoch: 4 }));
    assert.ok(!isHostToWebviewMessage({ type: 'tailRecords', records: [], batch: 1, epoch: -4 }));
  });

  it('accepts a tail batch acknowledgement with a batch id, and nothing else', () => {
    assert.ok(isWebviewToHostMessage({ type: 'tailAck', batch: 1 }));
    assert.ok(isWebviewToHostMessage({ type: 'tailAck', batch: 0 }));
    assert.ok(!isWebviewToHostMessage({ type: 'tailAck' }));
    assert.ok(!isWebviewToHostMessage({ type: 'tailAck', batch: -1 }));
    assert.ok(!isWebviewToHostMessage({ type: 'tailAck', batch: 2.5 }));
    assert.ok(!isWebviewToHostMessage({ type: 'tailAck', batch: '3' }));
  });

  it('accepts host messages and rejects wrong shapes', () => {
    assert.ok(isHostToWebviewMessage({ type: 'init', topic: 't', partitions: [0, 1] }));
    assert.ok(isHostToWebviewMessage({ type: 'produceResult', requestId: 1, partition: 0, offset: '5' }));
    assert.ok(isHostToWebviewMessage({ type: 'produceFailed', requestId: 1, error: 'x' }));
    assert.ok(isHostToWebviewMessage({ type: 'tailStatus', state: 'live' }));
    assert.ok(
      isHostToWebviewMessage({
        type: 'tailRecords',
        records: [{ partition: 0, offset: '1', timestamp: '2', key: null, value: 'v', headers: [['h', null]] }],
      }),
    );
    assert.ok(
      isHostToWebviewMessage({
        type: 'tailRecords',
        records: [{ partition: 0, offset: '1', timestamp: '2', key: null, value: 'v', headers: [] }],
        batch: 7,
        dropped: 12_345,
      }),
    );
    assert.ok(!isHostToWebviewMessage({ type: 'tailRecords', records: [], batch: -1 }));
    assert.ok(!isHostToWebviewMessage({ type: 'tailRecords', records: [], dropped: 1.5 }));
    assert.ok(!isHostToWebviewMessage({ type: 'tailRecords', records: [], dropped: '3' }));
    assert.ok(!isHostToWebviewMessage({ type: 'tailStatus', state: 'weird' }));
    assert.ok(!isHostToWebviewMessage({ type: 'tailRecords', records: [{ partition: 0, offset: 1 }] }));
  });
});
