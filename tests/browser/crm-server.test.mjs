// The CRM widget against the real server on another origin: the CRM page
// (web/crm-example.html) is served from one port, the Chats server from
// another that allows the CRM's origin. Rows load over the API with the bearer
// token, the live stream connects with ?token=, an operator's action reaches
// the server, and a page from an origin the server does not allow is refused.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { serveFolder } from './lib/static-server.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const crm = await serveFolder(site);        // the CRM's own origin
const stranger = await serveFolder(site);   // an origin the server does not know
const crmOrigin = new URL(crm.url).origin;
const server = await startChatsServer({ binary, site, demo: 300, allowedOrigins: [crmOrigin] });
const browser = await launchBrowser();

async function login() {
  const r = await fetch(server.url + 'api/login', { method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@romashka.ru', password: 'demo1234' }) });
  assert(r.status === 200, `login answered ${r.status}`);
  return (await r.json()).token;
}
const token = await login();

function crmUrl(base) {
  return `${base}crm-example.html?api=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`;
}
const published = (page, i) => page.evaluate((n) => window.widgets[n].widgets(), i);
async function clickIn(page, i, id, dx) {
  const w = (await published(page, i)).find((x) => x.id === id);
  assert(w, `widget ${i} publishes ${id}`);
  const canvasId = await page.evaluate((n) => window.widgets[n].canvas.id, i);
  const box = await page.locator('#' + canvasId).boundingBox();
  await page.mouse.click(box.x + w.x + (dx ?? w.w / 2), box.y + w.y + w.h / 2);
}

test('on an allowed origin the widget loads rows, goes live and accepts a dialog', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const apiRequests = [], sockets = [];
  page.on('request', (r) => {
    if (r.url().startsWith(server.url + 'api/')) apiRequests.push({ url: r.url(), method: r.method(),
      auth: r.headers().authorization || '' });
  });
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(crmUrl(crm.url));
  await page.waitForFunction(() => window.widgets.length === 2 && window.widgets.every(
    (w) => w.widgets().some((x) => x.id.startsWith('row:'))), null, { timeout: 30000 });
  assert(await page.evaluate(() => window.widgets[0].backend) === 'server', 'the server backend');
  assert(new URL(page.url()).origin !== new URL(server.url).origin, 'the page and the API differ');
  // Every call to the API carried the token (the CRM page has no Chats cookie).
  const calls = apiRequests.filter((r) => r.method !== 'OPTIONS');
  assert(calls.length >= 4, `API calls were made: ${calls.length}`);
  const bare = calls.filter((r) => r.auth !== 'Bearer ' + token);
  assert(bare.length === 0, `every call has the bearer token; without: ${JSON.stringify(bare)}`);
  await page.waitForFunction(() => window.widgets[0].widgets()
    .some((w) => w.id === 'connection' && w.label === 'Онлайн'), null, { timeout: 15000 });
  assert(sockets.some((u) => u.startsWith(server.url.replace('http', 'ws') + 'api/events') &&
    u.includes('token=' + encodeURIComponent(token))), `the live stream carries the token: ${sockets}`);

  // An action: open the first New dialog and accept it; the server has it in Accepted.
  await page.evaluate(() => window.widgets[0].element.scrollIntoView({ block: 'center' }));
  const first = (await published(page, 0)).find((w) => w.id.startsWith('row:'));
  const id = Number(first.id.slice(4));
  await clickIn(page, 0, first.id, 160);  // on the client's name, away from column borders
  await page.waitForFunction(() => window.widgets[0].widgets().some((w) => w.id === 'dialog:accept'),
    null, { timeout: 10000 });
  const opened = await page.evaluate(() => window.crmEvents.filter((e) => e.which === 'main' &&
    e.name === 'dialogOpened').map((e) => e.detail.id));
  assert(opened.includes(id), `dialogOpened {id: ${id}} reached the host: ${opened}`);
  await clickIn(page, 0, 'dialog:accept');
  let mode = '';
  for (let i = 0; i < 50 && mode !== 'accepted'; i++) {
    const r = await fetch(server.url + 'api/dialogs/' + id, { headers: { authorization: 'Bearer ' + token } });
    mode = (await r.json()).dialog?.mode;
    if (mode !== 'accepted') await new Promise((res) => setTimeout(res, 200));
  }
  assert(mode === 'accepted', `the server has the dialog accepted (mode ${mode})`);
  // The other widget hears it live: the row leaves its New list.
  await page.waitForFunction((rowId) => !window.widgets[1].widgets().some((w) => w.id === rowId),
    first.id, { timeout: 10000 });
  await page.waitForTimeout(300);
  await screenshot(page, 'crm-server');
  await context.close();
});

test('the server answers the preflight for the token and idempotency headers', async () => {
  const ask = (origin) => fetch(server.url + 'api/dialogs/1/accept', { method: 'OPTIONS', headers: {
    origin, 'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type,idempotency-key' } });
  const ok = await ask(crmOrigin);
  assert(ok.status === 204, `allowed origin: 204, got ${ok.status}`);
  assert(ok.headers.get('access-control-allow-origin') === crmOrigin, 'the origin is echoed');
  const allowed = ok.headers.get('access-control-allow-headers').toLowerCase();
  for (const h of ['authorization', 'content-type', 'idempotency-key']) {
    assert(allowed.includes(h), `${h} is allowed: ${allowed}`);
  }
  const refused = await ask(new URL(stranger.url).origin);
  assert(refused.status === 403, `unknown origin: 403, got ${refused.status}`);
  assert(!refused.headers.get('access-control-allow-origin'), 'no CORS header for it');
});

test('on an origin the server does not allow the widget is refused and says so', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(crmUrl(stranger.url));
  await page.waitForFunction(() => window.widgets.length === 2 && window.widgets[0].widgets()
    .some((w) => w.id === 'connection' && w.label.includes('Нет связи')), null, { timeout: 30000 });
  const rowsDrawn = (await published(page, 0)).filter((w) => w.id.startsWith('row:'));
  assert(rowsDrawn.length === 0, `no rows from a refused origin, got ${rowsDrawn.length}`);
  const errors = await page.evaluate(() => window.crmEvents.filter((e) => e.name === 'error')
    .map((e) => e.detail.message));
  assert(errors.some((m) => m.includes('Нет связи')), `the host heard an error: ${errors}`);
  await page.evaluate(() => window.widgets[0].element.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await screenshot(page, 'crm-server-refused');
  await context.close();
});

await runAndExit(
  () => browser.close(),
  () => server.stop(),
  () => crm.close(),
  () => stranger.close());
