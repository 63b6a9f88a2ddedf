// The inbox as a widget in a CRM page (web/crm-example.html, served from the
// site folder): two widgets with their own module and canvas draw rows, the
// wheel scrolls the page outside them and only the widget over them, and the
// keyboard reaches a widget only after a click into it, until Escape or a
// click outside gives it back; the host changes the look and unmounts.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit, outputDir } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();

async function openCrm() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Simulated traffic off: these tests compare rows before and after.
  await page.goto(server.url + 'crm-example.html?traffic=off');
  await page.waitForFunction(() => window.widgets.length === 2 && window.widgets.every(
    (w) => w.widgets().some((x) => x.id.startsWith('row:'))), null, { timeout: 30000 });
  assert(errors.length === 0, `no page errors, saw ${errors}`);
  return page;
}

// The published widgets of widget i (0 the main one, 1 the small one).
function published(page, i) {
  return page.evaluate((n) => window.widgets[n].widgets(), i);
}
async function rowIds(page, i) {
  return (await published(page, i)).filter((w) => w.id.startsWith('row:')).map((w) => w.id).join();
}
async function canvasBox(page, i) {
  const id = await page.evaluate((n) => window.widgets[n].canvas.id, i);
  return page.locator('#' + id).boundingBox();
}
async function clickIn(page, i, id) {
  const w = (await published(page, i)).find((x) => x.id === id);
  assert(w, `widget ${i} publishes ${id}`);
  const box = await canvasBox(page, i);
  await page.mouse.click(box.x + w.x + w.w / 2, box.y + w.y + w.h / 2);
}
function widgetHasFocus(page, i) {
  return page.evaluate((n) => window.widgets[n].hasFocus(), i);
}
const scrollY = (page) => page.evaluate(() => window.scrollY);

test('two widgets in the CRM page draw rows, each in its own canvas and module', async () => {
  const page = await openCrm();
  const ids = await page.evaluate(() => window.widgets.map((w) => w.canvas.id));
  assert(ids[0] !== ids[1], `distinct canvas ids ${ids}`);
  assert(await page.locator('canvas').count() === 2, 'two canvases in the page');
  for (const i of [0, 1]) {
    const rows = (await published(page, i)).filter((w) => w.id.startsWith('row:'));
    assert(rows.length > 0, `widget ${i} drew rows`);
  }
  const small = await canvasBox(page, 1);
  assert(Math.round(small.width) === 266 || Math.round(small.width) === 268,
    `the small widget has its fixed size, got ${small.width}x${small.height}`);
  // Separate instances: a mode change in one leaves the other as it was.
  const other = await rowIds(page, 1);
  const before = await rowIds(page, 0);
  await clickIn(page, 0, 'tab:accepted');
  await page.waitForFunction((b) => window.widgets[0].widgets().filter((w) =>
    w.id.startsWith('row:')).map((w) => w.id).join() !== b, before);
  assert(await rowIds(page, 1) === other, 'the other widget kept its rows');
  const events = await page.evaluate(() => window.crmEvents.map((e) => e.which + ':' + e.name));
  assert(events.includes('main:ready') && events.includes('small:ready'), `ready events ${events}`);
  await page.waitForTimeout(300);
  await screenshot(page, 'widget-crm');
});

test('the wheel scrolls the page outside a widget and only the widget over it', async () => {
  const page = await openCrm();
  // Outside: over the header and the deals card.
  await page.mouse.move(700, 30);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 5000 });
  assert(await scrollY(page) > 0, 'the page scrolled');

  // Bring the main widget fully into view, then wheel over it.
  await page.evaluate(() => window.widgets[0].element.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(200);
  await clickIn(page, 0, 'tab:accepted');
  await page.waitForTimeout(300);
  const box = await canvasBox(page, 0);
  const y0 = await scrollY(page);
  const first = (await published(page, 0)).find((w) => w.id.startsWith('row:')).id;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction((f) => window.widgets[0].widgets()
    .find((w) => w.id.startsWith('row:')).id !== f, first, { timeout: 5000 });
  await page.waitForTimeout(300);
  assert(await scrollY(page) === y0, `the page stayed at ${y0}, now ${await scrollY(page)}`);
  await screenshot(page, 'widget-crm-scrolled');

  // And outside again, below the widget: the page moves.
  await page.mouse.move(box.x + box.width / 2, Math.min(810, box.y + box.height + 40));
  await page.mouse.wheel(0, 200);
  await page.waitForFunction((y) => window.scrollY !== y, y0, { timeout: 5000 });
});

