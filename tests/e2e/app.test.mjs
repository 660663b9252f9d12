// The built app in a real window: capture each kind, link a suggestion, edit and
// revert, delete and undo, trash and restore, a draft that survives closing the
// window, Markdown that cannot run script, Ctrl+N, the ladder picker, the Markdown
// preview, linking from the entry view and a filter that matches nothing. Screenshots go
// to target/screenshots (docs/screenshots with `make screenshots`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { $t, shot, startDriver, stopDriver, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-'));
const journal = path.join(tmp, 'journal');
const demo = path.join(tmp, 'demo');
// The app opens outside links with RUNGS_BROWSER instead of the desktop's browser:
// a script that records the address, so a test can see what was sent out.
const opened = path.join(tmp, 'opened-links');
const browserStub = path.join(tmp, 'browser');
writeFileSync(browserStub, `#!/bin/sh\necho "$1" >> '${opened}'\n`);
chmodSync(browserStub, 0o755);
process.env.RUNGS_BROWSER = browserStub;

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

async function openCapture(b, kind) {
  await (await $t(b, 'new-entry')).click();
  const k = await $t(b, `kind-${kind}`);
  await k.waitForDisplayed();
  await k.click();
}

async function typeMarkdown(b, id, text) {
  const editor = await b.$(`[data-testid="md-${id}"] .cm-content`);
  await editor.click();
  // WebDriver's Enter key is U+E007; a plain "\n" is dropped by WebKitWebDriver.
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await b.keys('\uE007');
    if (line) await editor.addValue(line);
  }
}

async function typeChip(b, id, value) {
  const input = await b.$(`#${id}`);
  // The form scrolls inside its own pane (the footer stays put): bring the field into view.
  await input.scrollIntoView({ block: 'center' });
  await input.click();
  await input.addValue(value);
  await b.keys('Enter');
}

async function titleIs(b, want) {
  const t = await $t(b, 'entry-title');
  await t.waitForDisplayed({ timeout: 10000 });
  await b.waitUntil(async () => (await t.getText()) === want, {
    timeout: 10000,
    timeoutMsg: `entry title never became "${want}" (is "${await t.getText()}")`,
  });
}

async function saveWithKeys(b) {
  await b.keys(['Control', 'Enter']);
}

test('an empty journal offers the demo in one click; the timeline shows it by week', async () => {
  await withApp(demo, async (b) => {
    const load = await $t(b, 'load-demo');
    await load.waitForDisplayed();
    await shot(b, 'journal-empty');
    await load.click();
    const rows = await $t(b, 'entry-row');
    await rows.waitForDisplayed({ timeout: 20000 });
    const count = await $t(b, 'entry-count');
    assert.match(await count.getText(), /^\d+ entries$/);
    await shot(b, 'journal');
    await (await $t(b, 'filter-feedback')).click();
    await b.waitUntil(async () => {
      // Read in one step: rows are re-rendered as the filtered pages arrive.
      const labels = await b.execute(() =>
        [...document.querySelectorAll('[data-testid="entry-row"]')].map((r) => r.getAttribute('aria-label')),
      );
      return labels.length > 0 && labels.every((l) => l.startsWith('Feedback:'));
    });
    await shot(b, 'journal-filtered');
    // Returning from an entry keeps the filter, the scroll position and the focused row.
    const scroller = await $t(b, 'timeline');
    await b.execute((el) => el.scrollTo({ top: 400 }), scroller);
    await b.pause(300);
    const row = await b.$('[data-testid="entry-row"][data-index="6"]');
    const rowTitle = await row.getAttribute('aria-label');
    await row.click();
    await (await $t(b, 'entry-title')).waitForDisplayed();
    await (await $t(b, 'back')).click();
    await (await $t(b, 'timeline')).waitForDisplayed();
    await b.waitUntil(async () => (await b.execute(() => document.activeElement?.getAttribute('aria-label'))) === rowTitle, {
      timeout: 5000,
      timeoutMsg: 'the row that was opened does not have focus after coming back',
    });
    assert.equal(await (await $t(b, 'filter-feedback')).getAttribute('aria-pressed'), 'true');
    assert.equal(await b.execute(() => document.querySelector('[data-testid="timeline"]').scrollTop), 400);

    await (await $t(b, 'filter-all')).click();
    await (await b.$$('[data-testid="entry-row"]')[0]).click();
    await (await $t(b, 'entry-title')).waitForDisplayed();
    await shot(b, 'entry');
  });
});

