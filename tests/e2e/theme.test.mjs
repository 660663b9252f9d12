// The dark theme: the app follows the desktop's (prefers-color-scheme). GTK_THEME makes
// WebKitGTK report a dark desktop for every app this file's driver starts. Screenshots of
// the journal, an entry and the capture form, to look at for contrast.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.GTK_THEME = 'Adwaita:dark';
const { $t, shot, startDriver, stopDriver, withApp } = await import('./harness.mjs');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-theme-'));

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

test('a dark desktop gets the dark theme: journal, entry and capture', async () => {
  await withApp(path.join(tmp, 'journal'), async (b) => {
    assert.equal(await b.execute(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
    const load = await $t(b, 'load-demo');
    await load.waitForDisplayed({ timeout: 10000 });
    await shot(b, 'dark-journal-empty');
    await load.click();
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });
    await shot(b, 'dark-journal');
    // A pairing session shows the most: partners, follow-ups, behaviours.
    await (await $t(b, 'filter-pairing')).click();
    await b.waitUntil(async () =>
      b.execute(() =>
        [...document.querySelectorAll('[data-testid="entry-row"]')].every((r) => r.getAttribute('aria-label')?.startsWith('Pairing')),
      ),
    );
    await (await $t(b, 'entry-row')).click();
    await (await $t(b, 'entry-title')).waitForDisplayed({ timeout: 10000 });
    await shot(b, 'dark-entry');
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'kind-feedback')).click();
    await (await $t(b, 'save')).click();
    await (await b.$('.field .error')).waitForDisplayed({ timeout: 10000 });
    await shot(b, 'dark-capture-feedback');
  });
});
