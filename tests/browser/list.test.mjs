// The list's toolbar against the real server: filters by a channel and a
// status (rows and chips follow, a chip is removed), bulk assignment of
// selected dialogs, select-all-matching, and writing first. Every step is
// real mouse and keyboard input at the positions the inbox publishes.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, click, waitFor, waitForWidget } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const EMAIL = 'owner@romashka.ru';
const PASSWORD = 'demo1234';
const CHANNELS = ['whatsapp', 'telegram', 'telegram_bot', 'vk', 'instagram', 'facebook', 'ok',
  'avito', 'viber', 'max', 'email', 'webchat'];

const server = await startChatsServer({ binary, site, demo: 400 });
const api = (method, route, body) => server.api(method, route, body, token);
const browser = await launchBrowser();
let token;


async function has(page, id) {
  return (await widgets(page)).some((w) => w.id === id);
}


async function waitGone(page, id, timeout = 15000) {
  await page.waitForFunction((i) => !window.inbox.widgets().some((w) => w.id === i), id,
    { timeout });
}

// The ids of the rows drawn, top to bottom.
async function rowIds(page) {
  return (await rows(page)).sort((a, b) => a.y - b.y).map((w) => Number(w.id.slice(4)));
}

// Waits until the drawn rows are the first rows the server answers for a query.
async function waitForRowsOf(page, query) {
  const expected = (await api('GET', 'api/dialogs?' + query + '&limit=5')).rows
    .map((r) => r.dialog.id);
  await page.waitForFunction((ids) => {
    const drawn = window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
      .sort((a, b) => a.y - b.y).map((w) => Number(w.id.slice(4)));
    return ids.every((id, i) => drawn[i] === id);
  }, expected, { timeout: 15000 });
  return expected;
}

// Hovers a widget first: ImGui takes clicks on items hovered in the previous frame.
async function hoverClick(page, id, options = {}) {
  const w = await widget(page, id);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + w.x + (options.dx ?? w.w / 2), box.y + w.y + w.h / 2);
  await page.waitForTimeout(150);
  await click(page, id, options);
}

// A click on the header's title, where nothing reacts: open popups close.
async function closePopups(page) {
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + 40, box.y + 30);
  await page.waitForTimeout(200);
}

let page;
let directory;

test('the operator signs in and sees the toolbar in Russian', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 } });
  page = await context.newPage();
  await page.goto(server.url);
  await waitForWidget(page, 'login:email', 30000);
  await click(page, 'login:email');
  await page.keyboard.type(EMAIL);
  await click(page, 'login:password');
  await page.keyboard.type(PASSWORD);
  await click(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  ({ token } = await api('POST', 'api/login', { email: EMAIL, password: PASSWORD }));
  directory = await api('GET', 'api/directory');
  assert((await widget(page, 'toolbar:write-first')).label.includes('Написать первым'),
    'the toolbar offers «Написать первым»');
  assert((await widget(page, 'toolbar:filters')).label.includes('Фильтры'), '«Фильтры»');
  assert((await widget(page, 'search')).label === 'Поиск по клиентам', '«Поиск по клиентам»');
  assert(!(await has(page, 'toolbar:bulk')), 'no bulk actions without a selection');
  await screenshot(page, 'list-toolbar');
});

test('a signed-in page asks once for the session, the directory and the first rows', async () => {
  // The page fetches them while the WebAssembly compiles and the app takes
  // those answers instead of asking again (shell/inbox.js fetchEarly).
  const again = await page.context().newPage();
  const asked = [];
  again.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) asked.push(u.pathname + u.search);
  });
  await again.goto(server.url);
  await again.waitForFunction(() => window.inbox &&
    window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
  const expected = (await api('GET', 'api/dialogs?mode=new&limit=5')).rows.map((r) => r.dialog.id);
  const drawn = (await rows(again)).sort((a, b) => a.y - b.y).map((w) => Number(w.id.slice(4)));
  assert(expected.every((id, i) => drawn[i] === id), `the server's first rows: ${drawn}`);
  const count = (prefix) => asked.filter((a) => a.startsWith(prefix)).length;
  assert(count('/api/me') === 1, `api/me asked once: ${asked}`);
  assert(count('/api/directory') === 1, `api/directory asked once: ${asked}`);
  assert(count('/api/dialogs?mode=new&') === 1, `the first window asked once: ${asked}`);
  await again.close();
});

