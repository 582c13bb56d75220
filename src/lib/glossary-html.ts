/**
 * The glossary as a hidden block of HTML, written once into every page (hooks.server.ts): each
 * explanation is a paragraph with a stable id (`glossary-<key>`). A control names its term's
 * paragraph in aria-describedby (a hidden element still gives its text as a description), and
 * a help button copies the paragraph's text into its tooltip when it opens. So the texts are
 * part of the document, and the page's scripts carry only the terms.
 */
import { GLOSSARY } from './glossary';
import type { GlossaryKey } from './glossary-terms';
import { glossaryId } from './glossary-terms';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where app.html takes the block. */
export const GLOSSARY_MARK = '<!--glossary-->';

export function glossaryHtml(
  entries: Readonly<Record<string, { text: string }>> = GLOSSARY
): string {
  const paragraphs = Object.entries(entries).map(
    ([k, e]) => `<p id="${glossaryId(k as GlossaryKey)}">${escapeHtml(e.text)}</p>`
  );
  return `<div id="glossary" hidden>${paragraphs.join('')}</div>`;
}
