// Measures (does not assert) how long search takes to answer typing in the real window:
// from a keystroke in the search field (the input event) until the results for that text
// are in the DOM and painted (a requestAnimationFrame after the render, then a task, so
// the frame holding them has been drawn). It includes the view's 80 ms debounce, which
// is also reported apart, and the IPC round trip of the `search` command alone.
//
// Two ways of typing: "paused" waits for each keystroke's results before the next one;
// "burst" types a word at 40 ms a key (faster than the debounce) and times the last key.
// Usage: node search-latency.mjs DATA_DIR [DATA_DIR…]   (under Xvfb; build the app first)
import { remote } from 'webdriverio';
import { APP, killLeftoverApps, startDriver, stopDriver, waitReady } from './harness.mjs';

const WORDS = (process.env.WORDS ?? 'certificate kubernetes deployment timeout rollback proxy escalation dns').split(' ');

/** In the page: puts `value` in the search field and resolves with ms until painted. */
function typeAndTime(value, done) {
  const input = document.getElementById('search-input');
  const shown = () => document.querySelector('#search-results, [data-testid="search-none"]')?.dataset.query === value;
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const finish = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
  if (shown()) return finish();
  const obs = new MutationObserver(() => {
    if (shown()) {
      obs.disconnect();
      finish();
    }
  });
  obs.observe(document.querySelector('.results'), { subtree: true, childList: true, attributes: true, characterData: true });
}

/** In the page: types `word` a key every `gap` ms, resolves with ms from the last key to paint. */
function burst(word, gap, done) {
  const input = document.getElementById('search-input');
  const shown = () => document.querySelector('#search-results, [data-testid="search-none"]')?.dataset.query === word;
  let i = 0;
  let t0 = 0;
  const key = () => {
    i++;
    input.value = word.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    if (i < word.length) return setTimeout(key, gap);
    t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (shown()) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
      }
    });
    obs.observe(document.querySelector('.results'), { subtree: true, childList: true, attributes: true, characterData: true });
  };
  key();
}

/** In the page: the `search` command alone, as the view sends it; resolves with ms. */
async function ipc(word) {
  const request = {
    query: word,
    kind: null,
    person: null,
    tag: null,
    behaviour: null,
    level: null,
    since: null,
    until: null,
    sort: 'relevance',
    limit: 50,
    offset: null,
  };
  const t0 = performance.now();
  const r = await window.__TAURI_INTERNALS__.invoke('search', { request });
  return [performance.now() - t0, r.total];
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms, p90 ${pct(xs, 90).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

async function clear(b) {
  await b.execute(() => {
    const input = document.getElementById('search-input');
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await b.$('[data-testid="search-idle"]').waitForDisplayed({ timeout: 10000 });
}

await startDriver();
try {
  for (const dir of process.argv.slice(2)) {
    const b = await remote({
      hostname: '127.0.0.1',
      port: 4444,
      logLevel: 'error',
      capabilities: { 'tauri:options': { application: APP, args: ['--data-dir', dir] } },
    });
    try {
      await waitReady(b);
      await (await b.$('[data-testid="nav-search"]')).click();
      await (await b.$('#search-input')).waitForDisplayed();
      // Warm up (the first search loads the index's facet tables).
      await b.executeAsync(typeAndTime, 'warm');
      await clear(b);
      const paused = [];
      const bursts = [];
      const calls = [];
      const totals = [];
      for (const word of WORDS) {
        for (let i = 1; i <= word.length; i++) paused.push(await b.executeAsync(typeAndTime, word.slice(0, i)));
        await clear(b);
        bursts.push(await b.executeAsync(burst, word, 40));
        await clear(b);
        for (let k = 0; k < 5; k++) {
          const [ms, total] = await b.execute(ipc, word);
          calls.push(ms);
          if (k === 0) totals.push(`${word} ${total}`);
        }
      }
      console.log(`${dir}`);
      console.log(`  results: ${totals.join(', ')}`);
      console.log(`  keystroke to painted results, typing with pauses: ${fmt(paused)} (80 ms of it is the debounce)`);
      console.log(`  last keystroke of a 40 ms/key burst to painted results: ${fmt(bursts)}`);
      console.log(`  search command alone (IPC round trip, 50 hits with snippets and facets): ${fmt(calls)}`);
    } finally {
      await b.deleteSession().catch(() => {});
      killLeftoverApps();
    }
  }
} finally {
  stopDriver();
}
