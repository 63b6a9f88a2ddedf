// The operator app (index.html) on static hosting: the view lives in the URL's
// fragment (reload, back and forward), the tab title counts unread dialogs,
// the settings menu switches theme and language and remembers them, and the
// help entry opens the configured link.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';
import { openInbox, rows, widgets, click, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();

async function newPage(width = 1400, height = 820) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  return page;
}
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));
const has = (page, id) => page.evaluate((i) => window.inbox.widgets().some((w) => w.id === i), id);

test('the URL holds mode, search and the open dialog; back, forward and reload follow it', async () => {
  const page = await newPage();
  await openInbox(page, server.url + '#mode=accepted&search=' + encodeURIComponent('ан'));
  await waitFor(page, () => window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
    .every((w) => w.label.toLowerCase().includes('ан')));
  assert(await hash(page) === '#mode=accepted&search=ан', `the link is kept: ${await hash(page)}`);
  const accepted = (await rows(page)).map((r) => r.id).join();

  await click(page, 'tab:archived');
  await page.waitForFunction(() => location.hash.startsWith('#mode=archived'));
  const first = (await rows(page))[0];
  await click(page, first.id, { dx: 160 });  // on the name, away from column borders
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'dialog'));
  const id = first.id.slice(4);
  await page.waitForFunction((i) => location.hash.endsWith('&dialog=' + i), id);
  await screenshot(page, 'app-deep-link-dialog');

  // Reload: the same mode, search and dialog.
  await page.reload();
  await waitFor(page, () => window.inbox && window.inbox.widgets().some((w) => w.id === 'dialog'), null, 30000);
  assert((await hash(page)).endsWith('&dialog=' + id), `after reload: ${await hash(page)}`);

  // Back closes the dialog, back again returns to Accepted; forward goes to the archive.
  await page.goBack();
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'dialog'));
  assert(!(await hash(page)).includes('dialog='), `back closed the dialog: ${await hash(page)}`);
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith('#mode=accepted'));
  // The same view again (simulated traffic may have moved a row meanwhile).
  await waitFor(page, (a) => {
    const now = window.inbox.widgets().filter((w) => w.id.startsWith('row:'));
    return now.length > 0 && now.every((w) => w.label.toLowerCase().includes('ан')) &&
      now.some((w) => a.split(',').includes(w.id));
  }, accepted);
  await page.goForward();
  await page.waitForFunction(() => location.hash.startsWith('#mode=archived'));
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'dialog'));
  assert(page.errors.length === 0, `no page errors: ${page.errors}`);
});

test('a bad link shows the default view and the URL is put right', async () => {
  const page = await newPage();
  await page.goto(server.url + '#mode=soon');
  await page.waitForFunction(() => window.inbox && window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  assert(await has(page, 'tab:new'), 'the inbox is up');
  await page.waitForFunction(() => location.hash === '#mode=new');
});

test('the tab title counts unread dialogs', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  await page.waitForFunction(() => /^\(\d+\) Чаты$/.test(document.title));
});

test('the settings menu switches theme and language, and a reload remembers them', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  await click(page, 'settings');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'settings:theme:dark'));
  await page.waitForTimeout(200);
  await screenshot(page, 'app-settings-light');
  await click(page, 'settings:theme:dark');
  await click(page, 'settings:locale:en');
  await waitFor(page, () => window.inbox.widgets().find((w) => w.id === 'tab:new').label === 'New');
  await page.waitForTimeout(200);
  await screenshot(page, 'app-settings-dark-en');
  await click(page, 'settings:notifications');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('chats-inbox.settings') || '{}')
    .notifications === false);
  // While the module loads (held back here), the page is already dark, not white.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/chats_client.wasm', async (route) => { await held; await route.continue(); });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#app canvas'));
  const loading = await page.evaluate(() => [getComputedStyle(document.getElementById('app'))
    .backgroundColor, document.querySelector('#app canvas').style.visibility]);
  release();
  assert(loading[0] === 'rgb(30, 33, 40)' && loading[1] === 'hidden',
    `dark while loading, the canvas hidden: ${loading}`);
  await page.waitForFunction(() => window.inbox && window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  assert(await page.evaluate(() => document.getElementById('app').style.backgroundColor) === '',
    'the page\'s own background once the app shows');
  await page.unroute('**/chats_client.wasm');
  const look = await page.evaluate(() => window.inbox.look());
  assert(look.theme === 'dark' && look.locale === 'en', `remembered: ${JSON.stringify(look)}`);
  assert((await widgets(page)).find((w) => w.id === 'tab:new').label === 'New', 'English after reload');
  assert(/Chats|Чаты/.test(await page.title()), 'the title is still the app\'s');
  await page.waitForTimeout(200);
  await screenshot(page, 'app-dark-en-reloaded');
});

test('"Помощь / поддержка" opens the configured link', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  await page.evaluate(async () => {
    window.inbox.unmount();
    window.inbox = await ChatsInbox.mount(document.getElementById('app'),
      { app: true, helpUrl: 'https://help.example.ru/chats' });
  });
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('row:')));
  await click(page, 'settings');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'settings:help'));
  const label = (await widgets(page)).find((w) => w.id === 'settings:help').label;
  assert(label.includes('Помощь / поддержка'), `the entry reads ${label}`);
  await page.context().route('https://help.example.ru/**',
    (r) => r.fulfill({ contentType: 'text/html', body: '<title>Помощь</title>' }));
  const popup = page.context().waitForEvent('page', { timeout: 10000 });
  await click(page, 'settings:help');
  const opened = await popup;
  await opened.waitForURL('https://help.example.ru/chats', { timeout: 10000 });
});

await runAndExit(() => browser.close(), () => server.close());
