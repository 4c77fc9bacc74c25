import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the test never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(__dirname, 'artifacts');

export function chromiumIsInstalled(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A full-page screenshot in tests/e2e/artifacts (ignored by git), to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in on the admin login form and waits for the admin home page. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: /^log ?in$/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
}

/**
 * Pastes text into the focused rich-text (blocks) editor the way a browser paste does: a paste
 * event carrying text/plain, which the editor splits into paragraphs at line breaks.
 */
export async function pasteText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  // Runs in the page; the tests are compiled without the DOM library, hence the narrow types.
  await page.locator(selector).evaluate((element, pasted) => {
    const scope = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
    };
    const data = new scope.DataTransfer();
    data.setData('text/plain', pasted);
    (element as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(
      new scope.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    );
  }, text);
}
