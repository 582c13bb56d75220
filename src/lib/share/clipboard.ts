/**
 * Copy link. The async Clipboard API needs a secure context and the page's focus; where it is
 * missing or refused (http on a LAN, an embedded frame) a selected textarea and the older
 * execCommand('copy') still work in most browsers. When both fail the caller shows the link
 * for the person to copy by hand.
 */
export type CopyOutcome = 'copied' | 'failed';

export interface ClipboardDeps {
  writeText?: (text: string) => Promise<void>;
  /** The execCommand fallback; returns whether the browser says it copied. */
  legacyCopy?: (text: string) => boolean;
}

function browserDeps(): ClipboardDeps {
  const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return {
    writeText: clip ? (t) => clip.writeText(t) : undefined,
    legacyCopy: typeof document !== 'undefined' ? legacyCopy : undefined
  };
}

function legacyCopy(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text; // a value, never markup
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export async function copyText(
  text: string,
  deps: ClipboardDeps = browserDeps()
): Promise<CopyOutcome> {
  if (deps.writeText) {
    try {
      await deps.writeText(text);
      return 'copied';
    } catch {
      // refused (no focus, no permission): try the fallback below
    }
  }
  return deps.legacyCopy?.(text) ? 'copied' : 'failed';
}
