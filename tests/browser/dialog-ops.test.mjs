// The operator's work on a dialog with real input on the canvas, against the
// real server: accept from the sidebar, reply, a note, a file, the funnel
// status from the sidebar and from the list, a tag, a task, the price and a
// custom field; every step is checked on the server's API too. A refused
// change (the server answers 422) is rolled back with a toast. The demo
// backend gets the cheap part.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { serveFolder } from './lib/static-server.mjs';
import {
  rows, widget, widgets, waitFor, waitForWidget, press, pageFetch, signIn,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 300 });
const browser = await launchBrowser();


// A click as a hand makes it: the pointer rests on the widget first (ImGui takes
// a press on overlapping items only when the item was hovered the frame before).


async function openFirstRow(page) {
  const row = (await rows(page))[0];
  await press(page, row.id, 200);  // on the client cell, left of the status
  await waitForWidget(page, 'sidebar');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('message:')),
    undefined, 15000);
  return Number(row.id.slice(4));
}


const label = (page, id) => widget(page, id).then((w) => w.label);

test('a New dialog: accepted, answered, noted, a file sent, status, tag, task, price, field', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url, 'owner@romashka.ru');
  const directory = (await pageFetch(page, 'api/directory')).body;
  const id = await openFirstRow(page);
  await screenshot(page, 'ops-open');

  // Accept from the sidebar: the row leaves New at once, the server agrees.
  await press(page, 'sidebar:accept');
  await waitFor(page, (r) => !window.inbox.widgets().some((w) => w.id === r), `row:${id}`);
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'sidebar:accept'));
  assert((await pageFetch(page, `api/dialogs/${id}`)).body.dialog.mode === 'accepted', 'accepted');

  // A reply (Enter sends), then a note (its own mode; never sent to the client).
  const reply = 'Добрый день! Счёт отправим сегодня.';
  await press(page, 'composer');
  await page.keyboard.type(reply);
  await page.keyboard.press('Enter');
  await waitFor(page, (t) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === t), reply);
  await press(page, 'composer:note');
  const note = 'Клиент просит перезвонить после 15:00';
  await press(page, 'composer');
  await page.keyboard.type(note);
  await screenshot(page, 'ops-note-typing');
  await page.keyboard.press('Enter');
  await waitFor(page, (t) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === t), note);
  let messages = (await pageFetch(page, `api/dialogs/${id}/messages?limit=5`)).body.messages;
  assert(messages[0].kind === 'note' && messages[0].text === note, 'the note is stored as a note');
  assert(messages[1].kind === 'text' && messages[1].text === reply, 'the reply is a message');
  await press(page, 'composer:message');

  // A file through the browser's picker, uploaded with progress, sent with a line.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chats-upload-')), 'Счёт №15.pdf');
  fs.writeFileSync(file, Buffer.alloc(300 * 1024, 7));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
    press(page, 'composer:attach')]);
  await chooser.setFiles(file);
  await waitForWidget(page, 'attachment:0');
  assert((await label(page, 'attachment:0')) === 'Счёт №15.pdf', 'the file is attached');
  await press(page, 'composer');
  await page.keyboard.type('Счёт во вложении');
  await screenshot(page, 'ops-attachment');
  await page.keyboard.press('Enter');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'attachment:0'));
  messages = (await pageFetch(page, `api/dialogs/${id}/messages?limit=1`)).body.messages;
  assert(messages[0].kind === 'file' && messages[0].attachments[0].name === 'Счёт №15.pdf' &&
    messages[0].attachments[0].size === 300 * 1024, 'the message carries the uploaded file');

  // The funnel status from the sidebar: an active one keeps the dialog in Accepted.
  const active = directory.statuses.filter((s) => s.group === 'active');
  const chosen = active[active.length - 1];
  await press(page, 'sidebar:status');
  await waitForWidget(page, 'status-picker');
  await screenshot(page, 'ops-status-picker');
  await press(page, `status:${chosen.id}`);
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id === 'sidebar:status' &&
    w.label === n), chosen.name);
  await page.waitForTimeout(300);
  assert((await pageFetch(page, `api/dialogs/${id}`)).body.dialog.status_id === chosen.id,
    'the server has the status');

  // A tag, added and shown as a chip.
  const row = (await pageFetch(page, `api/dialogs/${id}`)).body;
  const tag = directory.tags.find((t) => !row.dialog.tag_ids.includes(t.id));
  await press(page, 'sidebar:add-tag');
  await waitForWidget(page, `tag:${tag.id}`);
  await press(page, `tag:${tag.id}`);
  await waitForWidget(page, `tag-remove:${tag.id}`);
  await page.waitForTimeout(300);
  assert((await pageFetch(page, `api/dialogs/${id}`)).body.dialog.tag_ids.includes(tag.id),
    'the server has the tag');

  // A task due tomorrow: shown at once, then with the server's id; then done.
  const task = 'Выставить счёт на доставку';
  await press(page, 'task:new');
  await page.keyboard.type(task);
  await press(page, 'task:add');
  await waitFor(page, (t) => window.inbox.widgets().some((w) => /^task-done:[1-9]/.test(w.id) &&
    w.label === t), task);
  const stored = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog.tasks.find((t) => t.text === task);
  assert(stored && stored.due > Date.now() + 20 * 3600e3, 'the server has the task, due tomorrow');
  await press(page, `task-done:${stored.id}`);
  // Asked until it is there: on a loaded machine the click's frames alone can take 600 ms.
  let done = false;
  for (let i = 0; i < 50 && !done; i++) {
    await page.waitForTimeout(200);
    done = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog.tasks.find((t) => t.id === stored.id)
      .done;
  }
  assert(done, 'the task is done on the server');
  // The price (typed with a space, Enter saves) and a custom field.
  await press(page, 'sidebar:price');
  await page.keyboard.type('12 500');
  await page.keyboard.press('Enter');
  await press(page, 'field:name');
  await page.keyboard.type('Город');
  await press(page, 'field:value');
  await page.keyboard.type('Казань');
  await press(page, 'field:add');
  await waitForWidget(page, 'field:0');
  await page.waitForTimeout(500);
  const saved = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog;
  assert(saved.price === 1250000, `the server has the price: ${saved.price}`);
  assert(saved.fields.length === 1 && saved.fields[0].name === 'Город' &&
    saved.fields[0].value === 'Казань', `the server has the field: ${JSON.stringify(saved.fields)}`);
  await screenshot(page, 'ops-sidebar');

  await page.evaluate(() => window.inbox.setLook({ theme: 'dark' }));
  await page.waitForTimeout(400);
  await screenshot(page, 'ops-sidebar-dark');
  await context.close();
});

