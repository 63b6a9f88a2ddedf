// Client pictures against the real server: a client whose avatar_url is a PNG
// uploaded through the API (fetched with the session) shows the picture, in
// the row, the dialog header and the sidebar; one whose URL answers 404 keeps
// its initials and is asked for once only; the seeded clients' relative
// avatars/N.png come from the site folder. Screenshots at 1x and 2x, light
// and dark.
import fs from 'node:fs';
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { widgets, waitFor, waitForWidget, press, signIn } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const EMAIL = 'owner@romashka.ru';

const server = await startChatsServer({ binary, site, demo: 200 });
const browser = await launchBrowser();
const { token } = await server.api('POST', 'api/login', { email: EMAIL, password: 'demo1234' });
const api = (method, route, body) => server.api(method, route, body, token);

// A picture the API keeps: one of the demo's, uploaded like an attachment.
const png = fs.readFileSync(path.join(site, 'avatars', '9.png'));
const upload = await fetch(server.url + 'api/uploads', { method: 'POST', body: png,
  headers: { authorization: 'Bearer ' + token, 'content-type': 'image/png',
    'x-file-name': 'face.png' } });
assert(upload.status === 201, `the picture uploads: ${upload.status}`);
const pictureUrl = (await upload.json()).url;

const stamp = Date.now();
const MISSING = 'avatars/missing-' + stamp + '.png';
const source = (await api('GET', 'api/directory')).sources[0];
async function ingest(name, avatarUrl) {
  const answer = await api('POST', 'api/ingest', { source_id: source.id,
    external_id: 'avatar-' + name + '-' + stamp,
    client: { identity: 'avatar-' + name + '-' + stamp, name, avatar_url: avatarUrl },
    text: 'Здравствуйте, это ' + name });
  return answer.row.dialog.id;
}
// The missing one first: the pictured one is then the newest, the top row.
const missingDialog = await ingest('Пётр Без Фото', MISSING);
const pictureDialog = await ingest('Анна С Фото', pictureUrl);

async function operatorPage(scale, theme) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 },
    deviceScaleFactor: scale });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await signIn(page, server.url, EMAIL);
  if (theme === 'dark') await page.evaluate(() => window.inbox.setLook({ theme: 'dark' }));
  return { page, asked };
}

const avatarOf = async (page, id) =>
  ((await widgets(page)).find((w) => w.id === 'avatar:' + id) || {}).label;

for (const [scale, theme] of [[1, 'light'], [2, 'dark']]) {
  test(`at ${scale}x (${theme}) the uploaded picture shows and the missing one keeps its initials`,
    async () => {
      const { page, asked } = await operatorPage(scale, theme);
      await waitFor(page, (id) => window.inbox.widgets().some((w) => w.id === 'avatar:' + id &&
        w.label === 'image'), pictureDialog, 15000);
      // The 404 has been answered and reported ("loading" before): initials that stay.
      await waitFor(page, (id) => window.inbox.widgets().some((w) => w.id === 'avatar:' + id &&
        w.label === 'initials'), missingDialog, 15000);
      for (let i = 0; i < 5; i++) {
        await page.mouse.move(300 + i * 10, 300);
        await page.waitForTimeout(100);
      }
      assert(await avatarOf(page, missingDialog) === 'initials',
        `the missing picture stays initials: ${await avatarOf(page, missingDialog)}`);
      assert(await avatarOf(page, pictureDialog) === 'image', 'the picture stays');

      // Seeded clients: a relative avatars/N.png shows; no URL stays initials.
      const listed = (await api('GET', 'api/dialogs?mode=new&sort=last_message&order=desc&limit=8'))
        .rows;
      await waitFor(page, (expect) => expect.every(([id, pictured]) => {
        const w = window.inbox.widgets().find((x) => x.id === 'avatar:' + id);
        return w && w.label === (pictured ? 'image' : 'initials');
      }), listed.map((r) => [r.dialog.id, r.client.avatar_url !== '' &&
        !r.client.avatar_url.includes('missing')]), 15000);
      assert(listed.some((r) => r.client.avatar_url.startsWith('avatars/')),
        'some seeded clients on screen have a picture');
      await screenshot(page, `avatars-list-${theme}@${scale}x`);

      // The open dialog: its header and the sidebar's card show the picture too.
      await press(page, 'row:' + pictureDialog, 200);
      await waitForWidget(page, 'composer');
      await waitFor(page, () => ['avatar:dialog', 'avatar:card'].every((id) =>
        window.inbox.widgets().some((w) => w.id === id && w.label === 'image')), undefined, 10000);
      await screenshot(page, `avatars-dialog-${theme}@${scale}x`);

      // Asked for once each, however many frames drew them.
      const count = (suffix) => asked.filter((u) => u.endsWith(suffix)).length;
      assert(count(MISSING) === 1, `the missing picture was asked for once: ${count(MISSING)}`);
      assert(count(pictureUrl) === 1, `the picture was asked for once: ${count(pictureUrl)}`);
      await page.context().close();
    });
}

test('after a zoom to 2x the picture is loaded again, sharper, and shows meanwhile', async () => {
  const { page, asked } = await operatorPage(1, 'light');
  const shown = () => waitFor(page, (id) => window.inbox.widgets().some((w) =>
    w.id === 'avatar:' + id && w.label === 'image'), pictureDialog, 15000);
  await shown();
  const count = () => asked.filter((u) => u.endsWith(pictureUrl)).length;
  assert(count() === 1, `asked for once at 1x: ${count()}`);
  // The browser's zoom to 200 %: half the CSS pixels, each two device pixels wide.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride',
    { width: 700, height: 410, deviceScaleFactor: 2, mobile: false });
  await waitFor(page, () => window.devicePixelRatio === 2);
  for (let i = 0; i < 100 && count() < 2; i++) {
    assert(await avatarOf(page, pictureDialog) === 'image', 'the old picture shows meanwhile');
    await page.waitForTimeout(50);
  }
  assert(count() === 2, `asked for again at 2x: ${count()}`);
  await shown();
  await page.waitForTimeout(500);
  assert(count() === 2, `and only once: ${count()}`);
  await page.context().close();
});

await runAndExit(() => browser.close(), () => server.stop());
