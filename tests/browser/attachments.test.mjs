// Files in the history open from their bubble: a click on the chip downloads
// the file with its own name through the session (real server, real input),
// the pointer turns into a hand over it, and a file the server no longer has
// says so in a toast. Screenshots in both themes at 1x and 2x.
import fs from 'node:fs';
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 120 });
const browser = await launchBrowser();

async function signedIn(deviceScaleFactor) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 },
    deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url + 'api/me');
  await page.evaluate(() => fetch('/api/login', { method: 'POST',
    body: JSON.stringify({ email: 'owner@romashka.ru', password: 'demo1234' }) }));
  await page.goto(server.url);
  await page.waitForFunction(() => window.inbox &&
    window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
  return { context, page };
}

// Uploads files and sends them in one message of a dialog, through the API.
async function sendFiles(page, dialog, text, files) {
  return page.evaluate(async ([id, t, list]) => {
    const attachments = [];
    for (const f of list) {
      if (f.url) { attachments.push(f); continue; }
      const r = await fetch('api/uploads', { method: 'POST', body: new Uint8Array(f.bytes),
        headers: { 'Content-Type': f.mime, 'X-File-Name': encodeURIComponent(f.name) } });
      attachments.push(await r.json());
    }
    const r = await fetch(`api/dialogs/${id}/messages`, { method: 'POST',
      body: JSON.stringify({ text: t, attachments }) });
    return (await r.json()).message.id;
  }, [dialog, text, files]);
}

async function hoverAndClick(page, id) {
  const box = await page.locator('canvas').boundingBox();
  const w = await widget(page, id);
  const x = box.x + w.x + w.w / 2, y = box.y + w.y + w.h / 2;
  await page.mouse.move(x, y);
  await page.waitForTimeout(150);
  const cursor = await page.evaluate(() => window.inbox.canvas.style.cursor);
  await page.mouse.click(x, y);
  return cursor;
}

const pdf = Array.from({ length: 70 * 1024 }, (_, i) => (i * 31) % 251);
const png = [...fs.readFileSync(path.join(site, 'fonts', 'NotoSans-Bold.ttf')).subarray(0, 2048)];

async function openDialogWithFiles(page) {
  const first = (await rows(page))[0];
  const dialog = Number(first.id.slice(4));
  const files = await sendFiles(page, dialog, 'Счёт и фото склада во вложении', [
    { name: 'Счёт №15.pdf', mime: 'application/pdf', bytes: pdf },
    { name: 'склад.png', mime: 'image/png', bytes: png }]);
  // A message whose upload the server no longer has (its folder was cleaned).
  const gone = await sendFiles(page, dialog, '', [{ name: 'старый договор.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    url: '/api/uploads/' + '0'.repeat(32), size: 1536 * 1024 }]);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + first.x + 200, box.y + first.y + first.h / 2);
  await page.waitForTimeout(120);
  await page.mouse.click(box.x + first.x + 200, box.y + first.y + first.h / 2);
  await waitFor(page, (i) => window.inbox.widgets().some((w) => w.id === `file:${i}:0`), gone, 15000);
  return { files, gone };
}

test('a file in a bubble downloads under its name; a gone one says so', async () => {
  const { context, page } = await signedIn(1);
  const { files, gone } = await openDialogWithFiles(page);
  assert((await widget(page, `file:${files}:0`)).label === 'Счёт №15.pdf', 'the chip names the file');
  assert((await widget(page, `file:${files}:1`)).label === 'склад.png', 'one chip per file');

  const [download, cursor] = await Promise.all([page.waitForEvent('download'),
    hoverAndClick(page, `file:${files}:0`)]);
  assert(cursor === 'pointer', `a hand over the chip, got ${cursor}`);
  assert(download.suggestedFilename() === 'Счёт №15.pdf', download.suggestedFilename());
  const saved = fs.readFileSync(await download.path());
  assert(saved.length === pdf.length && saved.every((b, i) => b === pdf[i]), 'the same bytes');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'files-light-1x');

  await hoverAndClick(page, `file:${gone}:0`);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'toast'));
  const toast = (await widgets(page)).find((w) => w.id === 'toast').label;
  assert(toast === 'Файл не открылся: Файла больше нет на сервере', toast);
  await screenshot(page, 'files-gone-toast');
  await page.evaluate(() => window.inbox.setLook({ theme: 'dark', locale: 'en' }));
  await page.waitForTimeout(300);
  await screenshot(page, 'files-dark-en-1x');
  await context.close();
});

test('the chips at a pixel ratio of 2, both themes', async () => {
  const { context, page } = await signedIn(2);
  await openDialogWithFiles(page);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(200);
  await screenshot(page, 'files-light-2x');
  await page.evaluate(() => window.inbox.setLook({ theme: 'dark' }));
  await page.waitForTimeout(300);
  await screenshot(page, 'files-dark-2x');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