test('a page opened on a link asks only for the view of the link, once', async () => {
  const lists = async (fragment) => {
    const again = await page.context().newPage();
    const asked = [];
    again.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/dialogs') asked.push(u.search);
    });
    await again.goto(server.url + fragment);
    await again.waitForFunction(() => window.inbox &&
      window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
    await again.close();
    return asked;
  };
  // A mode alone: its first window leaves with the module's download.
  const accepted = await lists('#mode=accepted');
  assert(accepted.length === 1 && accepted[0].startsWith('?mode=accepted&sort=last_message&'),
    `one window of Accepted: ${accepted}`);
  // A filter: the app asks for it; the default view is not asked for in vain.
  const filtered = await lists('#mode=archived&channels=telegram');
  assert(filtered.length === 1 && filtered[0].startsWith('?mode=archived&') &&
    filtered[0].includes('channels=telegram'), `one window of the filtered view: ${filtered}`);
});

test('a link keeps its sort, and the sort chosen by a header comes back on the next visit',
  async () => {
    const again = await page.context().newPage();
    const asked = [];
    again.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/dialogs') asked.push(u.search);
    });
    const listed = () => again.waitForFunction(() => window.inbox &&
      window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
    await again.goto(server.url + '#mode=accepted&sort=price&order=asc');
    await listed();
    await again.waitForTimeout(500);
    assert(asked.length === 1 && asked[0].includes('sort=price&order=asc'),
      `the link's sort only: ${asked}`);
    assert(await again.evaluate(() => location.hash) === '#mode=accepted&sort=price&order=asc',
      `the link stays: ${await again.evaluate(() => location.hash)}`);

    await click(again, 'column:Время ответа');
    await again.waitForFunction(() => location.hash.includes('sort=response_time'));
    assert(asked.some((a) => a.includes('sort=response_time')), `sorted by a click: ${asked}`);
    await again.waitForTimeout(300);  // the layout is saved

    asked.length = 0;
    await again.goto(server.url);
    await listed();
    await again.waitForFunction(() => location.hash.includes('sort=response_time'));
    await again.waitForTimeout(300);
    assert(asked.length === 1 && asked[0].includes('sort=response_time'),
      `the saved sort on the next visit, asked for at once: ${asked}`);

    // A kept sort that is not one (broken, or from elsewhere) is no guess: the default first.
    for (const bad of ['{not json', '{"key":"drop table","descending":"yes","operator":1}']) {
      await again.evaluate((text) => localStorage.setItem('chats.layout.sort', text), bad);
      asked.length = 0;
      await again.goto(server.url + '?again');
      await listed();
      assert(asked[0].includes('sort=last_message&order=desc'), `${bad}: the default first: ${asked}`);
    }
    await again.close();
  });

test('filtering by a channel and a status changes the rows and shows chips; a chip is removed',
  async () => {
    await hoverClick(page, 'tab:accepted');
    await waitForRowsOf(page, 'mode=accepted');
    const source = directory.sources.find((s) => s.channel === 'whatsapp') || directory.sources[0];
    const channel = CHANNELS.indexOf(source.channel);
    await hoverClick(page, 'toolbar:filters');
    await waitForWidget(page, 'filter:channel');
    await hoverClick(page, 'filter:channel');
    await waitForWidget(page, `filter-option:channel:${channel}`);
    await hoverClick(page, `filter-option:channel:${channel}`);
    await waitForWidget(page, `chip:channel:${channel}`);
    await screenshot(page, 'list-filter-channel-popup');
    await closePopups(page);
    const channelView = `mode=accepted&channels=${source.channel}`;
    await waitForRowsOf(page, channelView);
    const byChannel = await api('GET', `api/dialogs?${channelView}&limit=200`);
    assert(byChannel.total > 0, 'the channel has Accepted dialogs');

    // The status most of those dialogs have, so that the list visibly narrows.
    const seen = {};
    for (const r of byChannel.rows) {
      if (r.dialog.status_id) seen[r.dialog.status_id] = (seen[r.dialog.status_id] || 0) + 1;
    }
    const statusId = Number(Object.keys(seen).sort((a, b) => seen[b] - seen[a])[0]);
    assert(statusId > 0, 'some of the dialogs have a funnel status');
    await hoverClick(page, 'filter:status');
    await waitForWidget(page, `filter-option:status:${statusId}`);
    await hoverClick(page, `filter-option:status:${statusId}`);
    await waitForWidget(page, `chip:status:${statusId}`);
    await closePopups(page);
    const bothView = `${channelView}&statuses=${statusId}`;
    const both = await waitForRowsOf(page, bothView);
    const total = (await api('GET', `api/dialogs?${bothView}&limit=1`)).total;
    assert(total > 0 && total < byChannel.total, `the status narrows the list (${total})`);
    assert((await rows(page)).length === Math.min(total, (await rows(page)).length),
      'no more rows are drawn than the view has');
    assert(both.length > 0, 'rows match both filters');
    const status = directory.statuses.find((s) => s.id === statusId);
    assert((await widget(page, `chip:status:${statusId}`)).label === status.name,
      'the status chip names the status');
    assert((await widget(page, `chip:channel:${channel}`)).label.length > 0, 'the channel chip');
    assert((await widget(page, 'toolbar:filters')).label.includes('2'), 'two active filters');
    await screenshot(page, 'list-filter-chips');

    await hoverClick(page, `chip-remove:status:${statusId}`);
    await waitGone(page, `chip:status:${statusId}`);
    await waitForRowsOf(page, channelView);
    assert(await has(page, `chip:channel:${channel}`), 'the other chip stays');
    await screenshot(page, 'list-filter-chip-removed');

    await hoverClick(page, 'toolbar:reset');
    await waitGone(page, `chip:channel:${channel}`);
    await waitForRowsOf(page, 'mode=accepted');
  });

