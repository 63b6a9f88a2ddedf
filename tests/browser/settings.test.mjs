// The owner's account settings against the real server: funnel statuses
// (add, rename, recolour, reorder, delete a used one moving its dialogs),
// a tag, a template filled in the composer, a stop word, a manager with one
// source; a second operator's page sees the new tag and status live; a
// manager has no account settings. Screenshots of every section in RU light
// and EN dark.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import {
  widget, widgets, waitFor, pageFetch, press as pressWidget, pressSettled as press, typeInto,
  signedInContext, hasWidget as has, waitForSettled as waitForWidget,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 120 });
const browser = await launchBrowser();

const signedIn = (email) => signedInContext(browser, server.url, { email });

// The id of the directory item named `name` ("statuses", "tags", "templates", "operators").
async function idOf(page, kind, name, field = 'name') {
  const dir = (await pageFetch(page, '/api/directory')).body;
  const item = dir[kind].find((x) => x[field] === name);
  return item ? item.id : null;
}
async function waitForItem(page, kind, name, field = 'name') {
  for (let i = 0; i < 50; i++) {
    const id = await idOf(page, kind, name, field);
    if (id) return id;
    await page.waitForTimeout(200);
  }
  throw new Error(`${kind} ${name} was saved`);
}
async function openSettings(page) {
  await press(page, 'settings');
  await waitForWidget(page, 'settings:account:open');
  await press(page, 'settings:account:open');
  await waitForWidget(page, 'settings:account');
}
async function section(page, name, shot) {
  await press(page, `settings:rail:${name}`);
  await page.waitForTimeout(300);
  if (shot) await screenshot(page, `settings-${name}-${shot}`);
}

