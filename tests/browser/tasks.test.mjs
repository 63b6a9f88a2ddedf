// Tasks in the sidebar with real input against the real server: a due date
// picked on the calendar (next month, a typed time), an assignee from the
// directory, then the task edited (text, a preset, nobody assigned); an
// overdue task reads red in the sidebar and in the list's Tasks column.
// Screenshots of the calendar in both themes at 1x and 2x.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import {
  rows, widget, widgets, waitFor, pageFetch, press as pressWidget, signedInContext,
  hasWidget as has, waitForSettled as waitForWidget,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 120 });
const browser = await launchBrowser();

const signedIn = (deviceScaleFactor = 1) => signedInContext(browser, server.url, { deviceScaleFactor });

// The shared press, then a frame's wait for what the click opens.
async function press(page, id) {
  await pressWidget(page, id);
  await page.waitForTimeout(80);
}

// How many pixels of a widget's rectangle are the overdue red (#DC2626).
async function redPixels(page, rect) {
  return page.evaluate(([r]) => {
    const src = window.inbox.canvas;
    const scale = src.width / src.getBoundingClientRect().width;
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(r.w * scale));
    c.height = Math.max(1, Math.round(r.h * scale));
    const g = c.getContext('2d');
    g.drawImage(src, r.x * scale, r.y * scale, c.width, c.height, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 170 && d[i + 1] < 90 && d[i + 2] < 90) n++;
    return n;
  }, [rect]);
}

async function openFirst(page) {
  const first = (await rows(page))[0];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + first.x + 200, box.y + first.y + first.h / 2);
  await page.waitForTimeout(120);
  await page.mouse.click(box.x + first.x + 200, box.y + first.y + first.h / 2);
  await waitForWidget(page, 'sidebar');
  return Number(first.id.slice(4));
}

test('a task due on a day of next month at a typed time, for an operator; then edited', async () => {
  const { context, page } = await signedIn();
  const directory = (await pageFetch(page, 'api/directory')).body;
  const operator = directory.operators[directory.operators.length - 1];
  const id = await openFirst(page);

  const text = 'Позвонить насчёт доставки';
  await press(page, 'task:new');
  await page.keyboard.type(text);
  await press(page, 'task:due');
  await waitForWidget(page, 'due-picker');
  const month0 = (await widget(page, 'due-month')).label;
  await press(page, 'due-next');
  await waitFor(page, (m) => window.inbox.widgets().some((w) => w.id === 'due-month' && w.label !== m), month0);
  const { y, m } = await page.evaluate(() => {
    const d = new Date();
    const next = new Date(d.getFullYear(), d.getMonth() + 1, 1);
    return { y: next.getFullYear(), m: next.getMonth() + 1 };
  });
  const day = `due-day:${y}-${String(m).padStart(2, '0')}-15`;
  await press(page, day);
  await press(page, 'due-time');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('14:30');
  await page.waitForTimeout(100);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'tasks-calendar-light-1x');
  await press(page, 'due-done');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'due-picker'));
  const dueLabel = (await widget(page, 'task:due')).label;
  assert(dueLabel.startsWith('15 ') && dueLabel.endsWith(', 14:30'), `the due button: ${dueLabel}`);

  await press(page, 'task:assignee');
  await waitForWidget(page, `assignee:${operator.id}`);
  await press(page, `assignee:${operator.id}`);
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id === 'task:assignee' && w.label === n), operator.name);
  await press(page, 'task:add');
  const wanted = await page.evaluate(([yy, mm]) => new Date(yy, mm - 1, 15, 14, 30).getTime(), [y, m]);
  let task = null;
  for (let i = 0; i < 30 && !task; i++) {
    await page.waitForTimeout(150);
    task = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog.tasks.find((t) => t.text === text);
  }
  assert(task, 'the server has the task');
  assert(task.due === wanted, `due at 14:30 on the 15th: ${task.due} vs ${wanted}`);
  assert(task.assignee_id === operator.id, `assigned: ${task.assignee_id}`);
  await waitForWidget(page, `task-edit:${task.id}`);

  // Editing: the form takes the task; a new text, the "in an hour" preset, nobody assigned.
  await press(page, `task-edit:${task.id}`);
  await waitForWidget(page, 'task:save');
  assert((await widget(page, 'task:assignee')).label === operator.name, 'the form shows the assignee');
  await press(page, 'task:new');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Позвонить после обеда');
  await press(page, 'task:due');
  await waitForWidget(page, 'due-picker');
  await press(page, 'due-preset:0');
  await press(page, 'due-done');
  await press(page, 'task:assignee');
  await waitForWidget(page, 'assignee:0');
  await press(page, 'assignee:0');
  await page.waitForTimeout(100);
  await screenshot(page, 'tasks-editing');
  const before = Date.now();
  await press(page, 'task:save');
  let edited = null;
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(150);
    edited = (await pageFetch(page, `api/dialogs/${id}`)).body.dialog.tasks.find((t) => t.id === task.id);
    if (edited.text !== text) break;
  }
  assert(edited.text === 'Позвонить после обеда', `the text changed: ${edited.text}`);
  assert(edited.due >= before + 3500e3 && edited.due <= Date.now() + 3900e3, `due in an hour: ${edited.due}`);
  assert(edited.assignee_id === 0 || edited.assignee_id === null, `nobody: ${edited.assignee_id}`);
  assert(await has(page, 'task:add'), 'the form is back to a new task');
  await context.close();
});

test('an overdue task is red in the sidebar and in the list; the calendar in dark at 2x', async () => {
  const { context, page } = await signedIn(2);
  const first = (await rows(page))[0];
  const id = Number(first.id.slice(4));
  const made = await pageFetch(page, `api/dialogs/${id}/tasks`, { method: 'POST',
    body: JSON.stringify({ text: 'Отправить счёт', due: Date.now() - 2 * 3600e3 }) });
  assert(made.status === 200 || made.status === 201, `task added: ${made.status}`);
  const task = made.body.dialog.tasks.find((t) => t.text === 'Отправить счёт');
  await page.waitForTimeout(800);  // the live event reaches the list
  const column = await widget(page, 'column:Задачи');
  const row = (await rows(page)).find((r) => r.id === `row:${id}`);
  assert(row, 'the row is in view');
  const listRed = await redPixels(page, { x: column.x, y: row.y, w: column.w, h: row.h });
  assert(listRed > 20, `the Tasks cell is red: ${listRed} red pixels`);
  await screenshot(page, 'tasks-list-overdue-2x');

  await openFirst(page);
  await waitForWidget(page, `task-edit:${task.id}`);
  await press(page, `task-edit:${task.id}`);  // scrolls it into view, and edits it
  await page.mouse.move(5, 5);
  await page.waitForTimeout(200);
  const cell = await widget(page, `task-edit:${task.id}`);
  const sideRed = await redPixels(page, cell);
  assert(sideRed > 20, `the sidebar's task is red: ${sideRed}`);
  await press(page, 'task:cancel');
  await waitForWidget(page, 'task:add');  // the form is a new task's again, laid out anew
  await page.evaluate(() => window.inbox.setLook({ theme: 'dark' }));
  await page.waitForTimeout(200);
  await press(page, 'task:due');
  await waitForWidget(page, 'due-picker');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(200);
  await screenshot(page, 'tasks-calendar-dark-2x');
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.inbox.setLook({ theme: 'light', locale: 'en' }));
  await page.waitForTimeout(200);
  await screenshot(page, 'tasks-sidebar-en-2x');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