test('selected dialogs are assigned in bulk and the server has the change', async () => {
  await hoverClick(page, 'tab:accepted');
  const first = await waitForRowsOf(page, 'mode=accepted');
  const picked = (await rowIds(page)).slice(0, 3);
  assert(picked[0] === first[0], 'rows of Accepted are drawn');
  for (const id of picked) await hoverClick(page, `row:${id}`, { dx: 16 });  // the checkboxes
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'toolbar:selected' &&
    w.label === 'Выбрано: 3'));
  const operator = directory.operators[directory.operators.length - 1];
  await hoverClick(page, 'toolbar:bulk');
  await waitForWidget(page, 'bulk:assign');
  await hoverClick(page, 'bulk:assign');
  await waitForWidget(page, `bulk:assign:${operator.id}`);
  await screenshot(page, 'list-bulk-menu');
  await hoverClick(page, `bulk:assign:${operator.id}`);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'bulk:summary'));
  const summary = (await widget(page, 'bulk:summary')).label;
  assert(/^\d+ применено/.test(summary), `the summary: ${summary}`);
  for (const id of picked) {
    const row = await api('GET', `api/dialogs/${id}`);
    assert(row.dialog.responsible_id === operator.id, `dialog ${id} is assigned`);
  }
  await page.waitForTimeout(300);
  await screenshot(page, 'list-bulk-assigned');
});

test('select all matching reaches dialogs beyond the loaded window', async () => {
  const view = 'mode=archived';
  await hoverClick(page, 'tab:archived');
  await waitForRowsOf(page, view);
  const total = (await api('GET', `api/dialogs?${view}&limit=1`)).total;
  await hoverClick(page, 'select:all');
  await waitForWidget(page, 'toolbar:selected');
  if (await has(page, 'toolbar:select-all-matching')) {
    await hoverClick(page, 'toolbar:select-all-matching');
  }
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id === 'toolbar:selected' &&
    w.label === 'Выбрано: ' + n), total);
  await hoverClick(page, 'toolbar:bulk');
  await waitForWidget(page, 'bulk:mark_read');
  await hoverClick(page, 'bulk:mark_read');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'bulk:summary'));
  const unread = (await api('GET', `api/dialogs?${view}&types=unread&limit=1`)).total;
  assert(unread === 0, `every archived dialog is read now (${unread} unread left)`);
});

