// The list's bars in a narrow widget (268-560 px) on the demo backend: the
// filters wrap onto more lines, a selection gets its own row with short
// labels, and every control stays inside the widget without overlapping
// another. Real clicks.
import path from 'node:path';
import { test, assert, launchBrowser, runAndExit, outputDir } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();

const BAR_IDS = /^(toolbar:|filter:|bulk:|chip:|chips:)/;

async function press(page, id, modifiers = []) {
  const box = await page.locator('canvas').boundingBox();
  const w = (await page.evaluate(() => window.narrow.widgets())).find((x) => x.id === id);
  assert(w, `${id} is published`);
  const x = box.x + w.x + Math.min(w.w / 2, 60), y = box.y + w.y + w.h / 2;
  await page.mouse.move(x, y);
  await page.waitForTimeout(100);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(x, y);
  await page.waitForTimeout(150);  // the frame of the release still sees the modifier
  for (const m of modifiers) await page.keyboard.up(m);
  await page.waitForTimeout(120);
}

function overlaps(a, b) {
  return a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
}

test('at 268, 400 and 540 px the bars wrap and keep every control whole', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await context.newPage();
  await page.goto(server.url + 'crm-example.html');
  await page.waitForFunction(() => window.widgets && window.widgets.length === 2, null, { timeout: 30000 });
  await page.evaluate(() => { window.widgets.forEach((w) => w.unmount()); document.body.innerHTML = ''; });
  for (const [width, theme] of [[268, 'light'], [400, 'dark'], [540, 'light']]) {
    await page.evaluate(async ([w, t]) => {
      document.body.innerHTML = '<div id="box" style="width:' + w + 'px;height:640px"></div>';
      window.narrow = await ChatsInbox.mount(document.getElementById('box'), { backend: 'demo',
        demoDialogs: 300, demoTraffic: false, theme: t });
    }, [width, theme]);
    await page.waitForFunction(() => window.narrow.widgets().some((x) => x.id.startsWith('row:')),
      null, { timeout: 30000 });
    await press(page, 'toolbar:filters');
    await page.waitForFunction(() => window.narrow.widgets().some((x) => x.id === 'filter:type'));
    const rows = (await page.evaluate(() => window.narrow.widgets())).filter((x) => x.id.startsWith('row:'));
    // A click opens the row and selects it; closing the dialog keeps the selection.
    await press(page, rows[0].id);
    await page.waitForFunction(() => window.narrow.widgets().some((x) => x.id === 'dialog:close'));
    await press(page, 'dialog:close');
    await page.waitForFunction(() => window.narrow.widgets().some((x) => x.id === 'toolbar:bulk'));
    await page.mouse.move(1, 1);
    await page.waitForTimeout(200);
    const all = await page.evaluate(() => window.narrow.widgets());
    const bars = all.filter((x) => BAR_IDS.test(x.id));
    for (const w of bars) {
      assert(w.x >= 0 && w.x + w.w <= width + 0.5, `${width}px: ${w.id} inside (${w.x}+${w.w})`);
    }
    for (let i = 0; i < bars.length; i++) {
      for (let j = i + 1; j < bars.length; j++) {
        assert(!overlaps(bars[i], bars[j]), `${width}px: ${bars[i].id} and ${bars[j].id} overlap`);
      }
    }
    const filters = bars.filter((x) => x.id.startsWith('filter:'));
    assert(filters.length === 8, `${width}px: all eight filters (${filters.length})`);
    const selected = bars.find((x) => x.id === 'toolbar:selected');
    assert(selected && selected.label.endsWith(' 1'), `${width}px: one selected`);
    // The search row ends in the shortcuts button, beside the search and inside the box.
    const help = all.find((x) => x.id === 'shortcuts:open');
    const search = all.find((x) => x.id === 'search');
    assert(help && help.x + help.w <= width + 0.5, `${width}px: the shortcuts button shows`);
    assert(search && !overlaps(help, search), `${width}px: the search and the button apart`);
    assert(all.some((x) => x.id.startsWith('row:')), `${width}px: the list shows under the bars`);
    await page.locator('#box').screenshot({ path: path.join(outputDir, `narrow-bars-${width}-${theme}.png`) });
    await page.evaluate(() => window.narrow.unmount());
  }
  await context.close();
});

await runAndExit(() => browser.close(), () => server.close());
