// The client against the real server: the login screen driven by real mouse
// and keyboard input, rows from GET /api/dialogs, and a message ingested from
// outside arriving live over the WebSocket.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, click, waitFor, waitForWidget } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const EMAIL = 'owner@romashka.ru';
const PASSWORD = 'demo1234';

const HELP = 'https://help.example.ru/chats';
const server = await startChatsServer({ binary, site, demo: 300, helpUrl: HELP });
const { api } = server;
const browser = await launchBrowser();



let page;

test('an operator without a session sees the login screen and signs in with it', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  page = await context.newPage();
  await page.goto(server.url);
  await waitForWidget(page, 'login:email');
  assert(await page.evaluate(() => window.inbox.backend) === 'server', 'auto chose the server');
  assert((await widget(page, 'login:submit')).label === 'Войти', 'the button reads "Войти"');
  await screenshot(page, 'server-login');

  // The card's language switch turns it English, and the page remembers the choice.
  const labels = async () => Object.fromEntries((await widgets(page))
    .filter((w) => w.id.startsWith('login:')).map((w) => [w.id, w.label]));
  await click(page, 'login:locale:en');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'login:submit' &&
    w.label === 'Sign in'));
  let shown = await labels();
  assert(shown['login:title'] === 'Sign in to Chats' && shown['login:password'] === 'Password',
    `the card reads English: ${JSON.stringify(shown)}`);
  await screenshot(page, 'server-login-en');
  await page.reload();
  await waitForWidget(page, 'login:email');
  shown = await labels();
  assert(shown['login:submit'] === 'Sign in', `English is kept after a reload: ${JSON.stringify(shown)}`);
  await click(page, 'login:locale:ru');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'login:submit' &&
    w.label === 'Войти'));
  assert((await labels())['login:title'] === 'Вход в Чаты', 'and Russian again after RU');

  // A wrong password shows an error and keeps the login screen.
  await click(page, 'login:email');
  await page.keyboard.type(EMAIL);
  await click(page, 'login:password');
  await page.keyboard.type('wrong-password');
  await click(page, 'login:submit');
  await waitForWidget(page, 'login:error');
  await screenshot(page, 'server-login-error');

  await click(page, 'login:password');
  for (let i = 0; i < 'wrong-password'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(PASSWORD);
  await click(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  assert((await rows(page)).length >= 10, 'rows from the server are drawn');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Онлайн'), undefined, 15000);
  await screenshot(page, 'server-table');
});

test('a message ingested from outside appears live as a new row', async () => {
  assert(page, 'the previous test logged in');
  const { token } = await api('POST', 'api/login', { email: EMAIL, password: PASSWORD });
  const directory = await api('GET', 'api/directory', null, token);
  const source = directory.sources[0];
  assert(source, 'the demo account has a source');
  const stamp = Date.now();
  const name = 'Тестовый Клиент ' + stamp;
  const answer = await api('POST', 'api/ingest', {
    source_id: source.id,
    external_id: 'e2e-' + stamp,
    client: { identity: 'e2e-client-' + stamp, name },
    text: 'Новое сообщение из теста',
  }, token);
  assert(answer.row, 'the ingest created a row');
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
    w.label.includes(n)), name, 15000);
  await screenshot(page, 'server-live-row');
});

test('emoji in an incoming message are drawn: the text brings their glyphs', async () => {
  assert(page, 'the previous test logged in');
  const chunks = [];
  page.on('request', (r) => {
    const m = r.url().match(/fonts\/symbols-(\d+)\.ttf$/);
    if (m) chunks.push(Number(m[1]));
  });
  const has = (c) => page.evaluate((cp) => window.inbox.hasGlyph(cp), c);
  const PRAY = 0x1F64F, HEART = 0x2764, GRIN = 0x1F600, LETTER = 0x416;  // 🙏 ❤ 😀 Ж
  assert(await has(LETTER) && !(await has(PRAY)) && !(await has(HEART)),
    'the atlas starts with letters and no emoji');

  const { token } = await api('POST', 'api/login', { email: EMAIL, password: PASSWORD });
  const source = (await api('GET', 'api/directory', null, token)).sources[0];
  const stamp = Date.now();
  const name = 'Эмма ' + stamp;
  await api('POST', 'api/ingest', { source_id: source.id, external_id: 'emoji-' + stamp,
    client: { identity: 'emoji-' + stamp, name }, text: 'Спасибо \u{1F64F} \u2764\uFE0F' }, token);
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
    w.label.includes(n)), name, 15000);
  await waitFor(page, (cps) => cps.every((c) => window.inbox.hasGlyph(c)), [PRAY, HEART, 0xFE0F],
    15000);
  assert(!(await has(GRIN)), 'an emoji no text used is not in the atlas');
  assert(JSON.stringify([...chunks].sort()) === '[0,4]',
    `only the two chunks the message uses were fetched, once each: ${chunks}`);
  await screenshot(page, 'server-emoji-row');

  // Typed by the operator: 🔥 in the search field brings its chunk too.
  const FIRE = 0x1F525;
  assert(!(await has(FIRE)), 'no text used 🔥 yet');
  await click(page, 'search');
  await page.keyboard.type('\u{1F525}');
  await waitFor(page, (c) => window.inbox.hasGlyph(c), FIRE, 15000);
  await screenshot(page, 'server-emoji-search');
  await page.keyboard.press('Backspace');
  await waitFor(page, () => window.inbox.widgets().filter((w) => w.id.startsWith('row:')).length > 1);
});

test('a name in another Latin alphabet is drawn: its letters come with it', async () => {
  assert(page, 'the previous test logged in');
  const letters = [];
  page.on('request', (r) => { if (/fonts\/letters-\d+\.ttf$/.test(r.url())) letters.push(r.url()); });
  const S_CEDILLA = 0x15E, SCHWA = 0x18F, L_STROKE = 0x141;  // Ş Ə Ł
  assert(!(await page.evaluate((c) => window.inbox.hasGlyph(c), S_CEDILLA)),
    'the atlas starts without Ş');
  const { token } = await api('POST', 'api/login', { email: EMAIL, password: PASSWORD });
  const source = (await api('GET', 'api/directory', null, token)).sources[0];
  const stamp = Date.now();
  const name = 'Şahin Əliyev ' + stamp;
  await api('POST', 'api/ingest', { source_id: source.id, external_id: 'latin-' + stamp,
    client: { identity: 'latin-' + stamp, name }, text: 'Merhaba! Sipariş Łódź’a gitti mi?' }, token);
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
    w.label.includes(n)), name, 15000);
  await waitFor(page, (cps) => cps.every((c) => window.inbox.hasGlyph(c)),
    [S_CEDILLA, SCHWA, L_STROKE], 15000);
  assert(letters.length === 1, `the letters' chunk was fetched once: ${letters}`);
  await screenshot(page, 'server-latin-row');
});

test('the settings menu has the help link the server was started with', async () => {
  assert(page, 'the previous test logged in');
  await click(page, 'settings');
  await waitForWidget(page, 'settings:help', 10000);
  assert((await widget(page, 'settings:help')).label.includes('Помощь / поддержка'),
    'the entry reads "Помощь / поддержка"');
  await page.context().route(HELP + '**', (r) => r.fulfill({ contentType: 'text/html', body: 'help' }));
  const popup = page.context().waitForEvent('page', { timeout: 10000 });
  await click(page, 'settings:help');
  await (await popup).waitForURL(HELP, { timeout: 10000 });
});

await runAndExit(() => browser.close(), () => server.stop());
