import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateMeter, sparklinePoints } from '../../../webview/sparkline.js';

describe('RateMeter', () => {
  it('counts records per second and slides the window', () => {
    const meter = new RateMeter(4);
    meter.add(5, 10_000);
    meter.add(3, 10_900);
    meter.add(7, 11_100);
    assert.deepEqual(meter.series(11_200), [0, 0, 8, 7]);
    assert.equal(meter.lastRate(11_200), 8);
    assert.deepEqual(meter.series(13_000), [8, 7, 0, 0]);
    assert.deepEqual(meter.series(60_000), [0, 0, 0, 0]);
  });

  it('ignores time going backwards', () => {
    const meter = new RateMeter(3);
    meter.add(1, 5_000);
    meter.add(1, 4_000);
    assert.deepEqual(meter.series(5_000), [0, 0, 2]);
  });
});

describe('sparklinePoints', () => {
  it('scales to the box with the maximum at the top and 0 at the bottom', () => {
    assert.equal(sparklinePoints([0, 5, 10], 100, 20), '0,20 50,10 100,0');
    assert.equal(sparklinePoints([0, 0], 10, 20), '0,20 10,20');
    assert.equal(sparklinePoints([], 10, 20), '');
    assert.equal(sparklinePoints([3], 10, 20), '0,0');
  });
});
