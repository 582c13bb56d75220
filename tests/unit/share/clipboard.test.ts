import { describe, expect, it } from 'vitest';
import { copyText } from '$lib/share/clipboard';

describe('copyText', () => {
  it('uses the Clipboard API when it works', async () => {
    const copied: string[] = [];
    const outcome = await copyText('https://x/?v=1', {
      writeText: async (t) => void copied.push(t),
      legacyCopy: () => {
        throw new Error('fallback must not run');
      }
    });
    expect(outcome).toBe('copied');
    expect(copied).toEqual(['https://x/?v=1']);
  });

  it('falls back to execCommand when the Clipboard API refuses', async () => {
    const legacy: string[] = [];
    const outcome = await copyText('link', {
      writeText: () => Promise.reject(new DOMException('no focus', 'NotAllowedError')),
      legacyCopy: (t) => (legacy.push(t), true)
    });
    expect(outcome).toBe('copied');
    expect(legacy).toEqual(['link']);
  });

  it('reports failure when neither way copies', async () => {
    expect(await copyText('link', { legacyCopy: () => false })).toBe('failed');
    expect(await copyText('link', {})).toBe('failed');
  });
});
