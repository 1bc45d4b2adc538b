// When a follower may keep a fetched record set without copying it: only when the set is most of the
// memory it lives in, so a small batch never pins a larger shared read buffer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayKeepFetchedBytes } from '../../../../broker/replication/replicaFetcher.js';

test('a response frame of its own is kept; a small slice of a shared read is copied', () => {
  const frame = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
  // The records of a one-partition response: the frame less its headers.
  assert.equal(mayKeepFetchedBytes(frame.subarray(120)), true);
  const socketRead = Buffer.allocUnsafeSlow(64 * 1024);
  assert.equal(mayKeepFetchedBytes(socketRead.subarray(500, 600)), false);
  // Half of a multi-partition response: still worth keeping.
  assert.equal(mayKeepFetchedBytes(frame.subarray(0, 2 * 1024 * 1024)), true);
  assert.equal(mayKeepFetchedBytes(frame.subarray(0, 2 * 1024 * 1024 - 1)), false);
});
