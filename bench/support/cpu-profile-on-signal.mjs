/**
 * Preloaded into a process under test (NODE_OPTIONS=--import <this file>, since node refuses
 * --cpu-prof there): SIGUSR2 starts the V8 sampling profiler, the next SIGUSR2 writes
 * `<CPU_PROFILE_DIR>/<n>.cpuprofile` (open it in Chrome DevTools or summarise it with
 * bench/support/profile-summary.ts). A benchmark brackets each scenario with the two signals.
 * Plain JavaScript so it loads before tsx does.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let isProfiling = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!isProfiling) {
      isProfiling = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    isProfiling = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error(`[cpu-profile] ${error.message}`);
      written += 1;
      fs.mkdirSync(dir, { recursive: true });
      // Written under another name first: a reader polling for the file never sees half of it.
      const file = path.join(dir, `${written}.cpuprofile`);
      fs.writeFileSync(`${file}.partial`, JSON.stringify(result.profile));
      fs.renameSync(`${file}.partial`, file);
    });
  });
}
