import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LinkBanner from '$lib/share/LinkBanner.svelte';
import { linkNotice } from '$lib/share/banner';
import { decodeState } from '$lib/share/url';

describe('linkNotice', () => {
  it('shows no banner for a good link', () => {
    expect(linkNotice(decodeState('?v=1&m=litehrnet_30&in=384x288'))).toBeNull();
  });

  it('says what was wrong and what is shown instead', () => {
    const notice = linkNotice(decodeState('?m=litehrnet_30&in=300x200&m3=6'));
    expect(notice).toEqual({
      title: 'This link had a problem',
      problems: [
        expect.stringMatching(
          /^Input height 300 must be divisible by 32.*Loaded 256x192 instead\.$/
        )
      ],
      loaded:
        'Showing an edited Lite-HRNet-30 at 256x192 with 17 joints: every valid part of the link was kept.'
    });
  });

  it('counts every problem but lists at most eight', () => {
    const link = '?' + Array.from({ length: 12 }, (_, i) => `junk${i}=1`).join('&');
    const notice = linkNotice(decodeState(link))!;
    expect(notice.title).toBe('This link had 12 problems');
    expect(notice.problems).toHaveLength(9);
    expect(notice.problems[8]).toBe('…and 4 more problems.');
    expect(notice.loaded).toMatch(/^Showing Lite-HRNet-18 at 256x192/);
  });
});

describe('LinkBanner', () => {
  it('renders the messages as text: markup from a link is escaped, never parsed', () => {
    const notice = linkNotice(decodeState('?%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1'))!;
    const { body } = render(LinkBanner, { props: { notice, ondismiss: () => {} } });
    expect(body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(body).not.toContain('<img');
    expect(body).toContain('role="status"');
    expect(body).toMatch(/<button type="button"[^>]*>Dismiss<\/button>/);
  });

  it('no file under src/lib/share uses {@html} or innerHTML', () => {
    const dir = fileURLToPath(new URL('../../../src/lib/share', import.meta.url));
    const offenders = readdirSync(dir).filter((f) =>
      /\{@html|innerHTML|outerHTML|insertAdjacentHTML/.test(readFileSync(join(dir, f), 'utf8'))
    );
    expect(offenders).toEqual([]);
  });
});
