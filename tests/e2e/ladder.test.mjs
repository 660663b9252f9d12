// The ladder, people and follow-ups views in the built app: a new entry's evidence count
// on the ladder, setting the current level, importing a ladder file (the dry-run tree,
// then the summary; a re-import that rewords and retires; a file that is not a ladder),
// a person's timeline and a rename, and a follow-up ticked off in place; the views'
// shortcuts (Ctrl+2..4) and an action of theirs run from the palette. Native file
// dialogs cannot be driven over WebDriver: RUNGS_E2E_LADDER_FILE names the file the
// app's "Import a ladder…" picks instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { $t, ROOT, shot, startDriver, stopDriver, withApp } from './harness.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rungs-e2e-ladder-'));
const journal = path.join(tmp, 'journal');
const ladderFile = path.join(tmp, 'senior-i-engineer.md');
const fixture = path.join(ROOT, 'tests/fixtures/ladders/public/indriver-handbook-senior-i-engineer.md');
copyFileSync(fixture, ladderFile);
process.env.RUNGS_E2E_LADDER_FILE = ladderFile;

before(startDriver);
after(() => {
  stopDriver();
  rmSync(tmp, { recursive: true, force: true });
});

const text = async (b, id) => (await $t(b, id)).getText();

async function until(b, what, fn, timeout = 10000) {
  await b.waitUntil(fn, { timeout, timeoutMsg: what });
}

async function loadDemo(b) {
  const load = await $t(b, 'load-demo');
  await load.waitForDisplayed({ timeout: 20000 });
  await load.click();
  await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });
}

/** The evidence count shown beside a behaviour on the ladder (0 when it has none). */
async function evidenceCount(b, id) {
  const el = await b.$(`[data-testid="evidence-${id}"] .count`);
  await el.waitForDisplayed({ timeout: 10000 });
  return Number(await el.getText());
}

async function openLadderLevel(b, code) {
  await (await $t(b, 'nav-ladder')).click();
  const level = await $t(b, `level-${code}`);
  await level.waitForDisplayed({ timeout: 10000 });
  await level.click();
  await until(b, `level ${code} did not open`, async () => (await text(b, 'level-title')).startsWith(code));
}

