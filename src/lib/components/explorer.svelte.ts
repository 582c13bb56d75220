/**
 * The explorer page's state: one ExplorerState value (what a link encodes) plus what follows
 * from it. Edits go through methods that replace the state value; the analysis is derived, and
 * the last valid one is kept so an invalid draft never blanks the views.
 */
import type { OpVerdict } from '$lib/tf/verify';
import type {
  Analysis,
  AnalysisResult,
  Convention,
  CostUnit,
  InputPresetId,
  LiteHRNetConfig,
  PresetId
} from '$lib/model';
import { PRESET_IDS, analyzeConfig, isPresetId, presetConfig, validateConfig } from '$lib/model';
import { inputPresetOf, presetAtInput } from '$lib/model/edit';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import { focusOfOp, parseFocus } from '$lib/viz/focus';

function mustAnalyze(config: LiteHRNetConfig): Analysis {
  const r = analyzeConfig(config);
  if (!r.ok) throw new Error(`an official preset failed validation: ${r.errors[0].message}`);
  return r;
}

/** The official model an imported config is, or is closest to (by block family, width, depth). */
export function closestPreset(config: LiteHRNetConfig): PresetId {
  // validateConfig rebuilds a config with its keys in one order, so the JSON texts compare.
  const canonical = (c: LiteHRNetConfig) => JSON.stringify(validateConfig(c));
  const target = canonical({ ...config, fusion: 'official' });
  const same = (id: PresetId) =>
    canonical(presetConfig(id, config.input, config.joints)) === target;
  const exact = PRESET_IDS.find(same);
  if (exact) return exact;
  const naive = config.stages.some((s) => s.block !== 'lite');
  if (naive)
    return config.stages[0]?.widths[0] === 30 ? 'naive_litehrnet_18' : 'wider_naive_litehrnet_18';
  const modules = config.stages.reduce((t, s) => t + s.modules, 0);
  return modules > 8 ? 'litehrnet_30' : 'litehrnet_18';
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

  /** The live forward pass's verdicts and the graph they were made for. */
  #verification: { graph: Analysis['graph']; verdicts: OpVerdict[] } | null = $state.raw(null);
  /** Per-op verdicts of the last forward pass, while they still describe the shown graph. */
  readonly verdicts: OpVerdict[] | null = $derived.by(() => {
    const v = this.#verification;
    return v && v.graph === this.analysis.graph ? v.verdicts : null;
  });
  /** Ids of the ops the forward pass found wrong (empty when none, or when nothing ran). */
  readonly mismatched: ReadonlySet<number> = $derived(
    // Rebuilt whole whenever the verdicts change and never mutated: a plain Set is enough.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    new Set(this.verdicts?.flatMap((v, id) => (v.ok ? [] : [id])) ?? [])
  );

  readonly #onchange: ((state: ExplorerState, previous: ExplorerState) => void) | undefined;

  /**
   * `initial` may come from a link: an unknown preset falls back to the default one, and an
   * invalid config shows its errors over the preset's views. `onchange` hears every new state
   * (for the URL).
   */
  constructor(
    initial: ExplorerState = defaultState(),
    onchange?: (state: ExplorerState, previous: ExplorerState) => void
  ) {
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
    const previous = this.state;
    this.state = { ...this.state, ...patch };
    this.#onchange?.(this.state, previous);
  }

  /** Shows a state that came from outside (a link, Back/Forward) without reporting it back. */
  load(state: ExplorerState): void {
    const preset = isPresetId(state.preset) ? state.preset : defaultState().preset;
    this.state = { ...state, preset };
  }

  /**
   * Shows an imported config. Its baseline is the official model it equals at its input size,
   * or else the one of the same block family and depth, so the deltas stay meaningful.
   */
  importConfig(config: LiteHRNetConfig): void {
    this.set({ preset: closestPreset(config), config, focus: null, selected: null });
  }

  /** Keeps a forward pass's verdicts for the graph it ran (ignored if the graph changed since). */
  setVerdicts(verdicts: OpVerdict[]): void {
    const graph = this.analysis.graph;
    this.#verification = verdicts.length === graph.ops.length ? { graph, verdicts } : null;
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

  setPresenting(present: boolean): void {
    this.set({ present });
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
