// Preloaded into the cluster's processes (NODE_OPTIONS=--require) by `npm run bench -- --profile`:
// profiles the whole process with the inspector and writes a .cpuprofile on exit. Needed because
// Node refuses --cpu-prof in NODE_OPTIONS and the supervisor forks brokers with empty execArgv.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.KW_BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // A same-thread inspector session answers synchronously, so this completes inside 'exit'.
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${path.basename(process.argv[1] ?? 'node')}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