test('scrolling to the end of a long view loads its further windows', async () => {
  const counts = (await api('GET', 'api/dialogs?limit=1')).counts;
  const mode = Object.keys(counts).sort((a, b) => counts[b].total - counts[a].total)[0];
  assert(counts[mode].total > 100, `a view longer than one window (${counts[mode].total})`);
  let last;
  for (let cursor = ''; ;) {
    const win = await api('GET', `api/dialogs?mode=${mode}&limit=200` +
      (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    last = win.rows[win.rows.length - 1].dialog.id;
    if (!win.next_cursor) break;
    cursor = win.next_cursor;
  }
  await hoverClick(page, `tab:${mode}`);
  await waitForRowsOf(page, `mode=${mode}`);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + 700, box.y + 500);
  const deadline = Date.now() + 60000;
  while (!(await has(page, `row:${last}`))) {
    assert(Date.now() < deadline, `the last row ${last} appears after scrolling`);
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(100);
  }
  await screenshot(page, 'list-scrolled-to-end');
});

test('writing first checks the address, sends, and opens the new dialog', async () => {
  await hoverClick(page, 'tab:new');
  await hoverClick(page, 'toolbar:write-first');
  await waitForWidget(page, 'write-first');
  const combo = await widget(page, 'write-first:source');
  const allowed = directory.sources.filter((s) => ['whatsapp', 'telegram', 'max', 'email']
    .includes(s.channel));
  assert(allowed.some((s) => combo.label.includes(s.name)), `a source is chosen: ${combo.label}`);
  await hoverClick(page, 'write-first:source');
  await waitForWidget(page, `write-first:source:${allowed[0].id}`);
  for (const s of directory.sources) {
    const offered = await has(page, `write-first:source:${s.id}`);
    assert(offered === allowed.includes(s), `source ${s.name} offered only when allowed`);
  }
  const wa = allowed.find((s) => s.channel === 'whatsapp') || allowed[0];
  await hoverClick(page, `write-first:source:${wa.id}`);
  await click(page, 'write-first:to');
  await page.keyboard.type('+7 999');
  await click(page, 'write-first:text');
  const text = 'Здравствуйте! Это магазин «Ромашка», ваш заказ готов.';
  await page.keyboard.type(text);
  await hoverClick(page, 'write-first:send');
  await waitForWidget(page, 'write-first:error');
  assert((await widget(page, 'write-first:invalid')).label === 'to',
    'the short phone marks the "To" field');
  await screenshot(page, 'list-write-first-error');

  await click(page, 'write-first:to');
  await page.keyboard.type(' 555-01-23');
  await hoverClick(page, 'write-first:send');
  await waitGone(page, 'write-first');
  await waitForWidget(page, 'dialog');
  await waitFor(page, (t) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === t), text);
  assert((await widget(page, 'dialog')).label === '+7 999 555-01-23', 'the new dialog is open');
  await page.waitForTimeout(300);
  await screenshot(page, 'list-write-first-sent');
});

test('the bars in the dark theme and in English', async () => {
  await page.evaluate(() => window.inbox.setLook({ theme: 'dark', locale: 'en' }));
  await hoverClick(page, 'dialog:close');
  await waitForWidget(page, 'filter:status');
  await hoverClick(page, 'filter:status');
  await page.waitForTimeout(300);
  assert((await widget(page, 'toolbar:write-first')).label.includes('Write first'), 'English');
  await screenshot(page, 'list-dark-en');
  await closePopups(page);
  await page.evaluate(() => window.inbox.setLook({ theme: 'dark', locale: 'ru' }));
  await hoverClick(page, 'toolbar:write-first');
  await waitForWidget(page, 'write-first');
  await page.waitForTimeout(300);
  await screenshot(page, 'list-dark-write-first');
  await hoverClick(page, 'write-first:cancel');
  await waitGone(page, 'write-first');
});

test('column widths are remembered for the operator across a reload', async () => {
  await page.evaluate(() => window.inbox.setLook({ theme: 'light', locale: 'ru' }));
  await waitForWidget(page, 'column:Статус воронки');
  const left = await widget(page, 'column:Статус воронки');
  const right = await widget(page, 'column:Время ответа');
  const border = (left.x + left.w + right.x) / 2;
  const box = await page.locator('canvas').boundingBox();
  const y = box.y + left.y + left.h / 2;
  await page.mouse.move(box.x + border, y);
  await page.waitForTimeout(200);
  await page.mouse.down();
  for (let dx = 10; dx <= 120; dx += 10) {
    await page.mouse.move(box.x + border + dx, y);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const resized = await widget(page, 'column:Статус воронки');
  assert(resized.w > left.w + 60, `the column got wider: ${left.w} -> ${resized.w}`);
  const me = await api('GET', 'api/me');
  await page.waitForFunction((key) => (localStorage.getItem(key) || '').includes('[Table]'),
    'chats.layout.' + me.operator.id, { timeout: 10000 });

  await page.reload();
  await page.waitForFunction(() => window.inbox && window.inbox.widgets()
    .some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const restored = await widget(page, 'column:Статус воронки');
  assert(Math.abs(restored.w - resized.w) <= 2,
    `the width is restored after a reload: ${resized.w} vs ${restored.w}`);
  await screenshot(page, 'list-columns-restored');
});

await runAndExit(() => browser.close(), () => server.stop());
