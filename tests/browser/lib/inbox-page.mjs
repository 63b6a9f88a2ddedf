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
