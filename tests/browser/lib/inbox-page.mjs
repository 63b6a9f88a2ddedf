// Drives the inbox in a page through what it publishes: the labelled widgets
// of the last frame and their rectangles. Clicks and keys are real browser
// input events at those positions.
import { assert } from './harness.mjs';

export async function openInbox(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.inbox &&
    window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
}

export async function widgets(page) {
  return page.evaluate(() => window.inbox.widgets());
}

export async function rows(page) {
  return (await widgets(page)).filter((w) => w.id.startsWith('row:'));
}

export async function widget(page, id) {
  const found = (await widgets(page)).find((w) => w.id === id);
  assert(found, `widget ${id} is published`);
  return found;
}

export async function click(page, id, options = {}) {
  const w = await widget(page, id);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + w.x + (options.dx ?? w.w / 2), box.y + w.y + w.h / 2, options);
}

// Waits until the published widgets satisfy a predicate (frames are async).
export async function waitFor(page, predicate, arg, timeout = 10000) {
  await page.waitForFunction(predicate, arg, { timeout });
}

export async function waitForWidget(page, id, timeout = 15000) {
  await page.waitForFunction((i) => window.inbox && window.inbox.widgets().some((w) => w.id === i),
    id, { timeout });
}

// waitForWidget for what a popup shows: it takes its place over its first frames.
export async function waitForSettled(page, id, timeout = 15000) {
  await waitForWidget(page, id, timeout);
  await page.waitForTimeout(150);
}

export async function hasWidget(page, id) {
  return page.evaluate((i) => window.inbox.widgets().some((w) => w.id === i), id);
}

// Moves to a widget and clicks it, as an operator would: a widget below or
// above its scrolled panel's edge is first wheeled into view over the panel.
// `dx` clicks that far from its left edge instead of its middle.
export async function press(page, id, dx) {
  const box = await page.locator('canvas').boundingBox();
  let w = await widget(page, id);
  for (let i = 0; i < 20 && (w.y + w.h > box.height || w.y < 0); i++) {
    await page.mouse.move(box.x + w.x + w.w / 2, box.y + box.height * 0.6);
    await page.mouse.wheel(0, w.y < 0 ? -200 : 200);
    await page.waitForTimeout(150);
    w = await widget(page, id);
  }
  const x = box.x + w.x + (dx ?? w.w / 2), y = box.y + w.y + w.h / 2;
  await page.mouse.move(x, y);
  await page.waitForTimeout(120);
  await page.mouse.click(x, y);
}

// A press, then a moment for what it opens to take its place.
export async function pressSettled(page, id) {
  await press(page, id);
  await page.waitForTimeout(150);
}

// Replaces a text field's text as a person would: click it, select all, type.
export async function typeInto(page, id, text) {
  await pressSettled(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

// Signs in through the login screen and waits for the first rows.
export async function signIn(page, url, email, password = 'demo1234') {
  await page.goto(url);
  await waitForWidget(page, 'login:email', 30000);
  await press(page, 'login:email');
  await page.keyboard.type(email);
  await press(page, 'login:password');
  await page.keyboard.type(password);
  await press(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
}

// A new 1440x900 browser context signed in through the API (the login screen has
// tests of its own), its inbox open on the first rows.
export async function signedInContext(browser, url,
  { email = 'owner@romashka.ru', password = 'demo1234', deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 },
    deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(url + 'api/me');
  await page.evaluate(([e, p]) => fetch('/api/login', { method: 'POST',
    body: JSON.stringify({ email: e, password: p }) }), [email, password]);
  await openInbox(page, url);
  return { context, page };
}

// A fetch from inside the page (with its session cookie): status and JSON body.
export async function pageFetch(page, url, options = {}) {
  return page.evaluate(async ([u, o]) => {
    const r = await fetch(u, o);
    return { status: r.status, body: await r.json() };
  }, [url, options]);
}
