// Accessibility: the canvas's DOM mirror as Chromium's accessibility tree
// sees it, an operator's task done with the keyboard alone, the focus ring,
// and text that stays sharp when the pixel ratio changes.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';
import { openInbox, widgets, widget, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();
const ACCENT = [0x25, 0x63, 0xeb];  // ui/theme.cpp, the light theme

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 }, ...options });
  const page = await context.newPage();
  await openInbox(page, server.url);
  return page;
}

// Chromium's accessibility tree: the nodes that are not ignored, as
// {role, name, selected, checked, multiline}.
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const property = (n, name) => ((n.properties || []).find((p) => p.name === name) || {}).value;
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role && n.role.value, name: (n.name && n.name.value) || '',
    selected: (property(n, 'selected') || {}).value,
    multiline: (property(n, 'multiline') || {}).value,
  }));
}

// The id of the widget whose mirror element has the focus; 'text' when the
// app's text field has it (typing goes into an InputText).
const focusedId = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el && el.tagName === 'TEXTAREA' ? 'text' : el && el.dataset ? el.dataset.id || '' : '';
});

// Presses Tab until `wanted(id)` holds for the focused widget's id.
async function tabTo(page, wanted, limit = 120) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const id = await focusedId(page);
    seen.push(id);
    if (wanted(id)) return id;
  }
  throw new Error('Tab never reached the control; it went through ' + seen.join(' '));
}

// Puts window.canvasCopy() into the page: the canvas's last frame copied into a 2D
// context to read pixels from, and the device pixels per CSS pixel.
const addCanvasCopy = (page) => page.evaluate(() => {
  window.canvasCopy = () => {
    const canvas = document.querySelector('canvas');
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const g = copy.getContext('2d');
    g.drawImage(canvas, 0, 0);
    return { canvas, scale: canvas.width / canvas.clientWidth, g };
  };
});

// How many of the canvas's pixels on the rectangle's outline (in CSS pixels,
// 1-3 px outside it) have the accent colour.
const ringPixels = async (page, w) => (await addCanvasCopy(page), page.evaluate(([w, accent]) => {
  const { canvas, scale, g } = window.canvasCopy();
  let hits = 0, total = 0;
  const near = (x, y) => {
    const [r, gr, b] = g.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
    total++;
    if (Math.abs(r - accent[0]) + Math.abs(gr - accent[1]) + Math.abs(b - accent[2]) < 60) hits++;
  };
  const right = Math.min(w.x + w.w, canvas.clientWidth - 16);
  for (let x = w.x + 4; x < right - 4; x += 7) { near(x, w.y - 1); near(x, w.y + w.h + 1); }
  return hits / total;
}, [w, ACCENT]));


test('the accessibility tree has the mode tabs with counts, the grid of dialogs and the composer', async () => {
  const page = await newPage();
  const nodes = await axNodes(page);
  const tabs = nodes.filter((n) => n.role === 'tab');
  assert(tabs.length === 3, `three mode tabs: ${JSON.stringify(tabs)}`);
  assert(nodes.some((n) => n.role === 'tablist'), 'the tabs are in a tablist');
  const published = (await widgets(page)).find((w) => w.id === 'tab:new');
  assert(/\d/.test(published.value), `the tab publishes its counts: ${published.value}`);
  const newTab = tabs.find((t) => t.name.startsWith(published.label));
  assert(newTab && newTab.name.includes(published.value), `the tab's name has its counts: ${newTab && newTab.name}`);
  assert(tabs.filter((t) => t.selected === true).length === 1 && newTab.selected === true,
    `only the current tab is selected: ${JSON.stringify(tabs)}`);

  assert(nodes.some((n) => n.role === 'grid'), 'the dialogs are a grid');
  const headers = nodes.filter((n) => n.role === 'columnheader');
  assert(headers.length >= 3, `the grid has column headers: ${headers.map((h) => h.name)}`);
  const names = (await widgets(page)).filter((w) => w.id.startsWith('row:')).map((w) => w.label);
  const axRows = nodes.filter((n) => n.role === 'row');
  for (const name of names) {
    assert(axRows.some((r) => r.name.includes(name)), `a grid row is named after ${name}`);
  }

  const first = (await widgets(page)).find((w) => w.id.startsWith('row:'));
  await page.evaluate((id) => window.inbox.openDialog(id), Number(first.id.slice(4)));
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'composer'));
  const after = await axNodes(page);
  const box = after.find((n) => n.role === 'textbox' && n.name === 'Сообщение');
  assert(box && box.multiline === true, `a multi-line textbox "Сообщение": ${JSON.stringify(box)}`);
  assert(after.some((n) => n.role === 'log'), 'the history is a log');
  const selectedRows = after.filter((n) => n.role === 'row' && n.selected === true);
  assert(selectedRows.length === 1 && selectedRows[0].name.includes(first.label),
    `the open dialog's row is selected: ${JSON.stringify(selectedRows)}`);
});

