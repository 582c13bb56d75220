/**
 * The explorer page's state: one ExplorerState value (what a link encodes) plus what follows
 * from it. Edits go through methods that replace the state value; the analysis is derived, and
 * the last valid one is kept so an invalid draft never blanks the views.
 */
import type {
  Analysis,
  AnalysisResult,
  Convention,
  CostUnit,
  InputPresetId,
  LiteHRNetConfig,
  PresetId
} from '$lib/model';
import { analyzeConfig, isPresetId, presetConfig } from '$lib/model';
import { inputPresetOf, presetAtInput } from '$lib/model/edit';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import { focusOfOp, parseFocus } from '$lib/viz/focus';

function mustAnalyze(config: LiteHRNetConfig): Analysis {
  const r = analyzeConfig(config);
  if (!r.ok) throw new Error(`an official preset failed validation: ${r.errors[0].message}`);
  return r;
}

export class ExplorerModel {
  /** The whole shareable state: replaced, never mutated. */
  state: ExplorerState = $state.raw(defaultState());
  /** The op under the pointer (table row or diagram node): transient, not part of a link. */
  hovered: number | null = $state(null);

  #lastValid: Analysis;
  #baseKey = '';
  #base: Analysis;

  #analysedConfig: LiteHRNetConfig | null = null;
  #analysedResult: AnalysisResult | null = null;

  /**
   * The draft config's analysis, or its validation errors. Only a new config is analysed again:
   * a change of convention, unit, focus or selection reuses the result (and every view derived
   * from it stays put).
   */
  readonly result: AnalysisResult = $derived.by(() => {
    const config = this.state.config;
    if (config !== this.#analysedConfig || !this.#analysedResult) {
      this.#analysedResult = analyzeConfig(config);
      this.#analysedConfig = config;
    }
    return this.#analysedResult;
  });
  /** What the views show: the draft's analysis when it is valid, else the last valid one. */
  readonly analysis: Analysis = $derived.by(() => {
    const r = this.result;
    if (r.ok) this.#lastValid = r;
    return this.#lastValid;
  });
  readonly errors = $derived(this.result.ok ? [] : this.result.errors);
  /** The preset the config started from, at the same input size and joints: the baseline of deltas. */
  readonly baseline: Analysis = $derived.by(() =>
    this.#baselineFor(this.state.preset, this.analysis.config)
  );
  readonly focus = $derived(parseFocus(this.state.focus, this.analysis.config));
  /** The selected op's id in the shown graph (null when nothing, or nothing by that name, is selected). */
  readonly selectedId: number | null = $derived.by(() => {
    const key = this.state.selected;
    if (key === null) return null;
    const at = key.lastIndexOf('@');
    const name = key.slice(0, at);
    const call = Number(key.slice(at + 1));
    const op = this.analysis.graph.ops.find((o) => o.call === call && o.name === name);
    return op ? op.id : null;
  });

  readonly #onchange: ((state: ExplorerState) => void) | undefined;

  /**
   * `initial` may come from a link: an unknown preset falls back to the default one, and an
   * invalid config shows its errors over the preset's views. `onchange` hears every new state
   * (for the URL).
   */
  constructor(initial: ExplorerState = defaultState(), onchange?: (state: ExplorerState) => void) {
    const preset = isPresetId(initial.preset) ? initial.preset : defaultState().preset;
    this.#lastValid = mustAnalyze(presetConfig(preset));
    this.#base = this.#lastValid;
    this.state = { ...initial, preset };
    this.#onchange = onchange;
  }

  #baselineFor(preset: PresetId, config: LiteHRNetConfig): Analysis {
    const key = `${preset}|${config.input.height}x${config.input.width}|${config.joints}`;
    if (key !== this.#baseKey) {
      this.#base = mustAnalyze(presetConfig(preset, config.input, config.joints));
      this.#baseKey = key;
    }
    return this.#base;
  }

  set(patch: Partial<ExplorerState>): void {
    this.state = { ...this.state, ...patch };
    this.#onchange?.(this.state);
  }

  editConfig(edit: (config: LiteHRNetConfig) => LiteHRNetConfig): void {
    this.set({ config: edit(this.state.config) });
  }

  /** A new preset keeps the official input size in use (COCO 256x192 after a custom size). */
  choosePreset(preset: PresetId): void {
    const current = inputPresetOf(this.state.config);
    const input: InputPresetId = current === 'custom' ? 'coco_256x192' : current;
    this.set({ preset, config: presetAtInput(preset, input), focus: null, selected: null });
  }

  setConvention(convention: Convention): void {
    this.set({ convention });
  }

  setUnit(unit: CostUnit): void {
    this.set({ unit });
  }

  setFocus(focus: string | null): void {
    this.set({ focus });
  }

  select(id: number | null): void {
    const op = id === null ? null : this.analysis.graph.ops[id];
    this.set({ selected: op ? `${op.name}@${op.call}` : null });
  }

  /** Selects an op and opens the module (or stem) it belongs to, so every view shows it. */
  reveal(id: number): void {
    const op = this.analysis.graph.ops[id];
    if (op) this.set({ selected: `${op.name}@${op.call}`, focus: focusOfOp(op) });
  }
}
