import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configsProblem, newPartitionCountProblem, parseConfigs, replicationFactorProblem } from '../../../../extension/topics/topicConfigInput.js';

describe('topic config input', () => {
  it('parses name=value pairs, empty text being none', () => {
    const parsed = parseConfigs(' cleanup.policy=compact, retention.ms = 60000 ,');
    assert.ok(parsed.ok);
    assert.deepEqual([...parsed.configs], [['cleanup.policy', 'compact'], ['retention.ms', '60000']]);
    const empty = parseConfigs('  ');
    assert.ok(empty.ok && empty.configs.size === 0);
  });

  it('explains bad pairs, names and repeats', () => {
    assert.match(configsProblem('retention.ms') ?? '', /not name=value/);
    assert.match(configsProblem('=5') ?? '', /not name=value/);
    assert.match(configsProblem('Bad Name=1') ?? '', /not a config name/);
    assert.match(configsProblem('a=1,a=2') ?? '', /twice/);
  });

  it('replication factor within the brokers, partitions only grow', () => {
    assert.equal(replicationFactorProblem('3', 3), undefined);
    assert.match(replicationFactorProblem('4', 3) ?? '', /at most 3 replicas/);
    assert.match(replicationFactorProblem('0') ?? '', /at least 1/);
    assert.equal(newPartitionCountProblem('4', 3), undefined);
    assert.match(newPartitionCountProblem('3', 3) ?? '', /must be larger/);
    assert.match(newPartitionCountProblem('x', 3) ?? '', /new total/);
  });
});
