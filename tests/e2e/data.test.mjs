// Journal data (issue 10): the demo journal exported as JSON from the command palette,
// the file checked, then imported from the sidebar's "Journal data…" into a second,
// empty journal (another app start on another data dir), whose timeline then shows the
// same entries; importing the same file again is a merge that changes nothing. Then a
// backup made from the app brings that journal back after its entries were removed, and
// a Markdown vault exported into a folder of notes is imported into a third journal.
// RUNGS_E2E_DATA_PATH stands in for the native file dialogs (the app reads it from its
// environment, inherited from tauri-driver): here one file, written then read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { $t, shot, startDriver, stopDriver, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-data-'));
const exported = path.join(tmp, 'journal.json');
process.env.RUNGS_E2E_DATA_PATH = exported;

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

/** `text` as a regular expression that matches it literally. */
const re = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function countText(b) {
  return b.execute(() => document.querySelector('[data-testid="entry-count"]')?.textContent ?? '');
}

/** Opens the palette (Ctrl+K), types `typed` and runs the first option, which must be `title`. */
async function paletteRun(b, typed, title) {
  await b.keys(['Control', 'k']);
  const pin = await $t(b, 'palette-input');
  await pin.waitForDisplayed();
  await pin.addValue(typed);
  await b.waitUntil(async () => (await (await $t(b, 'palette-option')).getText()).startsWith(title), {
    timeout: 5000,
    timeoutMsg: `the palette does not offer "${title}" first`,
  });
  await b.keys('Enter');
  await (await $t(b, 'palette')).waitForDisplayed({ reverse: true });
}

/** The text of the timeline's first five rows (title, kind, people, date). */
async function firstRows(b) {
  return b.execute(() =>
    [...document.querySelectorAll('[data-testid="entry-row"]')].slice(0, 5).map((r) => r.textContent?.trim() ?? ''),
  );
}

/** The summary the data dialog ends with (waits for the work to finish). */
async function summary(b) {
  const s = await $t(b, 'data-summary');
  await s.waitForDisplayed({ timeout: 60000 });
  return s.getText();
}

// The second journal, with the first one's entries imported, and its timeline's count.
const second = path.join(tmp, 'second');
let shown;

test('the demo journal exported as JSON comes back whole in an empty journal', async () => {
  let rows;
  await withApp(path.join(tmp, 'first'), async (b) => {
    const load = await $t(b, 'load-demo');
    await load.waitForDisplayed({ timeout: 10000 });
    await load.click();
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });
    shown = await countText(b);
    assert.match(shown, /^\d+ entries$/);
    rows = await firstRows(b);
    assert.equal(rows.length, 5);

    await paletteRun(b, 'export json', 'Export the journal as JSON');
    const text = await summary(b);
    assert.match(text, new RegExp(`Exported the journal to ${re(exported)}\\.`));
    await shot(b, 'data-export');
    const m = text.match(/(\d+) entries with (\d+) revisions, (\d+) people/);
    assert.ok(m, `counts in the summary: ${text}`);

    // The file is a whole export: what the summary counted, and the demo's people.
    assert.ok(existsSync(exported), 'the export was written where the dialog said');
    const doc = JSON.parse(readFileSync(exported, 'utf8'));
    assert.equal(typeof doc.exported_at, 'string');
    assert.equal(doc.entries.length, Number(m[1]));
    assert.equal(
      doc.entries.reduce((n, e) => n + e.revisions.length, 0),
      Number(m[2]),
    );
    assert.equal(doc.people.length, Number(m[3]));
    assert.ok(doc.entries.length >= Number(shown.split(' ')[0]), 'every entry shown is in the file');

    await (await $t(b, 'data-close')).click();
    await (await $t(b, 'data-panel')).waitForDisplayed({ reverse: true });
  });

  await withApp(second, async (b) => {
    await (await $t(b, 'load-demo')).waitForDisplayed({ timeout: 10000 });
    await (await $t(b, 'nav-data')).click();
    await (await $t(b, 'data-panel')).waitForDisplayed();
    await shot(b, 'data-menu');
    await (await $t(b, 'data-import-json')).click();
    const text = await summary(b);
    const doc = JSON.parse(readFileSync(exported, 'utf8'));
    assert.match(text, new RegExp(`Imported ${doc.entries.length} entries into the empty journal\\.`));
    assert.match(text, new RegExp(`Added ${doc.people.length} people`));
    await shot(b, 'data-import-summary');
    await (await $t(b, 'data-close')).click();
    await (await $t(b, 'data-panel')).waitForDisplayed({ reverse: true });

    // The views read the journal again: the timeline shows what the first one did.
    await b.waitUntil(async () => (await countText(b)) === shown, {
      timeout: 10000,
      timeoutMsg: `the timeline does not show ${shown} after the import`,
    });
    assert.equal(await (await $t(b, 'load-demo')).isExisting(), false, 'the demo is no longer offered');
    assert.deepEqual(await firstRows(b), rows, 'the newest entries, as the first journal showed them');

    // The same file again: a merge by entry id that finds every entry unchanged.
    await paletteRun(b, 'import json', 'Import a JSON export');
    const again = await summary(b);
    assert.match(again, new RegExp(`Merged: 0 entries added, 0 updated, ${doc.entries.length} unchanged\\.`));
    assert.equal(await (await $t(b, 'data-conflicts')).isExisting(), false, 'no conflicts');
  });
});