test('capture each kind, link a suggested behaviour, edit, revert, delete, undo, trash, restore', async () => {
  await withApp(journal, async (b) => {
    // Pairing, saved with Ctrl+Enter, with a suggested behaviour linked in one click.
    await openCapture(b, 'pairing');
    await (await b.$('#f-title')).setValue('Rollback of a failing deployment');
    await typeChip(b, 'f-partners', 'Tom Becker');
    await (await b.$('#f-minutes')).setValue('90');
    await typeMarkdown(b, 'f-notes', 'Debugged the failing Kubernetes deployment with the customer on a call, read the pod logs and rolled back the release.');
    await typeChip(b, 'f-followups', 'Write a KB article');
    await typeChip(b, 'f-tags', 'k8s');
    const suggestion = await $t(b, 'suggestion');
    await suggestion.waitForDisplayed({ timeout: 15000 });
    const linkedId = await suggestion.getAttribute('data-id');
    await suggestion.click();
    await (await b.$('#f-title')).scrollIntoView({ block: 'end' });
    await shot(b, 'capture-pairing');
    await saveWithKeys(b);
    await titleIs(b, 'Rollback of a failing deployment');
    const linked = await $t(b, 'linked-behaviours');
    assert.match(await linked.getText(), new RegExp(linkedId.replace('.', '\\.')));
    // The follow-up is ticked off in place.
    const fu = await $t(b, 'followup');
    await fu.click();
    await b.waitUntil(async () => (await (await $t(b, 'followup')).isSelected()) === true);

    // Edit, then revert to the first revision from the history.
    await (await $t(b, 'edit')).click();
    const title = await b.$('#f-title');
    await title.waitForDisplayed();
    await title.setValue('Rollback of a failing deployment (edited)');
    await saveWithKeys(b);
    await titleIs(b, 'Rollback of a failing deployment (edited)');
    await (await $t(b, 'history')).click();
    const revert = await $t(b, 'revert-1');
    await revert.waitForDisplayed();
    assert.equal(await (await $t(b, 'revision-change-1')).getText(), 'Created');
    // Revision 2 is the follow-up ticked off (the core stored it: this also proves the
    // tick was saved, not just the checkbox's own state); 3 is the title edit.
    assert.equal(await (await $t(b, 'revision-change-2')).getText(), 'Changed: Follow-ups');
    assert.equal(await (await $t(b, 'revision-change-3')).getText(), 'Changed: Title');
    await shot(b, 'entry-history');
    await revert.click();
    await titleIs(b, 'Rollback of a failing deployment');

    // Delete, then Undo from the toast.
    await (await $t(b, 'delete')).click();
    const undo = await $t(b, 'toast-action');
    await undo.waitForDisplayed();
    await undo.click();
    await titleIs(b, 'Rollback of a failing deployment');

    // Delete again, restore from the trash.
    await (await $t(b, 'delete')).click();
    await (await $t(b, 'nav-trash')).click();
    const restore = await $t(b, 'restore');
    await restore.waitForDisplayed();
    assert.match(await (await $t(b, 'deleted-at')).getText(), /^Deleted \w{3} \d{1,2} \w{3}( \d{4})?, \d\d:\d\d$/);
    await shot(b, 'trash');
    await restore.click();
    await (await $t(b, 'trash-empty')).waitForDisplayed();
    await shot(b, 'trash-empty');

    // Feedback with SBI fields, saved with the button; the title is derived.
    await openCapture(b, 'feedback');
    await (await b.$('#f-person')).setValue('Lena Fischer');
    await typeMarkdown(b, 'f-situation', "Tuesday's escalation call");
    await typeMarkdown(b, 'f-observed', 'You summarised the timeline before proposing a fix');
    await (await $t(b, 'save')).click();
    // Impact is missing: the core's error lands under the field, nothing is saved.
    const err = await b.$('#e-impact');
    await err.waitForDisplayed();
    assert.match(await err.getText(), /required/);
    await shot(b, 'capture-feedback-error');
    await typeMarkdown(b, 'f-impact', 'The customer calmed down and agreed to the plan');
    await (await $t(b, 'save')).click();
    await titleIs(b, 'Feedback from Lena Fischer');

    // Learning.
    await openCapture(b, 'learning');
    await (await b.$('#f-title')).setValue('cert-manager renews at 2/3 of lifetime');
    await typeMarkdown(b, 'f-body', 'With `cert-manager`, certificates for SUP-1234 renew when two thirds of their lifetime has passed.');
    // No keyboard trap: Esc inside the editor keeps the form, Tab moves focus out.
    await b.keys('Escape');
    assert.ok(await (await b.$('#f-title')).isDisplayed(), 'Esc in the editor left the form');
    await b.keys('Tab');
    const focused = await b.execute(() => ({
      inEditor: !!document.activeElement?.closest('.cm-editor'),
      id: document.activeElement?.id ?? '',
    }));
    assert.equal(focused.inEditor, false, 'Tab stayed inside the Markdown editor');
    assert.match(await (await b.$('[data-testid="md-f-body"] .cm-content')).getText(), /two thirds of their lifetime has passed\.$/);
    await saveWithKeys(b);
    await titleIs(b, 'cert-manager renews at 2/3 of lifetime');

    await (await $t(b, 'nav-journal')).click();
    await b.waitUntil(async () => (await b.$$('[data-testid="entry-row"]').length) === 3, {
      timeoutMsg: 'the journal does not list the three entries',
    });
    // The row's excerpt is the core's plain text: hyphens and code words intact.
    const excerpts = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="excerpt"]')].map((x) => x.textContent),
    );
    assert.ok(
      excerpts.includes('With cert-manager, certificates for SUP-1234 renew when two thirds of their lifetime has passed.'),
      JSON.stringify(excerpts),
    );
  });
});

