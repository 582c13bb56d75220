import { expect, test } from './fixtures';

// Search engines (and Lighthouse's SEO audit) read a page's description from its HTML; the pages
// are prerendered, so it must be in the file itself, not added by the app later.
for (const path of ['/', '/learn', '/compare', '/verify', '/train']) {
  test(`${path} has its own title and a description in its HTML`, async ({ request }) => {
    const html = await (await request.get(path)).text();
    const description = /<meta name="description" content="([^"]+)"/.exec(html)?.[1] ?? '';
    // Long enough to say what the page does, short enough for a result snippet (at most 160 characters).
    expect(description.length, description).toBeGreaterThanOrEqual(70);
    expect(description.length, description).toBeLessThanOrEqual(160);
    expect(html).toMatch(/<title>[^<]*Lite-HRNet[^<]*<\/title>/);
  });
}

test('the page descriptions differ from one another', async ({ request }) => {
  const descriptions = await Promise.all(
    ['/', '/learn', '/compare', '/verify', '/train'].map(async (path) => {
      const html = await (await request.get(path)).text();
      return /<meta name="description" content="([^"]+)"/.exec(html)?.[1];
    })
  );
  expect(new Set(descriptions).size).toBe(5);
});

test('stylesheets are inlined, so nothing blocks the first paint', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).not.toMatch(/<link[^>]*rel="stylesheet"(?![^>]*disabled)[^>]*>/);
});