test('the keyboard reaches a widget only after a click into it', async () => {
  const page = await openCrm();
  await page.evaluate(() => window.widgets[0].element.scrollIntoView({ block: 'center' }));
  const before = await rowIds(page, 0);
  const smallBefore = await rowIds(page, 1);
  // Typing before any click: nothing reaches the widgets.
  await page.keyboard.type('анна');
  await page.waitForTimeout(300);
  assert(!(await widgetHasFocus(page, 0)) && !(await widgetHasFocus(page, 1)), 'no widget has focus');
  assert(await rowIds(page, 0) === before, 'the main widget ignored keys typed in the page');

  // A click into the main widget's search, then keys: the rows filter.
  await clickIn(page, 0, 'tab:accepted');
  await clickIn(page, 0, 'search');
  assert(await widgetHasFocus(page, 0), 'the click gave the widget focus');
  await page.keyboard.type('анна');
  await page.waitForFunction(() => {
    const r = window.widgets[0].widgets().filter((w) => w.id.startsWith('row:'));
    return r.length > 0 && r.every((w) => w.label.toLowerCase().includes('анна'));
  }, null, { timeout: 10000 });
  assert(await rowIds(page, 1) === smallBefore, 'the small widget got none of it');
  await screenshot(page, 'widget-crm-search');

  // Escape gives focus back to the page.
  await page.keyboard.press('Escape');
  assert(!(await widgetHasFocus(page, 0)), 'Escape released the focus');

  // Focus again, then a click outside (into the CRM's note) takes it away;
  // what is typed next goes to the note, not the widget.
  await clickIn(page, 0, 'search');
  assert(await widgetHasFocus(page, 0), 'focused again');
  const filtered = await rowIds(page, 0);
  await page.evaluate(() => document.getElementById('crm-note').scrollIntoView({ block: 'center' }));
  await page.click('#crm-note');
  assert(!(await widgetHasFocus(page, 0)), 'a click outside released the focus');
  await page.keyboard.type('перезвонить');
  assert(await page.inputValue('#crm-note') === 'перезвонить', 'the note got the text');
  await page.waitForTimeout(300);
  assert(await rowIds(page, 0) === filtered, 'the widget did not get the note text');
});

test('the host sets the locale and theme; unmount removes the widget', async () => {
  const page = await openCrm();
  const label = async (i) => (await published(page, i)).find((w) => w.id === 'tab:new').label;
  assert(await label(1) === 'Новые', 'Russian by default (the narrow widget\'s short tab)');
  const hasLook = await page.evaluate(() => window.widgets[1].look().locale === 'ru');
  assert(hasLook, 'the handle reports its look');
  const supported = await page.evaluate(() => {
    window.widgets[1].setLook({ locale: 'en', theme: 'dark' });
    return window.widgets[1].look().theme === 'dark';
  });
  assert(supported, 'setLook took the dark theme');
  await page.waitForFunction(() => window.widgets[1].widgets()
    .find((w) => w.id === 'tab:new').label === 'New', null, { timeout: 5000 });
  assert(await label(0) === 'Новые чаты', 'the other widget stays Russian');
  await page.evaluate(() => document.getElementById('inbox-small').scrollIntoView());
  await page.waitForTimeout(300);
  await screenshot(page, 'widget-crm-dark-en');
  await page.evaluate(() => window.widgets[1].unmount());
  assert(await page.locator('canvas').count() === 1, 'one canvas left after unmount');
  assert((await published(page, 0)).some((w) => w.id.startsWith('row:')), 'the other still draws');
});