test('ladder: a new entry counts as evidence, the current level is set, a ladder file is imported', async () => {
  await withApp(journal, async (b) => {
    await loadDemo(b);
    const behaviour = 'L1.1.2';
    await openLadderLevel(b, 'L1');
    const before = await evidenceCount(b, behaviour);

    // A new learning linked to the behaviour through the capture form's ladder picker.
    await (await $t(b, 'new-entry')).click();
    await (await $t(b, 'kind-learning')).click();
    await (await b.$('#f-title')).setValue('Paired with the platform team on a flaky DNS check');
    const body = await b.$('[data-testid="md-f-body"] .cm-content');
    await body.click();
    await body.addValue('We split the check in two and found the resolver timing out.');
    await (await b.$('button*=Browse the ladder')).click();
    const search = await b.$('input[aria-label="Search behaviours"]');
    await search.waitForDisplayed();
    await search.setValue(behaviour);
    await until(b, `the picker does not offer ${behaviour}`, async () =>
      b.execute((id) => [...document.querySelectorAll('.picker .results label .id')].some((e) => e.textContent === id), behaviour),
    );
    const ids = await b.execute(() => [...document.querySelectorAll('.picker .results label .id')].map((e) => e.textContent));
    await (await b.$$('.picker .results label input')[ids.indexOf(behaviour)]).click();
    await (await (await b.$('.picker')).$('button=Done')).click();
    await b.keys(['Control', 'Enter']);
    const title = await $t(b, 'entry-title');
    await title.waitForDisplayed({ timeout: 10000 });

    // Ctrl+2 is the ladder: the count went up by one, and the entry is listed first.
    await b.keys(['Control', '2']);
    await (await $t(b, 'level-L1')).waitForDisplayed({ timeout: 10000 });
    await until(b, `the evidence count of ${behaviour} did not go up`, async () => (await evidenceCount(b, behaviour)) === before + 1);
    await (await $t(b, `behaviour-${behaviour}`)).click();
    const first = await b.$('[data-testid="evidence-list-row"]');
    await first.waitForDisplayed({ timeout: 10000 });
    assert.match(await b.execute(() => document.querySelector('[data-testid="evidence-list-row"] .title').textContent), /flaky DNS check/);
    assert.equal(await (await $t(b, 'nav-ladder')).getAttribute('aria-current'), 'page');

    // The current level: set on L2, marked in the list and the heading, kept after leaving.
    await (await $t(b, 'level-L2')).click();
    await (await $t(b, 'set-my-level')).click();
    await (await $t(b, 'is-my-level')).waitForDisplayed({ timeout: 10000 });
    assert.match(await text(b, 'current-level'), /Your level: L2/);
    await (await $t(b, 'nav-journal')).click();
    await (await $t(b, 'nav-ladder')).click();
    await (await $t(b, 'level-mine')).waitForDisplayed({ timeout: 10000 });
    assert.match(await (await $t(b, 'level-L2')).getText(), /You/);
    assert.match(await text(b, 'level-title'), /^L2/);
    await (await $t(b, 'level-L1')).click();
    await (await $t(b, `behaviour-${behaviour}`)).click();
    await (await b.$('[data-testid="evidence-list-row"]')).waitForDisplayed({ timeout: 10000 });
    await shot(b, 'ladder');

    // Import: the dry run shows the tree before anything is written…
    await (await $t(b, 'import-ladder')).click();
    const tree = await $t(b, 'import-tree');
    await tree.waitForDisplayed({ timeout: 15000 });
    assert.match(await text(b, 'import-plan-summary'), /New track/);
    assert.match(await text(b, 'import-plan-summary'), /\d+ added/);
    assert.match(await tree.getText(), /Delivery Process/);
    assert.ok((await b.$$('[data-testid="change-added"]').length) > 0, 'no behaviour marked new in the dry run');
    await shot(b, 'ladder-import');
    // …and nothing is: cancelling leaves the ladder as it was.
    await (await b.$('button=Cancel')).click();
    await (await $t(b, 'level-L1')).waitForDisplayed();
    assert.equal(await b.$$('nav[aria-label="Levels"] .level').length, 2, 'the dry run imported something');

    // Applied (started from the palette this time): the summary, then the new level.
    await b.keys(['Control', 'k']);
    const pin = await $t(b, 'palette-input');
    await pin.waitForDisplayed();
    await pin.addValue('import ladder');
    await until(b, 'the palette does not offer the import', async () =>
      (await (await $t(b, 'palette-option')).getText()).startsWith('Import a ladder'),
    );
    await b.keys('Enter');
    await (await $t(b, 'import-apply')).waitForDisplayed({ timeout: 15000 });
    await (await $t(b, 'import-apply')).click();
    const summary = await $t(b, 'import-summary');
    await summary.waitForDisplayed({ timeout: 15000 });
    assert.match(await summary.getText(), /\d+ added/);
    await (await $t(b, 'import-close')).click();
    const levelCount = async () => b.$$('nav[aria-label="Levels"] .level').length;
    await until(b, 'the imported level is not in the list', async () => (await levelCount()) === 3);

    // Re-import an edited file: one bullet reworded, one removed.
    const edited = readFileSync(fixture, 'utf8')
      .replace('Creates services that are used by other teams.', 'Creates services that are used by several other teams.')
      .replace(/^\* \*\*Talent Growth\*\*.*\n/m, '');
    writeFileSync(ladderFile, edited);
    await (await $t(b, 'import-ladder')).click();
    await (await $t(b, 'import-tree')).waitForDisplayed({ timeout: 15000 });
    assert.match(await text(b, 'import-plan-summary'), /1 reworded, 1 retired/);
    assert.equal(await b.$$('[data-testid="change-reworded"]').length, 1);
    await (await $t(b, 'import-apply')).click();
    await (await $t(b, 'import-summary')).waitForDisplayed({ timeout: 15000 });
    const after = await b.execute(() => document.querySelector('[data-testid="ladder-import"]').textContent);
    assert.match(after, /Reworded/);
    assert.match(after, /used by several other teams/);
    assert.match(after, /Retired/);
    assert.match(after, /Talent Growth/);
    await shot(b, 'ladder-import-summary');
    await (await $t(b, 'import-close')).click();

    // A file that is not a ladder: the importer's error, naming the file, and nothing stored.
    writeFileSync(ladderFile, readFileSync(path.join(ROOT, 'tests/fixtures/ladders/shapes/unrecognised.md')));
    await (await $t(b, 'import-ladder')).click();
    const err = await $t(b, 'import-error');
    await err.waitForDisplayed({ timeout: 15000 });
    assert.match(await err.getText(), /senior-i-engineer\.md/);
    await (await b.$('button=Close')).click();
    await (await $t(b, 'level-L1')).waitForDisplayed();
    assert.equal(await levelCount(), 3);
  });
});