test('Markdown with script, an onerror handler and a javascript: link renders inert', async () => {
  await withApp(journal, async (b) => {
    await openCapture(b, 'learning');
    await (await b.$('#f-title')).setValue('XSS probe');
    await typeMarkdown(
      b,
      'f-body',
      'Before\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned = 2">\n\n[click me](javascript:window.__pwned=3)\n\n[outside docs](https://example.org/rungs-e2e)\n\n![build graph](https://example.org/graph.png)\n\nAfter',
    );
    await saveWithKeys(b);
    await titleIs(b, 'XSS probe');
    const body = await $t(b, 'rendered-body');
    const html = await b.execute((el) => el.innerHTML, body);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /onerror/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.match(html, /<p>Before<\/p>/);
    assert.match(html, /<p>After<\/p>/);
    // Images are never loaded (no remote sources): the entry says one was there.
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /<span class="image-not-loaded">Image \(not loaded\)<\/span>/);
    assert.match(
      html,
      /<a href="https:\/\/example.org\/graph.png" rel="noopener noreferrer" class="image-not-loaded">Image: build graph \(remote, not loaded\)<\/a>/,
    );
    assert.match(html, /<a rel="noopener noreferrer">click me<\/a>/);
    // These exact-HTML assertions are what prove the sanitizer (src/render): the check of
    // window.__pwned below could not fail on the inline script and handler alone, because
    // the app's CSP (no 'unsafe-inline') blocks inline scripts by itself; it is a second
    // line, and it does exercise the stripped javascript: link.
    const link = await body.$('a=click me');
    if (await link.isExisting()) await link.click();
    await b.pause(500);
    const pwned = await b.execute(() => window.__pwned ?? null);
    assert.equal(pwned, null, 'a script from the entry ran');
    await shot(b, 'entry-sanitized');

    // An outside link goes to the browser; the window keeps showing the app.
    await (await body.$('a=outside docs')).click();
    await b.waitUntil(async () => existsSync(opened), {
      timeout: 10000,
      timeoutMsg: 'the link was not handed to the browser',
    });
    assert.equal(readFileSync(opened, 'utf8').trim(), 'https://example.org/rungs-e2e');
    assert.match(await b.getUrl(), /^tauri:\/\/localhost/);
    await titleIs(b, 'XSS probe');
  });
});

test('a half-written entry survives closing the window at once', async () => {
  await withApp(journal, async (b) => {
    await openCapture(b, 'pairing');
    await (await b.$('#f-title')).setValue('Half-written thought about DNS');
    await typeMarkdown(b, 'f-notes', 'TTLs lie when resolvers cache negative answers');
    // Typed but not yet added: part of the draft too.
    await (await b.$('#f-followups')).addValue('Ask about negative caching');
    // Close the window the way its close button does, without waiting for the
    // half-second autosave: the close request saves the draft first.
    await b.execute(() => {
      window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' });
    });
    await b.pause(1500);
  });
  await withApp(journal, async (b) => {
    await (await $t(b, 'new-entry')).click();
    const banner = await $t(b, 'draft-restored');
    await banner.waitForDisplayed({ timeout: 10000 });
    assert.equal(await (await b.$('#f-title')).getValue(), 'Half-written thought about DNS');
    const notes = await b.$('[data-testid="md-f-notes"] .cm-content');
    assert.match(await notes.getText(), /TTLs lie when resolvers cache negative answers/);
    assert.equal(await (await b.$('#f-followups')).getValue(), 'Ask about negative caching');
    await (await b.$('#f-title')).scrollIntoView({ block: 'start' });
    await shot(b, 'capture-draft-restored');
  });
});

