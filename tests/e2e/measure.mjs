// Measures (does not assert) launch-to-interactive time: from asking tauri-driver for a
// session (which starts the app) until the journal's first entry row is on screen.
// Usage: node measure.mjs DATA_DIR [DATA_DIR…]   (under Xvfb; build the app first)
import { performance } from 'node:perf_hooks';
import { remote } from 'webdriverio';
import { APP, killLeftoverApps, startDriver, stopDriver } from './harness.mjs';

await startDriver();
try {
  for (const dir of process.argv.slice(2)) {
    const times = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const b = await remote({
        hostname: '127.0.0.1',
        port: 4444,
        logLevel: 'error',
        capabilities: { 'tauri:options': { application: APP, args: ['--data-dir', dir] } },
      });
      try {
        const row = await b.$('[data-testid="entry-row"]');
        await row.waitForDisplayed({ timeout: 120000, interval: 20 });
        times.push(performance.now() - t0);
      } finally {
        await b.deleteSession().catch(() => {});
        killLeftoverApps();
      }
    }
    const ms = times.map((t) => Math.round(t));
    console.log(`${dir}: launch to first entry row ${ms.join(' / ')} ms (3 runs)`);
  }
} finally {
  stopDriver();
}
