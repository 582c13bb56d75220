/**
 * Runs while the site is prerendered (and in `vite dev`): writes the glossary's texts into each
 * page's HTML once, where app.html marks the place (see glossary-html.ts).
 */
import type { Handle } from '@sveltejs/kit';
import { GLOSSARY_MARK, glossaryHtml } from '$lib/glossary-html';

const block = glossaryHtml();

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, {
    transformPageChunk: ({ html }) => html.replace(GLOSSARY_MARK, block)
  });
