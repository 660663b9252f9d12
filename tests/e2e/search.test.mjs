// Search, saved searches and the command palette in the real window: the demo journal is
// loaded from the palette (Ctrl+K), a typo'd word finds entries with the match
// highlighted, a facet narrows them, the search is saved and rerun from the sidebar, the
// keyboard opens a result and Esc clears then leaves. Screenshots: palette, search,
// search-facets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { $t, shot, startDriver, stopDriver, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-search-'));

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

/** The hits on screen, read in one step: [{title, kind, marks}]. */
const hits = (b) =>
  b.execute(() =>
    [...document.querySelectorAll('[data-testid="search-hit"]')].map((h) => ({
      title: h.querySelector('[data-testid="hit-title"]').textContent,
      kind: h.dataset.kind,
      marks: [...h.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );

/** Waits until the results on screen answer `query`. */
async function resultsFor(b, query) {
  await b.waitUntil(
    async () =>
      (await b.execute(() => document.querySelector('#search-results, [data-testid="search-none"]')?.dataset.query)) ===
      query,
    { timeout: 15000, timeoutMsg: `no results shown for "${query}"` },
  );
}

const activeId = (b) => b.execute(() => document.activeElement?.id);

test('palette, typo-tolerant search with highlights, a facet, a saved search rerun, keyboard', async () => {
  await withApp(path.join(tmp, 'journal'), async (b) => {
    // The palette runs an action: load the demo journal into the empty journal.
    await b.keys(['Control', 'k']);
    const palette = await $t(b, 'palette');
    await palette.waitForDisplayed();
    assert.equal(await palette.getAttribute('role'), 'dialog');
    const pin = await $t(b, 'palette-input');
    assert.equal(await activeId(b), await pin.getAttribute('id'));
    await pin.addValue('dmo');
    await b.waitUntil(async () => (await (await $t(b, 'palette-option')).getText()).startsWith('Load the demo journal'));
    // The active option is announced through aria-activedescendant.
    const activeOption = await pin.getAttribute('aria-activedescendant');
    assert.match(await (await b.$(`#${activeOption}`)).getText(), /^Load the demo journal/);
    await b.keys('Enter');
    await palette.waitForDisplayed({ reverse: true });
    const count = await $t(b, 'entry-count');
    await count.waitForDisplayed({ timeout: 20000 });
    assert.match(await count.getText(), /^\d+ entries$/);

    // Ctrl+F goes to search with the field focused; a typo still finds "certificate".
    await b.keys(['Control', 'f']);
    const input = await $t(b, 'search-input');
    await input.waitForDisplayed();
    await b.waitUntil(async () => (await activeId(b)) === 'search-input', { timeoutMsg: 'search field not focused' });
    await b.keys('certifcate'.split(''));
    await resultsFor(b, 'certifcate');
    const found = await hits(b);
    assert.ok(found.length >= 3, `only ${found.length} hits`);
    assert.ok(found.some((h) => /certificate/i.test(h.title)));
    for (const h of found) {
      assert.ok(h.marks.length > 0, `"${h.title}" has no highlighted match`);
      assert.ok(h.marks.some((m) => /^certificat/i.test(m)), `"${h.title}" marks ${h.marks.join(', ')}`);
    }
    const total = Number((await (await $t(b, 'search-count')).getText()).match(/^[\d,]+/)[0].replace(',', ''));
    await shot(b, 'search');

    // The kind facet: its count is the number of results that remain.
    const learning = await b.$('[data-testid="facet-kind"][data-value="learning"]');
    const facetCount = Number((await learning.$('.n').getText()).replace(',', ''));
    assert.ok(facetCount > 0 && facetCount < total, `learning ${facetCount} of ${total}`);
    await learning.click();
    await b.waitUntil(async () => {
      const h = await hits(b);
      return h.length === facetCount && h.every((x) => x.kind === 'learning');
    }, { timeout: 10000, timeoutMsg: 'the kind facet did not narrow the results to learnings' });
    assert.equal(await learning.getAttribute('aria-pressed'), 'true');
    const narrowed = (await hits(b)).map((h) => h.title);
    await shot(b, 'search-facets');

    // Save it, leave, and rerun it from the sidebar in one click.
    await (await $t(b, 'save-search')).click();
    const name = await $t(b, 'save-name');
    await name.waitForDisplayed();
    await name.setValue('Cert learnings');
    await b.keys('Enter');
    const savedItem = await b.$('[data-testid="saved-search"]*=Cert learnings');
    await savedItem.waitForDisplayed();
    // The same name again (in another case) asks before replacing; choosing another
    // name goes back to the name field and changes nothing.
    await (await $t(b, 'save-search')).click();
    await (await $t(b, 'save-name')).waitForDisplayed();
    await (await $t(b, 'save-name')).setValue('cert LEARNINGS');
    await b.keys('Enter');
    const replaceDialog = await $t(b, 'save-replace-dialog');
    await replaceDialog.waitForDisplayed();
    assert.match(await replaceDialog.getText(), /Replace saved search “Cert learnings”\?/);
    await shot(b, 'search-save-replace');
    await (await $t(b, 'save-rename')).click();
    await (await $t(b, 'save-name')).waitForDisplayed();
    await b.keys('Escape');
    await (await $t(b, 'nav-journal')).click();
    await (await $t(b, 'entry-count')).waitForDisplayed();
    await savedItem.click();
    await resultsFor(b, 'certifcate');
    await b.waitUntil(async () => (await hits(b)).map((h) => h.title).join('|') === narrowed.join('|'), {
      timeout: 10000,
      timeoutMsg: 'the saved search did not rerun with its filter',
    });
    assert.equal(await input.getValue(), 'certifcate');
    assert.equal(await savedItem.getAttribute('aria-current'), 'true');

    // Keyboard: Down then Enter opens the second result; Esc comes back to the same search.
    await input.click();
    await b.keys(['ArrowDown']);
    await b.waitUntil(async () => (await input.getAttribute('aria-activedescendant')) === 'hit-1');
    await b.keys('Enter');
    const title = await $t(b, 'entry-title');
    await title.waitForDisplayed();
    assert.equal(await title.getText(), narrowed[1]);
    await b.keys('Escape');
    await input.waitForDisplayed();
    await resultsFor(b, 'certifcate');
    assert.equal(await input.getValue(), 'certifcate');

    // Esc clears the query (the filter stays); a second Esc leaves the search view.
    await input.click();
    await b.keys('Escape');
    await b.waitUntil(async () => (await input.getValue()) === '');
    await b.keys('Escape');
    await input.waitForDisplayed({ reverse: true, timeout: 5000 });

    // The palette lists the saved search and every view; it runs "New learning" here.
    await b.keys(['Control', 'k']);
    await palette.waitForDisplayed();
    const titles = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="palette-option"] .title')].map((o) => o.textContent),
    );
    for (const t of ['Journal', 'Search', 'Trash', 'New learning', 'Cert learnings']) assert.ok(titles.includes(t), `palette lacks ${t}`);
    await pin.addValue('new lea');
    await b.waitUntil(async () => (await (await $t(b, 'palette-option')).getText()).startsWith('New learning'));
    await shot(b, 'palette');
    await b.keys('Enter');
    await (await b.$('#f-title')).waitForDisplayed();
    assert.equal(await (await $t(b, 'kind-learning')).getAttribute('aria-checked'), 'true');

    // The saved search is deleted from the sidebar.
    await savedItem.moveTo();
    await (await $t(b, 'delete-saved-search')).click();
    await savedItem.waitForDisplayed({ reverse: true });
  });
});

test('a query with no match says so and offers to drop the filters', async () => {
  await withApp(path.join(tmp, 'journal'), async (b) => {
    await b.keys('/');
    const input = await $t(b, 'search-input');
    await input.waitForDisplayed();
    await (await $t(b, 'search-idle')).waitForDisplayed();
    await input.addValue('kubernetes');
    await resultsFor(b, 'kubernetes');
    await (await b.$('[data-testid="facet-kind"][data-value="feedback"]')).click();
    await input.setValue('zzqxv');
    await resultsFor(b, 'zzqxv');
    const none = await $t(b, 'search-none');
    assert.match(await none.getText(), /No entries match “zzqxv”/);
    await (await $t(b, 'clear-filters')).click();
    await b.waitUntil(async () => (await b.$$('[data-testid="chosen-filter"]')).length === 0);
  });
});
