import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kafkaErrorText } from '../../../../extension/kafka/kafkaErrorText.js';

describe('kafkaErrorText', () => {
  it('names the broker error codes nested in an aggregate, with the server message', () => {
    const inner = Object.assign(new Error('Topic is invalid'), {
      apiId: 'INVALID_TOPIC_EXCEPTION',
      serverErrorMessage: 'Topic name "a b" is illegal',
    });
    const outer = Object.assign(new AggregateError([inner], 'Received response with error'), {});
    const wrapped = new Error('Failed', { cause: outer });
    assert.equal(kafkaErrorText(wrapped), 'INVALID_TOPIC_EXCEPTION: Topic name "a b" is illegal');
  });

  it('lists distinct codes once', () => {
    const a = Object.assign(new Error('x'), { apiId: 'TOPIC_ALREADY_EXISTS', serverErrorMessage: null });
    const b = Object.assign(new Error('x'), { apiId: 'TOPIC_ALREADY_EXISTS', serverErrorMessage: null });
    assert.equal(kafkaErrorText(new AggregateError([a, b], 'many')), 'TOPIC_ALREADY_EXISTS');
  });

  it('falls back to the message and its cause', () => {
    assert.equal(kafkaErrorText(new Error('outer', { cause: new Error('ECONNREFUSED') })), 'outer (ECONNREFUSED)');
    assert.equal(kafkaErrorText('plain'), 'plain');
  });
});
