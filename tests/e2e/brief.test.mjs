// The growth conversation brief in the built app (issue 8): from the demo journal, a
// newcomer sets their level, opens the brief, sees the coverage heatmap and saves the HTML
// brief; a conversation recorded with a goal shows in the next brief, where its status is
// changed in place. Native save dialogs cannot be driven over WebDriver:
// RUNGS_E2E_SAVE_PATH names the directory the app's save action writes to instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { $t, shot, startDriver, stopDriver, TODAY, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-brief-'));
const journal = path.join(tmp, 'journal');
const saves = path.join(tmp, 'saved');
mkdirSync(saves);
process.env.RUNGS_E2E_SAVE_PATH = saves;

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

async function until(b, what, fn, timeout = 15000) {
  await b.waitUntil(fn, { timeout, timeoutMsg: what });
}

/** Dismisses the toasts and waits until none shows, so they stay out of a screenshot. */
async function noToasts(b) {
  await until(b, 'the toasts did not go', async () =>
    b.execute(() => {
      document.querySelectorAll('[data-testid="toast"] .close').forEach((x) => x.click());
      return document.querySelectorAll('[data-testid="toast"]').length === 0;
    }),
  );
}

/** Every heatmap cell's label and count, in order. */
const cells = (b) =>
  b.execute(() =>
    [...document.querySelectorAll('[data-testid="heatmap"] rect[role="gridcell"]')].map((r) => ({
      label: r.getAttribute('aria-label'),
      count: Number(r.dataset.count),
    })),
  );

test('brief: from the demo journal to a saved, self-contained HTML brief with its heatmap', async () => {
  await withApp(journal, async (b) => {
    const started = Date.now();
    const load = await $t(b, 'load-demo');
    await load.waitForDisplayed({ timeout: 20000 });
    await load.click();
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });

    await (await $t(b, 'nav-brief')).click();
    // The demo journal has no level set: the brief asks for it in place.
    const pick = await $t(b, 'brief-level-select');
    await pick.waitForDisplayed({ timeout: 15000 });
    await pick.selectByIndex(1);
    await (await $t(b, 'brief-set-level')).click();
    await until(b, 'the brief did not open', async () => (await (await $t(b, 'brief-title')).getText()) === 'My brief');
    const meta = await (await $t(b, 'brief-meta')).getText();
    assert.match(meta, /^L1 .+ → L2 /, `the default level and target are shown: ${meta}`);
    assert.match(await (await $t(b, 'brief-period')).getText(), /2026.+the last 90 days/);

    // The heatmap: one labelled cell per behaviour and month, some with evidence.
    await (await $t(b, 'heatmap')).waitForDisplayed();
    const all = await cells(b);
    const months = await b.execute(() => document.querySelectorAll('[data-testid="heatmap"] text.month').length);
    const rows = await b.execute(() => document.querySelectorAll('[data-testid="heatmap"] g[role="row"]').length);
    assert.ok(months >= 3 && rows >= 20, `a heatmap of ${rows} rows × ${months} months`);
    assert.equal(all.length, rows * months);
    for (const c of all) assert.match(c.label, /^L[12]\.\d+\.\d+ .+, \d{4}-\d{2}: (\d+ entries|1 entry|no entries)$/);
    const busy = all.filter((c) => c.count > 0);
    assert.ok(busy.length > 3, 'some cells hold evidence');
    assert.ok(all.some((c) => c.count === 0), 'some cells are empty');

    await (await $t(b, 'talking-points')).waitForDisplayed();
    await noToasts(b);
    await shot(b, 'brief');

    // Save the HTML brief; the test-only variable stands in for the save dialog.
    await (await $t(b, 'save-brief-html')).click();
    const saved = await $t(b, 'brief-saved');
    await saved.waitForDisplayed({ timeout: 15000 });
    const seconds = (Date.now() - started) / 1000;
    const file = path.join(saves, `brief-${TODAY}.html`);
    assert.ok((await saved.getText()).includes(file), 'the view says where it saved the brief');
    assert.ok(existsSync(file), `${file} was written`);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    // Self-contained: no script, no stylesheet, image or font fetched from elsewhere.
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link[^>]+href=/i);
    assert.doesNotMatch(html, /\ssrc=["']?(https?:|\/\/|file:)/i);
    assert.match(html, /<style/i);
    // Every behaviour of the level and the target, with its text.
    for (const id of ['L1.1.1', 'L1.2.4', 'L2.3.3']) assert.ok(html.includes(id), `${id} in the HTML brief`);
    assert.ok(html.includes('I collaborate with teammates to learn and solve problems together'));
    console.log(`# demo journal to a saved HTML brief in ${seconds.toFixed(1)} s (by the test driver)`);

    // A longer period, chosen at the top: the brief and its heatmap follow.
    const from = await b.$('#b-since');
    await from.clearValue();
    await from.setValue('2026-06-01');
    await b.keys('Tab');
    await until(b, 'the period did not change', async () =>
      /1 Jun – 23 Nov 2026 · as chosen/.test(await (await $t(b, 'brief-period')).getText()),
    );
    await until(b, 'the heatmap did not grow to six months', async () =>
      (await b.execute(() => document.querySelectorAll('[data-testid="heatmap"] text.month').length)) === 6,
    );

    // The heatmap close up, with a month's entries listed on hover.
    await (await b.$('#h-heatmap')).scrollIntoView({ block: 'start' });
    await noToasts(b);
    // A cell with evidence in the top half of the window, so its list shows below it.
    const target = await b.$(
      await b.execute(() => {
        const all = [...document.querySelectorAll('[data-testid="heatmap"] rect[role="gridcell"]:not([data-count="0"])')];
        const cell = all.find((r) => r.getBoundingClientRect().top > 120 && r.getBoundingClientRect().top < 420) ?? all[0];
        return `[data-cell="${cell.dataset.cell}"]`;
      }),
    );
    await target.moveTo();
    await (await $t(b, 'heatmap-tip')).waitForDisplayed({ timeout: 5000 });
    await shot(b, 'heatmap');

    // A click opens the entry (or lists the month's entries to pick from).
    await target.click();
    const pinned = await b.$('[data-testid="heatmap-tip"] button.open');
    if (await pinned.isExisting()) await pinned.click();
    await (await $t(b, 'entry-title')).waitForDisplayed({ timeout: 10000 });
    await (await $t(b, 'back')).click();
    await (await $t(b, 'heatmap')).waitForDisplayed({ timeout: 10000 });

    // The ladder view shows the chosen level's heatmap over twelve months, on demand.
    await (await $t(b, 'nav-ladder')).click();
    const coverage = await $t(b, 'ladder-coverage');
    await coverage.waitForDisplayed({ timeout: 10000 });
    await (await coverage.$('summary')).click();
    await (await coverage.$('[data-testid="heatmap"]')).waitForDisplayed({ timeout: 10000 });
    const ladderCells = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="ladder-coverage"] rect[role="gridcell"]')].map((r) => r.getAttribute('aria-label')),
    );
    const ladderMonths = await b.execute(
      () => document.querySelectorAll('[data-testid="ladder-coverage"] text.month').length,
    );
    assert.equal(ladderMonths, 12);
    assert.ok(ladderCells.length >= 12 * 10, `${ladderCells.length} cells`);
    assert.ok(ladderCells.every((l) => l.startsWith('L1.')), 'only the chosen level L1');
    await coverage.scrollIntoView({ block: 'start' });
    await noToasts(b);
    await shot(b, 'ladder-heatmap');
  });
});