test('the owner sets up the account and a second operator sees it live', async () => {
  const { page } = await signedIn('owner@romashka.ru');
  const { page: admin } = await signedIn('admin@romashka.ru');
  await openSettings(page);
  await section(page, 'statuses');

  // A status: added, renamed, recoloured, moved to the top.
  await typeInto(page, 'settings:status:new:name', 'Думает');
  await press(page, 'settings:status:add');
  const thinking = await waitForItem(page, 'statuses', 'Думает');
  const sid = `settings:status:${thinking}`;
  await waitForWidget(page, `${sid}:name`);
  await press(page, `${sid}:name`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Думает о цене');
  await page.keyboard.press('Enter');
  await waitFor(page, (i) => window.inbox.widgets().some((w) => w.id === `settings:status:${i}:name` &&
    w.label === 'Думает о цене'), thinking);
  await press(page, `${sid}:color`);
  await waitForWidget(page, `${sid}:color:7`);
  await press(page, `${sid}:color:7`);
  for (let i = 0; i < 60; i++) {
    const dir = (await pageFetch(page, '/api/directory')).body;
    if (dir.statuses.find((s) => s.id === thinking).color === '#ef4444') break;
    await page.waitForTimeout(200);
  }
  let dir = (await pageFetch(page, '/api/directory')).body;
  assert(dir.statuses.find((s) => s.id === thinking).color === '#ef4444', 'the colour is saved');
  const before = dir.statuses.findIndex((s) => s.id === thinking);
  await press(page, `${sid}:up`);
  for (let i = 0; i < 30; i++) {
    dir = (await pageFetch(page, '/api/directory')).body;
    if (dir.statuses.findIndex((s) => s.id === thinking) === before - 1) break;
    await page.waitForTimeout(200);
  }
  assert(dir.statuses.findIndex((s) => s.id === thinking) === before - 1,
    'the status moved one place up');
  // The second page has the renamed status without a reload.
  await admin.waitForFunction(async (i) => {
    const d = await (await fetch('/api/directory')).json();
    return d.statuses.some((s) => s.id === i && s.name === 'Думает о цене');
  }, thinking, { timeout: 10000 });
  await screenshot(page, 'settings-statuses-ru-light');

  // Delete a used status, moving its dialogs to the renamed one.
  const rows = (await pageFetch(page, '/api/dialogs?mode=accepted&limit=2')).body.rows;
  const used = dir.statuses.find((s) => s.id !== thinking && s.group === 'active').id;
  for (const r of rows) {
    await pageFetch(page, `/api/dialogs/${r.dialog.id}/status`, { method: 'PUT',
      body: JSON.stringify({ status_id: used }) });
  }
  await press(page, 'settings:account:close');
  await openSettings(page);  // the usage is asked for on opening
  await section(page, 'statuses');
  await press(page, `settings:status:${used}:delete`);
  await waitForWidget(page, 'settings:status:delete:confirm');
  await press(page, 'settings:status:delete:move_to');
  await waitForWidget(page, `settings:status:delete:move_to:${thinking}`);
  await press(page, `settings:status:delete:move_to:${thinking}`);
  await screenshot(page, 'settings-status-delete-ru-light');
  await press(page, 'settings:status:delete:confirm');
  await waitFor(page, (i) => !window.inbox.widgets().some((w) => w.id === `settings:status:${i}:name`),
    used);
  for (const r of rows) {
    const d = (await pageFetch(page, `/api/dialogs/${r.dialog.id}`)).body;
    assert(d.dialog.status_id === thinking, `dialog ${r.dialog.id} moved to the renamed status`);
  }

  // A tag; the second page sees it live.
  await section(page, 'tags');
  await typeInto(page, 'settings:tag:new:name', 'VIP-клиент');
  await press(page, 'settings:tag:add');
  const tag = await waitForItem(page, 'tags', 'VIP-клиент');
  await waitForWidget(page, `settings:tag:${tag}:name`);
  await screenshot(page, 'settings-tags-ru-light');

  // A template with the client's name.
  await section(page, 'templates');
  await typeInto(page, 'settings:template:title', 'Приветствие по имени');
  await typeInto(page, 'settings:template:text', 'Здравствуйте, ');
  await press(page, 'settings:template:var:client.name');
  await press(page, 'settings:template:text');
  await page.keyboard.press('End');
  await page.keyboard.type('! Цена: ');
  await press(page, 'settings:template:var:dialog.price');
  await press(page, 'settings:template:save');
  const template = await waitForItem(page, 'templates', 'Приветствие по имени', 'title');
  await waitForWidget(page, `settings:template:${template}`);
  await screenshot(page, 'settings-templates-ru-light');

  // A stop word, found by the search.
  await section(page, 'block-list');
  await press(page, 'settings:block:kind:2');
  await typeInto(page, 'settings:block:value', 'казино');
  await press(page, 'settings:block:add');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('settings:block:') &&
    w.label === 'казино'));
  await typeInto(page, 'settings:block:search', 'каз');
  await page.waitForTimeout(200);
  assert((await widgets(page)).some((w) => w.label === 'казино'), 'the search finds the stop word');
  await screenshot(page, 'settings-block-list-ru-light');

  // A manager with one source.
  await section(page, 'operators');
  await typeInto(page, 'settings:operator:name', 'Пётр Новиков');
  await typeInto(page, 'settings:operator:email', 'petr@romashka.ru');
  await typeInto(page, 'settings:operator:password', 'petr-secret-1');
  const source = dir.sources[0];
  await press(page, `settings:operator:source:${source.id}`);
  await screenshot(page, 'settings-operators-ru-light');
  await press(page, 'settings:operator:save');
  const petr = await waitForItem(page, 'operators', 'Пётр Новиков');
  dir = (await pageFetch(page, '/api/directory')).body;
  const created = dir.operators.find((o) => o.id === petr);
  assert(created.role === 'manager', 'a manager');
  assert(JSON.stringify(created.source_ids) === JSON.stringify([source.id]), 'with one source');
  await section(page, 'sources', 'ru-light');

  // The template in a dialog's composer: the client's name is filled in.
  await press(page, 'settings:account:close');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'settings:account'));
  const row = (await widgets(page)).find((w) => /^row:\d+$/.test(w.id));
  await pressWidget(page, row.id, 200);  // on the client's name, not the status cell
  await waitForWidget(page, 'composer');
  await press(page, 'composer:templates');
  await waitForWidget(page, 'template:search');
  await press(page, 'template:search');
  await page.keyboard.type('по имени');  // the demo's five come first
  await waitForWidget(page, `template:${template}`);
  await press(page, `template:${template}`);
  const draft = (await widgets(page)).find((w) => w.id === 'composer:unfilled');
  await screenshot(page, 'settings-template-used-ru-light');
  const dialogId = Number(row.id.slice(4));
  const full = (await pageFetch(page, `/api/dialogs/${dialogId}`)).body;
  const name = full.client.display_name || full.client.nick;
  await press(page, 'composer:send');
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label.startsWith(`Здравствуйте, ${n}!`)), name, 15000);
  if (!full.dialog.price) assert(draft, 'a dialog without a price flags {{dialog.price}}');

  // EN dark: every section again.
  await press(page, 'settings');
  await waitForWidget(page, 'settings:theme:dark');
  await press(page, 'settings:theme:dark');
  await press(page, 'settings:locale:en');
  await waitForWidget(page, 'settings:account:open');  // the menu stays open for more choices
  await press(page, 'settings:account:open');
  await waitForWidget(page, 'settings:account');
  for (const s of ['operators', 'statuses', 'tags', 'templates', 'block-list', 'sources']) {
    await section(page, s, 'en-dark');
  }
});

test('a manager has no account settings', async () => {
  const { page } = await signedIn('maria@romashka.ru');
  await press(page, 'settings');
  await waitForWidget(page, 'settings:theme:light');
  assert(!(await has(page, 'settings:account:open')), 'no account settings for a manager');
});

test('the admin page shows the owner\'s new tag without a reload', async () => {
  const { page: owner } = await signedIn('owner@romashka.ru');
  const { page: other } = await signedIn('admin@romashka.ru');
  await openSettings(other);
  await section(other, 'tags');
  await openSettings(owner);
  await section(owner, 'tags');
  await typeInto(owner, 'settings:tag:new:name', 'Оптовик');
  await press(owner, 'settings:tag:add');
  const tag = await waitForItem(owner, 'tags', 'Оптовик');
  await waitFor(other, (i) => window.inbox.widgets().some((w) => w.id === `settings:tag:${i}:name`),
    tag, 10000);
  await section(owner, 'statuses');
  await typeInto(owner, 'settings:status:new:name', 'Ждёт оплату');
  await press(owner, 'settings:status:add');
  const status = await waitForItem(owner, 'statuses', 'Ждёт оплату');
  await section(other, 'statuses');
  await waitFor(other, (i) => window.inbox.widgets().some((w) =>
    w.id === `settings:status:${i}:name`), status, 10000);
});

await runAndExit(() => browser.close(), () => server.stop());