test('leaving the form with Esc right after typing keeps the text as a draft', async () => {
  await withApp(journal, async (b) => {
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'draft-restored')).waitForDisplayed({ timeout: 10000 });
    const title = await b.$('#f-title');
    await title.setValue('Edited just before leaving');
    await b.keys('Escape');
    await (await b.$('#f-title')).waitForDisplayed({ reverse: true });
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'draft-restored')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await (await b.$('#f-title')).getValue(), 'Edited just before leaving');
  });
});

/** Sets a date filter as picking a day in the native date field does (WebKitWebDriver cannot
 *  type into its segmented fields reliably): the value, then the input event. */
async function setDate(b, testid, value) {
  await b.execute(
    (id, v) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    testid,
    value,
  );
}

test('Ctrl+N, the ladder picker, the Markdown preview, linking from the entry view, a filter that matches nothing', async () => {
  await withApp(demo, async (b) => {
    // The demo journal (loaded by the first test, or here when this test runs alone).
    await b.waitUntil(async () => (await $t(b, 'entry-row').isExisting()) || (await $t(b, 'load-demo').isExisting()), {
      timeout: 20000,
    });
    if (await $t(b, 'load-demo').isExisting()) await (await $t(b, 'load-demo')).click();
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });

    // A date range after every entry: the filtered empty state, not the welcome.
    await setDate(b, 'f-since', '2099-01-01');
    const empty = await $t(b, 'empty-state');
    await empty.waitForDisplayed({ timeout: 10000 });
    assert.match(await empty.getText(), /No entries match these filters/);
    assert.match(await b.execute(() => document.querySelector('.filters').textContent), /From Thu 1 Jan 2099/);
    await shot(b, 'journal-filtered-empty');
    await (await empty.$('button=Clear filters')).click();
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 10000 });
    assert.match(await b.execute(() => document.querySelector('.filters').textContent), /From any date/);

    // Linking a behaviour the entry view suggests.
    await (await b.$$('[data-testid="entry-row"]')[0]).click();
    await (await $t(b, 'entry-title')).waitForDisplayed();
    const offer = await $t(b, 'entry-suggestion');
    await offer.waitForDisplayed({ timeout: 15000 });
    const offered = await (await offer.$('.id')).getText();
    assert.doesNotMatch(await (await $t(b, 'linked-behaviours')).getText(), new RegExp(`^${offered}\\b`, 'm'));
    await offer.click();
    await b.waitUntil(async () => (await (await $t(b, 'linked-behaviours')).getText()).includes(offered), {
      timeout: 10000,
      timeoutMsg: `${offered} was not linked from the entry view`,
    });
    assert.equal(await (await $t(b, 'nav-journal')).getAttribute('aria-current'), 'page');

    // Ctrl+N opens a new entry from anywhere.
    await b.keys(['Control', 'n']);
    await (await b.$('#f-title')).waitForDisplayed();
    assert.equal(await (await $t(b, 'new-entry')).getAttribute('aria-current'), 'page');
    await (await b.$('#f-title')).setValue('Preview and picker');

    // The Markdown preview is the core's rendering of what was typed.
    await typeMarkdown(b, 'f-notes', 'Read the **pod logs** first, then `kubectl describe`.');
    await (await (await b.$('[data-field="notes"]')).$('button=Preview')).click();
    const strong = await b.$('[data-field="notes"] .preview strong');
    await strong.waitForDisplayed({ timeout: 10000 });
    assert.equal(await strong.getText(), 'pod logs');
    assert.equal(await (await b.$('[data-field="notes"] .preview code')).getText(), 'kubectl describe');
    await shot(b, 'capture-preview');

    // The ladder picker narrows the behaviours by a search and links the one ticked.
    await (await b.$('button*=Browse the ladder')).click();
    const search = await b.$('input[aria-label="Search behaviours"]');
    await search.waitForDisplayed();
    const all = await b.$$('.picker .results input[type="checkbox"]').length;
    await search.setValue('troubleshoot');
    await b.waitUntil(async () => {
      const n = await b.$$('.picker .results input[type="checkbox"]').length;
      return n > 0 && n < all;
    }, { timeout: 5000, timeoutMsg: `searching did not narrow the ${all} behaviours` });
    const texts = await b.execute(() => [...document.querySelectorAll('.picker .results label')].map((l) => l.textContent));
    assert.ok(texts.every((t) => /troubleshoot/i.test(t)), JSON.stringify(texts));
    const first = await b.$('.picker .results label');
    const pickedId = await (await first.$('.id')).getText();
    await (await first.$('input')).click();
    await (await b.$('.picker')).scrollIntoView({ block: 'end' });
    await shot(b, 'capture-picker');
    await (await (await b.$('.picker')).$('button=Done')).click();
    assert.match(await (await b.$('.linked')).getText(), new RegExp(pickedId.replace(/\./g, '\\.')));
  });
});
