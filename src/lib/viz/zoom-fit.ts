/**
 * Where a diagram starts inside its zoom pane, as plain numbers: fit the pane's width, but never
 * shrink the labels below a readable size (then the reader pans instead), and never blow a small
 * diagram up past `maxScale`. Pure, so the rule is tested without a browser.
 */
export interface FitInput {
  /** The diagram's own size, in its units (1 unit = 1 CSS px at scale 1). */
  width: number;
  height: number;
  /** The pane's width in CSS px. */
  paneWidth: number;
  /** The smallest font the diagram uses, in its units. */
  fontSize: number;
  /** Labels on screen stay at least this big (CSS px). */
  minLabelPx: number;
  /** The largest starting scale (1 normally; more when presenting). */
  maxScale: number;
  /** The tallest the pane may be (CSS px). */
  maxPaneHeight: number;
}

export interface Fit {
  scale: number;
  /** The smallest scale keeping labels readable. */
  readable: number;
  /** The scale that shows the whole diagram in the pane. */
  whole: number;
  paneHeight: number;
  x: number;
  y: number;
}

export function startingView(f: FitInput): Fit {
  const readable = f.minLabelPx / f.fontSize;
  const byWidth = f.paneWidth / Math.max(1, f.width);
  const scale = Math.max(readable, Math.min(f.maxScale, byWidth));
  const paneHeight = Math.max(120, Math.min(f.maxPaneHeight, Math.ceil(f.height * scale)));
  const whole = Math.min(byWidth, paneHeight / Math.max(1, f.height));
  // Centred when it fits across; otherwise the start (left edge) shows, where reading begins.
  const x = Math.max(0, (f.paneWidth - f.width * scale) / 2);
  return { scale, readable, whole, paneHeight, x, y: 0 };
}

/** The scale range the pane allows: down to the whole diagram (or the readable size), up to 4x. */
export function scaleExtent(fit: Fit): [number, number] {
  return [Math.min(fit.whole, fit.readable, 1), Math.max(4, fit.scale)];
}
