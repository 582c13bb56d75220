import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { GLOSSARY } from '$lib/glossary';
import { GLOSSARY_MARK, glossaryHtml } from '$lib/glossary-html';
import { GLOSSARY_TERMS, glossaryId } from '$lib/glossary-terms';
import { readFileSync } from 'node:fs';

describe('the glossary written into the page', () => {
  const doc = new JSDOM(`<body>${glossaryHtml()}</body>`).window.document;

  it('is one hidden block with one paragraph per term, text exactly as written', () => {
    const block = doc.getElementById('glossary')!;
    expect(block.hidden).toBe(true);
    const keys = Object.keys(GLOSSARY_TERMS) as (keyof typeof GLOSSARY_TERMS)[];
    expect(block.querySelectorAll('p')).toHaveLength(keys.length);
    for (const k of keys)
      expect(doc.getElementById(glossaryId(k))!.textContent).toBe(GLOSSARY[k].text);
  });

  it('keeps markup characters as text', () => {
    const text = 'a < b && c > "d" <script>x</script>';
    const d = new JSDOM(`<body>${glossaryHtml({ k: { text } })}</body>`).window.document;
    expect(d.getElementById('glossary-k')!.textContent).toBe(text);
    expect(d.querySelector('script')).toBeNull();
  });

  it('has its place marked in app.html', () => {
    const app = readFileSync(new URL('../../../src/app.html', import.meta.url), 'utf8');
    expect(app).toContain(GLOSSARY_MARK);
  });
});
