#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128×128): vsce refuses SVG extension icons. Uses the
// Chromium the end-to-end tests drive (WSGI_GOAL_E2E_CHROMIUM, default /usr/bin/chromium).
// Run after editing the SVG, and commit both: node scripts/render-icon.js
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const media = path.join(__dirname, '..', 'media');
  const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.WSGI_GOAL_E2E_CHROMIUM || '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(media, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('wrote media/icon.png');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
