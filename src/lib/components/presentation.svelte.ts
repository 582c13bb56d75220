/**
 * Presentation mode (the link's `present=1`): the config panel hides and the diagrams start
 * larger, for projecting. One flag for the whole page, read by every zoom pane.
 */
export const presentation = $state({ on: false });