test('the status from the list; a refused change is rolled back with a toast', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url, 'owner@romashka.ru');
  const directory = (await pageFetch(page, 'api/directory')).body;
  const row = (await rows(page))[2];
  const id = Number(row.id.slice(4));
  const before = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog.status_id;
  const active = directory.statuses.filter((s) => s.group === 'active' && s.id !== before);

  await press(page, `status-cell:${id}`);
  await waitForWidget(page, 'status-picker');
  await screenshot(page, 'ops-list-status-picker');
  await press(page, `status:${active[0].id}`);
  await waitFor(page, ([r, n]) => window.inbox.widgets().some((w) => w.id === r && w.label === n),
    [`status-cell:${id}`, active[0].name]);
  await page.waitForTimeout(300);
  assert((await pageFetch(page, `api/dialogs/${id}`)).body.dialog.status_id === active[0].id,
    'the server has the status set from the list');

  // The server refuses the next one: the cell shows it at once, then goes back.
  await page.route('**/api/dialogs/*/status', (route) => route.fulfill({
    status: 422, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'refused', message: 'Статус закрыт для изменений' } }),
  }));
  await press(page, `status-cell:${id}`);
  await waitForWidget(page, 'status-picker');
  await press(page, `status:${active[1].id}`);
  await waitForWidget(page, 'toast');
  const toast = await label(page, 'toast');
  assert(toast === 'Статус воронки не изменён: Статус закрыт для изменений', `the toast: ${toast}`);
  await waitFor(page, ([r, n]) => window.inbox.widgets().some((w) => w.id === r && w.label === n),
    [`status-cell:${id}`, active[0].name]);
  await screenshot(page, 'ops-refused-toast');
  await context.close();
});

test('the demo backend: status, tag and a file kept in the page', async () => {
  const demo = await serveFolder(site);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(demo.url);
    await page.waitForFunction(() => window.inbox &&
      window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
    await openFirstRow(page);
    await press(page, 'sidebar:status');
    await waitForWidget(page, 'status-picker');
    const choice = (await widgets(page)).filter((w) => w.id.startsWith('status:'))[1];
    await press(page, choice.id);
    await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id === 'sidebar:status' &&
      w.label === n), choice.label);
    await press(page, 'sidebar:add-tag');
    const tag = await page.waitForFunction(() => window.inbox.widgets()
      .find((w) => /^tag:\d/.test(w.id))).then((h) => h.jsonValue());
    await press(page, tag.id);
    await waitForWidget(page, 'tag-remove:' + tag.id.slice(4));

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chats-demo-')), 'прайс.txt');
    fs.writeFileSync(file, 'Прайс-лист');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
      press(page, 'composer:attach')]);
    await chooser.setFiles(file);
    await waitForWidget(page, 'attachment:0');
    await press(page, 'composer');
    await page.keyboard.type('Прайс во вложении');
    await press(page, 'composer:send');
    await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
      w.label === 'Прайс во вложении'), undefined, 10000);
    assert(!(await widgets(page)).some((w) => w.id === 'attachment:0'), 'the file went with it');
    await screenshot(page, 'ops-demo');
  } finally {
    await context.close();
    await demo.close();
  }
});

await runAndExit(() => browser.close(), () => server.stop());
