// First run: an empty journal offers the demo in one click; while demo entries are there a
// banner offers to remove them in one click, and removing keeps the user's own entries.
// The offers follow the journal as it changes (not as it was when the window opened).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { $t, shot, startDriver, stopDriver, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-firstrun-'));

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

/** The timeline's entry count as shown ("64 entries"), or '' when none is shown. */
async function countText(b) {
  return b.execute(() => document.querySelector('[data-testid="entry-count"]')?.textContent ?? '');
}

async function loadDemo(b) {
  const load = await $t(b, 'load-demo');
  await load.waitForDisplayed({ timeout: 10000 });
  await load.click();
  await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });
  await (await $t(b, 'demo-banner')).waitForDisplayed({ timeout: 10000 });
}

async function removeDemo(b) {
  await (await $t(b, 'remove-demo')).click();
  await (await $t(b, 'demo-banner')).waitForDisplayed({ reverse: true, timeout: 10000 });
}

test('the demo is offered, loaded and removed, and the journal is empty again', async () => {
  await withApp(path.join(tmp, 'alone'), async (b) => {
    assert.equal(await (await $t(b, 'demo-banner')).isExisting(), false, 'no banner before the demo');
    await loadDemo(b);
    assert.match(await countText(b), /^\d+ entries$/);
    assert.match(await (await $t(b, 'demo-banner')).getText(), /demo journal/);
    await shot(b, 'journal-demo-banner');
    await removeDemo(b);
    const empty = await $t(b, 'empty-state');
    await empty.waitForDisplayed({ timeout: 10000 });
    assert.match(await empty.getText(), /Your journal is empty/);
    // Empty again: the demo is offered again, without reopening the window.
    await (await $t(b, 'load-demo')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await $t(b, 'entry-row').then((r) => r.isExisting()), false);

    // The same from the command palette: it offers what fits the journal right now.
    await paletteRun(b, 'demo', 'Load the demo journal');
    await (await $t(b, 'demo-banner')).waitForDisplayed({ timeout: 20000 });
    await paletteRun(b, 'demo', 'Remove the demo journal');
    await (await $t(b, 'empty-state')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await (await $t(b, 'demo-banner')).isExisting(), false);
  });
});

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

test('removing the demo keeps the entries the user wrote beside it', async () => {
  await withApp(path.join(tmp, 'beside'), async (b) => {
    await loadDemo(b);
    const demoCount = Number((await countText(b)).split(' ')[0]);
    // The user's own entry, written while the demo is there.
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'kind-learning')).click();
    await (await b.$('#f-title')).setValue('My own entry beside the demo');
    const editor = await b.$('[data-testid="md-f-body"] .cm-content');
    await editor.click();
    await editor.addValue('Kept when the demo goes.');
    await b.keys(['Control', 'Enter']);
    await (await $t(b, 'entry-title')).waitForDisplayed({ timeout: 10000 });
    await (await $t(b, 'nav-journal')).click();
    await b.waitUntil(async () => (await countText(b)) === `${demoCount + 1} entries`, {
      timeout: 10000,
      timeoutMsg: `the count never became ${demoCount + 1} entries`,
    });
    await removeDemo(b);
    await b.waitUntil(async () => (await countText(b)) === '1 entry', {
      timeout: 10000,
      timeoutMsg: 'the user entry is not the only one left',
    });
    const row = await $t(b, 'entry-row');
    assert.match(await row.getAttribute('aria-label'), /^Learning: My own entry beside the demo/);
    // The journal is not empty, so the demo is not offered.
    assert.equal(await (await $t(b, 'load-demo')).isExisting(), false);

    // Deleting the last entry shows the empty journal at once; the entry in the trash
    // still counts, so the demo (which needs an empty journal) is not offered.
    await row.click();
    await (await $t(b, 'delete')).click();
    const empty = await $t(b, 'empty-state');
    await empty.waitForDisplayed({ timeout: 10000 });
    assert.match(await empty.getText(), /Your journal is empty/);
    assert.equal(await (await $t(b, 'load-demo')).isExisting(), false);
  });
});