test('an operator answers a dialog with the keyboard alone', async () => {
  const page = await newPage();
  const rowId = await tabTo(page, (id) => id.startsWith('row:'));
  const row = await widget(page, rowId);
  await page.waitForTimeout(100);  // the ring is drawn in the next frame
  const ring = await ringPixels(page, row);
  await screenshot(page, 'a11y-focus-row');
  assert(ring > 0.8, `a focus ring in the accent colour around the row (${ring})`);

  await page.keyboard.press('Enter');
  await waitFor(page, (name) => (window.inbox.widgets().find((w) => w.id === 'dialog') || {}).label === name,
    row.label);
  const composerBefore = await focusedId(page);
  assert(composerBefore.startsWith('row:'), `Enter keeps the focus on the row: ${composerBefore}`);
  await tabTo(page, (id) => id === 'text');
  const ringOnComposer = await ringPixels(page, await widget(page, 'composer'));
  assert(ringOnComposer > 0.8, `the composer has the ring while typing (${ringOnComposer})`);
  const reply = 'Здравствуйте! Заказ отправлен сегодня.';
  await page.keyboard.type(reply);
  await screenshot(page, 'a11y-focus-composer');
  await page.keyboard.press('Enter');
  await waitFor(page, (text) => window.inbox.widgets().some((w) => w.id.startsWith('message:') && w.label === text),
    reply, 15000);
  const logged = await page.evaluate(() => document.querySelector('[role=log]').textContent);
  assert(logged.includes(reply), 'the reply is in the history log of the mirror');

  // Tab goes on from the composer to the next control, Shift+Tab comes back.
  const next = await tabTo(page, (id) => id !== 'text', 1);
  assert(next.startsWith('composer:'), `Tab from the composer reaches the composer's buttons: ${next}`);
  await page.keyboard.press('Shift+Tab');
  assert(await focusedId(page) === 'text', 'Shift+Tab returns to the composer');
});

test('the mirror takes no clicks meant for the canvas', async () => {
  const page = await newPage();
  const first = (await widgets(page)).find((w) => w.id.startsWith('row:'));
  const box = await page.locator('canvas').boundingBox();
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).tagName,
    [box.x + first.x + first.w / 2, box.y + first.y + first.h / 2]);
  assert(hit === 'CANVAS', `a click on a row lands on the canvas: ${hit}`);
  const mirror = await page.evaluate(() => {
    const m = document.querySelector('.chats-a11y-mirror');
    const style = getComputedStyle(m);
    return { display: style.display, hidden: m.getAttribute('aria-hidden'), size: m.getBoundingClientRect().width };
  });
  assert(mirror.display !== 'none' && mirror.hidden === null && mirror.size <= 1,
    `the mirror is visually hidden, not hidden from assistive technology: ${JSON.stringify(mirror)}`);
});

// The sharpest step between two neighbouring pixels along the rows of the
// page title "Чаты" (dark on light), in device pixels: 0-255.
const titleSharpness = async (page) => (await addCanvasCopy(page), page.evaluate(() => {
  const { scale, g } = window.canvasCopy();
  const tab = window.inbox.widgets().find((w) => w.id === 'tab:new');
  const x0 = Math.round(tab.x * scale), y0 = Math.round(tab.y * scale);
  const w = Math.round(tab.w * scale), h = Math.round(tab.h * scale);
  const data = g.getImageData(x0, y0, w, h).data;
  const steps = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x + 1 < w; x++) {
      const a = data[(y * w + x) * 4 + 1], b = data[(y * w + x + 1) * 4 + 1];
      steps.push(Math.abs(a - b));
    }
  }
  steps.sort((p, q) => q - p);
  return { ratio: scale, step: steps[Math.floor(steps.length * 0.005)] };  // the top 0.5 %
}));

test('text is rasterised anew for the pixel ratio and stays sharp at 2x', async () => {
  const page = await newPage();
  const one = await titleSharpness(page);
  const cdp = await page.context().newCDPSession(page);
  // As the browser's zoom does: the device pixel ratio changes under the page
  // (headless Chromium tells the page only with a change of size too).
  await cdp.send('Emulation.setDeviceMetricsOverride',
    { width: 1400, height: 800, deviceScaleFactor: 2, mobile: false });
  await page.waitForFunction(() => devicePixelRatio === 2, null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('canvas').width === 2800, null, { timeout: 10000 })
    .catch(async (e) => {
      throw new Error(e.message + ' ' + await page.evaluate(() => document.querySelector('canvas').width));
    });
  await page.waitForTimeout(300);
  const two = await titleSharpness(page);
  await screenshot(page, 'a11y-zoom-2x');
  const fresh = await newPage({ deviceScaleFactor: 2 });
  const born = await titleSharpness(fresh);
  await screenshot(fresh, 'a11y-start-2x');
  console.log(`  sharpest steps: 1x ${one.step}, zoomed to 2x ${two.step}, started at 2x ${born.step}`);
  assert(two.ratio === 2 && born.ratio === 2, 'the canvas has two device pixels per CSS pixel');
  // A 1x atlas stretched to 2x spreads each edge over two pixels, about
  // halving the steps; sharp 2x text stays near 1x's (thicker stems: a bit less).
  assert(born.step >= 0.7 * one.step, `text started at 2x is sharp: ${born.step} vs ${one.step} at 1x`);
  assert(two.step >= 0.9 * born.step, `text zoomed to 2x is as sharp as started at 2x: ${two.step}`);
});

await runAndExit(() => browser.close(), () => server.close());
