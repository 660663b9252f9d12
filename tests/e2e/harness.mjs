// Starts tauri-driver, opens WebDriver sessions on the built app with a given data
// directory, and cleans up: the session is always deleted, a leftover app is killed by
// its pid (WebKitWebDriver allows one session at a time).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const APP = process.env.RUNGS_APP ?? path.join(ROOT, 'target/debug/rungs-app');
export const SHOTS = path.join(ROOT, 'docs/screenshots');

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
  for (let i = 0; i < 100; i++) {
    if (await portOpen(4444)) return;
    await sleep(100);
  }
  throw new Error('tauri-driver did not listen on 4444');
}

export function stopDriver() {
  killLeftoverApps();
  if (driver && driver.exitCode === null) driver.kill();
}

/** Kills app processes (our binary only, by pid) that a dead session left behind. */
export function killLeftoverApps() {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === APP) process.kill(Number(pid), 'SIGKILL');
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
  await browser.pause(250);
  await browser.saveScreenshot(path.join(SHOTS, `${name}.png`));
}

export const $t = (browser, id) => browser.$(`[data-testid="${id}"]`);