test('the host opens a dialog, sets the mode and the filter, and hears the widget', async () => {
  const page = await openCrm();
  const title = await page.title();
  const url = page.url();
  await page.evaluate(() => window.widgets[0].element.scrollIntoView({ block: 'center' }));
  const heard = (name) => page.evaluate((n) => window.crmEvents
    .filter((e) => e.which === 'main' && e.name === n).map((e) => e.detail), name);
  const unread = await heard('unreadChanged');
  assert(unread.length > 0 && unread[0].total > 0, `unreadChanged {total}: ${JSON.stringify(unread)}`);

  await page.evaluate(() => window.widgets[0].setMode('accepted'));
  await page.evaluate(() => window.widgets[0].setFilter({ channels: ['telegram'] }));
  await page.waitForFunction(() => {
    const links = window.crmEvents.filter((e) => e.which === 'main' && e.name === 'viewChanged');
    return links.length && links.pop().detail.link === 'mode=accepted&channels=telegram';
  }, null, { timeout: 10000 });
  const first = (await published(page, 0)).find((w) => w.id.startsWith('row:'));
  assert(first, 'the filtered view has rows');
  const id = Number(first.id.slice(4));
  await page.evaluate((i) => window.widgets[0].openDialog(i), id);
  await page.waitForFunction(() => window.widgets[0].widgets().some((w) => w.id === 'dialog'),
    null, { timeout: 10000 });
  assert((await heard('dialogOpened')).some((d) => d.id === id), 'dialogOpened {id} was heard');

  // Bad input is refused at once; an id not in the view comes back as an error event.
  const refused = await page.evaluate(() => {
    const out = [];
    for (const f of [() => window.widgets[0].setMode('soon'), () => window.widgets[0].openDialog('x'),
      () => window.widgets[0].setFilter({ channels: 'telegram' })]) {
      try { f(); out.push('accepted'); } catch (e) { out.push(e.message); }
    }
    return out;
  });
  assert(refused.every((m) => m !== 'accepted'), `bad input throws: ${refused}`);
  await page.evaluate(() => window.widgets[0].openDialog(999999999));
  await page.waitForFunction(() => window.crmEvents.some((e) => e.which === 'main' &&
    e.name === 'error' && e.detail.message.includes('999999999')), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  await screenshot(page, 'widget-crm-host-methods');
  // A widget leaves the host's URL and title alone.
  assert(await page.title() === title, `the title stayed "${title}", now "${await page.title()}"`);
  assert(page.url() === url, `the URL stayed ${url}, now ${page.url()}`);
});

test('below 820 px the widget shows a compact list (268, 400, 800 px), wider the table', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  const page = await context.newPage();
  await page.goto(server.url + 'crm-example.html');
  await page.waitForFunction(() => window.widgets.length === 2, null, { timeout: 30000 });
  await page.evaluate(() => { window.widgets.forEach((w) => w.unmount()); document.body.innerHTML = ''; });
  for (const width of [268, 400, 800, 1000]) {
    await page.evaluate(async (w) => {
      document.body.innerHTML = '<div id="box" style="width:' + w + 'px;height:560px;border:1px solid #ccd"></div>';
      window.narrow = await ChatsInbox.mount(document.getElementById('box'), { backend: 'demo', demoDialogs: 300,
        demoTraffic: false });
    }, width);
    await page.waitForFunction(() => window.narrow.widgets().some((x) => x.id.startsWith('row:')),
      null, { timeout: 30000 });
    const published = await page.evaluate(() => window.narrow.widgets());
    const row = published.find((x) => x.id.startsWith('row:'));
    const columns = published.filter((x) => x.id.startsWith('column:'));
    if (width < 820) {
      assert(columns.length === 0, `${width}px: no table columns, got ${columns.map((c) => c.id)}`);
      assert(row.w >= width - 20, `${width}px: a row spans the widget (${row.w})`);
    } else {
      assert(columns.length > 0, `${width}px: the table`);
    }
    await page.waitForTimeout(200);
    await page.locator('#box').screenshot({ path: path.join(outputDir, `widget-width-${width}.png`) });
    await page.evaluate(() => window.narrow.unmount());
  }
  await context.close();
});

await runAndExit(() => browser.close(), () => server.close());