test('people: a person\'s timeline, rename; follow-ups ticked off in place', async () => {
  await withApp(journal, async (b) => {
    await (await $t(b, 'entry-row')).waitForDisplayed({ timeout: 20000 });

    // Ctrl+3 is people: choose the first, see their timeline, rename them.
    await b.keys(['Control', '3']);
    await (await $t(b, 'person-row')).waitForDisplayed({ timeout: 10000 });
    const names = await b.execute(() => [...document.querySelectorAll('[data-testid="person-row"] .name')].map((e) => e.textContent));
    assert.ok(names.length > 1, 'the demo journal names several people');
    await (await b.$$('[data-testid="person-row"]')[0]).click();
    const name = await text(b, 'person-name');
    const timeline = await b.$('[data-testid="person-timeline-row"]');
    await timeline.waitForDisplayed({ timeout: 10000 });
    await shot(b, 'people');
    // Only the feedback between you, then everything again.
    await (await $t(b, 'person-kind-feedback')).click();
    const subs = () => b.execute(() => [...document.querySelectorAll('[data-testid="person-timeline-row"] .sub')].map((e) => e.textContent));
    await until(b, 'the timeline did not narrow to feedback', async () => {
      const s = await subs();
      return s.length > 0 && s.every((t) => /^Feedback (from|given to) /.test(t));
    });
    await (await $t(b, 'person-kind-all')).click();
    await until(b, 'the timeline did not widen again', async () => (await subs()).some((t) => t.startsWith('Paired with')));

    await (await $t(b, 'rename-person')).click();
    const input = await $t(b, 'rename-input');
    await input.waitForDisplayed();
    // A name someone else has is refused, under the field.
    await input.setValue(names[1]);
    await (await $t(b, 'rename-save')).click();
    const error = await b.$('#rename-error');
    await error.waitForDisplayed({ timeout: 10000 });
    assert.match(await error.getText(), /already someone else/);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    const renamed = `${name} Renamed`;
    await input.setValue(renamed);
    await (await $t(b, 'rename-save')).click();
    await until(b, 'the person was not renamed', async () => (await text(b, 'person-name')) === renamed);
    // Marked as a mentee, and unmarked: the button and the list follow.
    const mentee = await $t(b, 'toggle-mentee');
    const wasMentee = (await mentee.getAttribute('aria-pressed')) === 'true';
    await mentee.click();
    await until(b, 'the mentee mark did not change', async () => (await mentee.getAttribute('aria-pressed')) === String(!wasMentee));
    const badge = () => b.execute(() => !!document.querySelector('[data-testid="person-row"][aria-current="true"] .mentee'));
    assert.equal(await badge(), !wasMentee);
    await mentee.click();
    await until(b, 'the mentee mark did not change back', async () => (await mentee.getAttribute('aria-pressed')) === String(wasMentee));
    assert.equal(await badge(), wasMentee);
    // Every entry now names them so: the timeline and an entry opened from it.
    await (await b.$('[data-testid="person-timeline-row"]')).waitForDisplayed({ timeout: 10000 });
    await (await b.$('[data-testid="person-timeline-row"]')).click();
    await (await $t(b, 'entry-title')).waitForDisplayed({ timeout: 10000 });
    assert.match(await b.execute(() => document.body.textContent), new RegExp(renamed));

    // Ctrl+4 is follow-ups: tick the first open one; it stays, done; it is gone after a reload.
    await b.keys(['Control', '4']);
    const count = await $t(b, 'open-count');
    await count.waitForDisplayed({ timeout: 10000 });
    const open = Number((await count.getText()).split(' ')[0]);
    assert.ok(open > 0, 'the demo journal has open follow-ups');
    const firstText = await (await b.$('[data-testid="followup-text"]')).getText();
    await (await b.$('[data-testid="followup-check"]')).click();
    await until(b, 'the open count did not go down', async () => (await text(b, 'open-count')) === `${open - 1} open`);
    assert.equal(await (await b.$('[data-testid="followup-check"]')).isSelected(), true);
    await shot(b, 'follow-ups');
    await (await $t(b, 'nav-journal')).click();
    await (await $t(b, 'nav-follow-ups')).click();
    await until(b, 'the ticked follow-up is still listed as open', async () => (await text(b, 'open-count')) === `${open - 1} open`);
    const texts = await b.execute(() => [...document.querySelectorAll('[data-testid="followup-text"]')].map((e) => e.textContent));
    assert.ok(!texts.includes(firstText), `${firstText} is still open`);
    // Show done brings it back, ticked.
    await (await $t(b, 'show-done')).click();
    await until(b, 'done follow-ups are not shown', async () =>
      (await b.execute((t) => [...document.querySelectorAll('[data-testid="followup-text"]')].some((e) => e.textContent === t), firstText)),
    );
  });
});
