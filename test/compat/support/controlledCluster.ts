// The fixture of tests that steer a multi-broker cluster: the real cluster for a describe block and
// the supervisor's control connection (stop, kill, restart brokers), both closed after it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { readClusterLock } from '../../../broker/cluster/clusterFiles.js';
import { ControlConnection } from '../../../broker/cluster/controlConnection.js';
import { startCluster, type ClusterOptions, type TestCluster } from '../../support/cluster.js';

export interface ControlledCluster {
  /** Valid inside tests (set by the `before` hook this fixture registers). */
  readonly cluster: TestCluster;
  readonly control: ControlConnection;
}

/** Registers before/after hooks in the calling scope that start the cluster and open its control connection. */
export function useControlledCluster(options: ClusterOptions): ControlledCluster {
  let cluster: TestCluster | undefined;
  let control: ControlConnection | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is used before the fixture's before hook ran`);
    return value;
  };
  before(async () => {
    cluster = await startCluster(options);
    const lock = readClusterLock(cluster.dataDir);
    assert.ok(lock, `the cluster in ${cluster.dataDir} wrote its lock file`);
    control = await ControlConnection.open(lock.controlPort, lock.token);
  });
  after(async () => {
    control?.close();
    await cluster?.stop();
  });
  return {
    get cluster() {
      return started(cluster, 'cluster');
    },
    get control() {
      return started(control, 'control connection');
    },
  };
}