test('brief: a recorded conversation and its goal show in the next brief, status changed in place', async () => {
  await withApp(journal, async (b) => {
    await (await $t(b, 'new-entry')).waitForDisplayed({ timeout: 20000 });
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'kind-conversation')).click();
    // Two months ago, so the next brief runs from it and the goal has evidence since.
    const date = await b.$('#f-date');
    await date.clearValue();
    await date.setValue('2026-09-21');
    await (await b.$('#f-person')).setValue('Lena Fischer');
    const notes = await b.$('[data-testid="md-f-notes"] .cm-content');
    await notes.click();
    await notes.addValue('Went through the brief together.');
    await (await $t(b, 'add-goal')).click();
    await (await $t(b, 'goal-text')).setValue('Share what I learn through pairing and reviews');
    // The goal's behaviour, through its own ladder picker.
    const goalField = await b.$('[data-field="goals"]');
    await (await goalField.$('button*=Browse the ladder')).click();
    const search = await b.$('[data-field="goals"] input[aria-label="Search behaviours"]');
    await search.waitForDisplayed();
    await search.setValue('L2.5.4');
    const option = await b.$('[data-field="goals"] .picker .results label input');
    await option.waitForDisplayed();
    await option.click();
    await (await (await goalField.$('.picker')).$('button=Done')).click();
    await goalField.scrollIntoView({ block: 'center' });
    await shot(b, 'capture-conversation');
    await b.keys(['Control', 'Enter']);
    const stored = await $t(b, 'entry-goals');
    await stored.waitForDisplayed({ timeout: 15000 });
    assert.match(await stored.getText(), /L2\.5\.4/);
    assert.match(await (await $t(b, 'entry-title')).getText(), /Growth conversation with Lena Fischer/);

    await (await $t(b, 'nav-brief')).click();
    const goals = await $t(b, 'brief-goals');
    await goals.waitForDisplayed({ timeout: 15000 });
    assert.match(await goals.getText(), /Share what I learn through pairing and reviews/);
    assert.match(await (await $t(b, 'brief-period')).getText(), /21 Sep – 23 Nov 2026 · since the last growth conversation/);
    // The demo's evidence for L2.5.4 after the conversation is listed under the goal.
    const since = await b.execute(() => document.querySelectorAll('[data-testid="brief-goals"] li .entry-link').length);
    assert.ok(since > 0, 'evidence since the goal was agreed is listed');

    await (await goals.$('select')).selectByAttribute('value', 'achieved');
    await until(b, 'the goal was not marked achieved', async () =>
      b.execute(() => document.querySelector('[data-testid="brief-goals"] li')?.classList.contains('achieved')),
    );
    await (await b.$('#h-goals')).scrollIntoView({ block: 'start' });
    await noToasts(b);
    await shot(b, 'brief-goals');

    // The journal lists conversations under their own filter.
    await (await $t(b, 'nav-journal')).click();
    await (await $t(b, 'filter-conversation')).click();
    const rowLabels = () =>
      b.execute(() => [...document.querySelectorAll('[data-testid="entry-row"]')].map((r) => r.getAttribute('aria-label')));
    try {
      await until(b, 'no row', async () => (await rowLabels()).length > 0);
    } finally {
      await shot(b, 'journal-conversations');
    }
    const labels = await rowLabels();
    assert.equal(labels.length, 1, `one conversation in the journal: ${JSON.stringify(labels)}`);
    assert.match(labels[0], /^Growth conversation: Growth conversation with Lena Fischer, /);
  });
});