/** Whether something listens on `port` on this machine. */
function listening(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => {
      c.end();
      resolve(true);
    });
    c.on('error', () => resolve(false));
  });
}

/** Starts the driver again with the dialogs standing for `dialogPath`: the app reads
 *  the variable from its environment, which the driver passes on. */
async function restartDriverWith(dialogPath) {
  stopDriver();
  for (let i = 0; i < 100 && ((await listening(4444)) || (await listening(4445))); i++) await sleep(100);
  process.env.RUNGS_E2E_DATA_PATH = dialogPath;
  await startDriver();
}

test('a backup made from the app restores the journal after its entries are gone', async () => {
  const backup = path.join(tmp, 'backup.sqlite3');
  await restartDriverWith(backup);

  await withApp(second, async (b) => {
    await b.waitUntil(async () => (await countText(b)) === shown, { timeout: 10000, timeoutMsg: 'the imported journal' });
    await paletteRun(b, 'back up', 'Back up the journal');
    assert.match(await summary(b), new RegExp(`Backed up the journal to ${re(backup)}\\.`));
    assert.ok(existsSync(backup), 'the backup was written where the dialog said');
    await (await $t(b, 'data-close')).click();

    // The demo entries removed: the journal is empty.
    await (await $t(b, 'remove-demo')).click();
    await (await $t(b, 'empty-state')).waitForDisplayed({ timeout: 10000 });

    await paletteRun(b, 'restore', 'Restore the journal from a backup');
    const panel = await $t(b, 'data-panel');
    await panel.waitForDisplayed();
    assert.match(await panel.getText(), new RegExp(`kept aside in ${re(second)}/backups/`));
    await shot(b, 'data-restore-confirm');
    await (await $t(b, 'data-restore-confirm')).click();
    const text = await summary(b);
    assert.match(text, /Restored the journal from .*backup\.sqlite3\./);
    const aside = readdirSync(path.join(second, 'backups'));
    assert.equal(aside.length, 1, `one journal kept aside: ${aside}`);
    assert.ok(text.includes(aside[0]), `the summary names ${aside[0]}`);
    await (await $t(b, 'data-close')).click();

    // Every view reads the restored journal: the entries are back.
    await b.waitUntil(async () => (await countText(b)) === shown, {
      timeout: 15000,
      timeoutMsg: `the timeline does not show ${shown} after the restore`,
    });
    // And the search index was rebuilt from it: the restored entries are found again.
    await b.keys(['Control', 'f']);
    await (await $t(b, 'search-input')).waitForDisplayed();
    await b.keys('certificate'.split(''));
    await b.waitUntil(async () => (await b.$$('[data-testid="search-hit"]')).length > 0, {
      timeout: 15000,
      timeoutMsg: 'search finds nothing in the restored journal',
    });
  });
});

test('a Markdown vault exported into a folder of notes comes back whole in an empty journal', async () => {
  // A folder picker returns an existing folder: one that is not a vault gets the vault
  // in rungs-journal/ inside it, and its own files are left alone.
  const notes = path.join(tmp, 'notes');
  mkdirSync(notes);
  writeFileSync(path.join(notes, 'mine.md'), '# My own notes\n');
  await restartDriverWith(notes);
  const vault = path.join(notes, 'rungs-journal');

  await withApp(path.join(tmp, 'first'), async (b) => {
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });
    await paletteRun(b, 'export markdown', 'Export the journal as a Markdown vault');
    const text = await summary(b);
    assert.match(text, new RegExp(`as a Markdown vault in ${re(vault)}\\.`));
    assert.match(text, /(\d+) entries with \d+ revisions, \d+ people, (\d+) files\./);
  });
  assert.ok(existsSync(path.join(vault, '.rungs/journal.json')), 'the vault carries its journal.json');
  const md = readdirSync(vault, { recursive: true }).filter((f) => String(f).endsWith('.md'));
  assert.ok(md.length > 10, `one Markdown file per entry: ${md.length}`);
  assert.equal(readFileSync(path.join(notes, 'mine.md'), 'utf8'), '# My own notes\n', 'the folder\'s own file is untouched');

  await withApp(path.join(tmp, 'third'), async (b) => {
    await (await $t(b, 'load-demo')).waitForDisplayed({ timeout: 10000 });
    // The same folder chosen again: the vault inside it is imported.
    await paletteRun(b, 'import markdown', 'Import a Markdown vault');
    const doc = JSON.parse(readFileSync(path.join(vault, '.rungs/journal.json'), 'utf8'));
    assert.match(await summary(b), new RegExp(`Imported ${doc.entries.length} entries into the empty journal\\.`));
    await (await $t(b, 'data-close')).click();
    await b.waitUntil(async () => (await countText(b)) === shown, {
      timeout: 10000,
      timeoutMsg: `the timeline does not show ${shown} after the vault import`,
    });
  });
});
