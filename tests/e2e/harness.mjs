// Starts tauri-driver, opens WebDriver sessions on the built app with a given data
// directory, and cleans up: the session is always deleted, and an app this run started
// (a descendant of our tauri-driver, never a developer's own window) is killed by its
// pid if it outlives its session (WebKitWebDriver allows one session at a time).
// Screenshots go to target/screenshots, or where E2E_SCREENSHOTS says
// (`make screenshots` sets docs/screenshots), so a test run leaves the tree clean.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const APP = process.env.RUNGS_APP ?? path.join(ROOT, 'target/debug/rungs-app');
export const SHOTS = path.resolve(ROOT, process.env.E2E_SCREENSHOTS || 'target/screenshots');
// Today is pinned (the core's clock reads RUNGS_TODAY and tells the UI), so the demo's
// relative dates, the week labels and the screenshots are the same on every run.
export const TODAY = (process.env.RUNGS_TODAY ||= '2026-11-23');

let driver;

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export async function startDriver() {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: build the app first (make e2e does)`);
  const bin = process.env.TAURI_DRIVER ?? path.join(os.homedir(), '.cargo/bin/tauri-driver');
  driver = spawn(existsSync(bin) ? bin : 'tauri-driver', [], { stdio: ['ignore', 'inherit', 'inherit'] });
  // tauri-driver listens on 4444 and starts WebKitWebDriver on 4445; a session asked
  // for before 4445 listens fails with "connection refused" (seen on a fresh machine).
  for (const port of [4444, 4445]) {
    let open = false;
    for (let i = 0; i < 300 && !open; i++) {
      open = await portOpen(port);
      if (!open) await sleep(100);
    }
    if (!open) throw new Error(`tauri-driver: nothing listens on ${port} after 30 s`);
  }
}

export function stopDriver() {
  killLeftoverApps();
  if (driver && driver.exitCode === null) driver.kill();
}

/** The parent pid of `pid`, from /proc (null when gone). */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function startedByUs(pid) {
  for (let p = pid, hops = 0; p && p > 1 && hops < 10; p = parentOf(p), hops++) {
    if (p === driver?.pid) return true;
  }
  return false;
}

/** Kills app processes this run's tauri-driver started that a session left behind. */
export function killLeftoverApps() {
  if (!driver) return;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === APP && startedByUs(Number(pid))) {
        process.kill(Number(pid), 'SIGKILL');
      }
    } catch {
      // not ours, or gone
    }
  }
}

/** Opens the app on `dataDir`, runs `fn(browser)`, and always closes the session. */
export async function withApp(dataDir, fn) {
  mkdirSync(dataDir, { recursive: true });
  const browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'error',
    connectionRetryCount: 0,
    capabilities: {
      'tauri:options': { application: APP, args: ['--data-dir', dataDir] },
    },
  });
  try {
    await waitReady(browser);
    return await fn(browser);
  } finally {
    try {
      await browser.deleteSession();
    } catch {
      // the app may already be gone
    }
    await sleep(300);
    killLeftoverApps();
  }
}

export async function waitReady(browser) {
  await browser.waitUntil(
    async () => (await browser.execute(() => document.documentElement.dataset.ready)) === 'true',
    { timeout: 30000, timeoutMsg: 'the app did not become ready' },
  );
}

export async function shot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  // Toasts are transient: keep them out of the pictures.
  await browser.execute(() => document.querySelectorAll('.toast .close').forEach((b) => b.click()));
  await browser
    .waitUntil(
      async () => (await browser.execute(() => document.querySelectorAll('.toast').length)) === 0,
      { timeout: 3000 },
    )
    .catch(() => {}); // a toast without a close button stays: the picture is still taken
  // WebKitWebDriver can return the previous frame: let two frames paint first.
  await browser.executeAsync((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))),
  );
  await browser.pause(150);
  await browser.saveScreenshot(path.join(SHOTS, `${name}.png`));
}

export const $t = (browser, id) => browser.$(`[data-testid="${id}"]`);
