/**
 * The explorer page's state: one ExplorerState value (what a link encodes) plus what follows
 * from it. Edits go through methods that replace the state value; each method says what kind of
 * edit it is (history-mode.ts), and keeps the last valid analysis in state, so an invalid draft
 * never blanks the views. The `$derived` values only compute from that state.
 */
import type { OpVerdict } from '$lib/tf/verify';
import type {
  Analysis,
  AnalysisResult,
  Convention,
  CostUnit,
  InputPresetId,
  LiteHRNetConfig,
  PresetId,
  ValidationError
} from '$lib/model';
import { paperStageNumber } from '$lib/model/config';
import type { Engine } from '$lib/model/engine';
import { LIMITS } from '$lib/model/limits';
import { PRESET_IDS, isPresetId, presetConfig } from '$lib/model/presets';
import type { Summary } from '$lib/model/summary';
import { inputPresetOf, presetAtInput, setBranchCount } from '$lib/model/edit';
import type { InputNormalisation } from '$lib/model/normalisation';
import { IMAGENET_NORMALISATION } from '$lib/model/normalisation';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import type { WriteMode } from '$lib/share/url-sync';
import { focusOfOp, parseFocus } from '$lib/viz/focus-path';
import type { EditKind } from './history-mode';
import { DISCRETE, POINTING, historyMode, typing } from './history-mode';

type Validate = Engine['validateConfig'];

function mustAnalyze(engine: Engine, config: LiteHRNetConfig): Analysis {
  const r = engine.analyzeConfig(config);
  if (!r.ok) throw new Error(`an official preset failed validation: ${r.errors[0].message}`);
  return r;
}

/**
 * How far a config is from an official model at its input size: a changed block family or a
 * missing stage weighs most, then each module more or fewer, then each branch width that differs.
 */
function presetDistance(config: LiteHRNetConfig, id: PresetId): number {
  const official = presetConfig(id, config.input, config.joints);
  let d = 4 * Math.abs(official.stages.length - config.stages.length);
  config.stages.forEach((s, i) => {
    const o = official.stages[i];
    if (!o) return;
    if ((s.block === 'lite') !== (o.block === 'lite')) d += 4;
    d += Math.abs(s.modules - o.modules);
    d += s.widths.filter((w, b) => w !== o.widths[b]).length;
  });
  return d;
}

/** The official model the config is at its input size (whatever its fusion mode), or null. */
export function exactPreset(config: LiteHRNetConfig, validate: Validate): PresetId | null {
  // validateConfig rebuilds a config with its keys in one order, so the JSON texts compare.
  const canonical = (c: LiteHRNetConfig) => JSON.stringify(validate(c));
  const target = canonical({ ...config, fusion: 'official' });
  const same = (id: PresetId) =>
    canonical(presetConfig(id, config.input, config.joints)) === target;
  return PRESET_IDS.find(same) ?? null;
}

/** The official model an imported config is, or else the nearest one (presetDistance). */
export function closestPreset(config: LiteHRNetConfig, validate: Validate): PresetId {
  const exact = exactPreset(config, validate);
  if (exact) return exact;
  const scored = PRESET_IDS.map((id) => ({ id, d: presetDistance(config, id) }));
  return scored.reduce((best, s) => (s.d < best.d ? s : best)).id;
}

/** Where an import's baseline came from: the file said so, the config is that preset, or a guess. */
export type PresetSource = 'file' | 'exact' | 'closest';

/** A number typed into a control that the config cannot hold (a branch count of 9). */
export interface Draft {
  value: number;
  error: ValidationError;
}

/**
 * The validator's sentence for a branch count. The config holds a stage's branches as its list
 * of widths, so the count is checked on a list of that length (left empty: the validator refuses
 * the length before it reads a width, and an empty slot costs nothing even for a huge count).
 */
export function branchCountProblem(
  config: LiteHRNetConfig,
  stage: number,
  count: number,
  validate: Validate
): ValidationError | null {
  const path = `stages[${stage}].widths`;
  const { min, max } = LIMITS.branches;
  if (!Number.isInteger(count) || count < 0 || count >= 2 ** 32) {
    const where = `Stage ${paperStageNumber(stage)}`;
    return {
      path,
      message: `${where}: the number of branches must be a whole number from ${min} to ${max}.`
    };
  }
  if (count >= min && count <= max) return null;
  const widths: number[] = [];
  widths.length = count;
  const probe = {
    ...config,
    stages: config.stages.map((s, i) => (i === stage ? { ...s, widths } : s))
  };
  const r = validate(probe);
  return (r.ok ? [] : r.errors).find((e) => e.path === path) ?? null;
}

/** How a model starts: with the model's code, or with its first screen and a way to load the code. */
export type ModelStart =
  { engine: Engine } | { firstScreen: Summary; loadEngine: () => Promise<Engine> };

export class ExplorerModel {
  // Set in the constructor (as $state there), then only by the edit methods through #show.
  #state: ExplorerState;
  /**
   * The model's code (validation, graph, counts; model/engine.ts): given, or loaded at the first
   * need (`ready`). Until then the state is the one the model started with and the totals are
   * the first screen's.
   */
  #engine: Engine | null = $state.raw(null);
  #loadEngine: (() => Promise<Engine>) | null = null;
  #loading: Promise<void> | null = null;
  /** Edits made before the model's code loaded: applied in their order once it has. */
  #queue: (() => void)[] = [];
  #firstScreen: Summary | null = null;
  /** The draft config's analysis, or its validation errors. */
  #result: AnalysisResult | null = $state.raw(null);
  /** The last valid analysis: what the views show while the draft is invalid. */
  #lastValid: Analysis | null = $state.raw(null);
  /** The preset the config started from, at the same input size and joints. */
  #baseline: Analysis | null = $state.raw(null);
  #drafts: Readonly<Record<string, Draft>> = $state.raw({});
  /** The number field whose typing burst already has its own Back step. */
  #burst: string | null = null;

  /** The op under the pointer (table row or diagram node): transient, not part of a link. */
  hovered: number | null = $state(null);

  /**
   * How the forward pass normalises its image: an imported mmpose 1.x config's data_preprocessor,
   * else ImageNet's (every official config's). Not part of a link: a link holds the network only.
   */
  normalisation: InputNormalisation = $state.raw(IMAGENET_NORMALISATION);

  /** Why the model's code could not load (null while it loads or once it has). */
  engineError: string | null = $state(null);

  /** The whole shareable state: replaced, never mutated. */
  get state(): ExplorerState {
    return this.#state;
  }
  /** True once the model's code is here: `analysis` and `baseline` may be read from then on. */
  get loaded(): boolean {
    return this.#engine !== null;
  }
  /** The baseline of every delta: the official preset at the config's input size and joints. */
  get baseline(): Analysis {
    return need(this.#baseline);
  }
  /** Typed numbers the config cannot hold, by control path, each with the validator's sentence. */
  get drafts(): Readonly<Record<string, Draft>> {
    return this.#drafts;
  }

  /** What the views show: the draft's analysis when it is valid, else the last valid one. */
  readonly analysis: Analysis = $derived.by(() =>
    this.#result?.ok ? this.#result : need(this.#lastValid)
  );
  /** The totals the summary shows: the first screen's until the model's code has loaded. */
  readonly summary: Summary = $derived.by(() =>
    this.#engine ? this.#engine.summarize(this.analysis) : need(this.#firstScreen)
  );
  /** The baseline's totals (the first screen's is its own preset: it is its own baseline). */
  readonly baselineSummary: Summary = $derived.by(() =>
    this.#engine ? this.#engine.summarize(this.baseline) : need(this.#firstScreen)
  );
  /** Every problem of the settings: the validator's, and those of typed numbers not applied. */
  readonly errors: ValidationError[] = $derived.by(() => [
    ...(this.#result && !this.#result.ok ? this.#result.errors : []),
    ...Object.values(this.#drafts).map((d) => d.error)
  ]);
  /** True while the views show the last valid network rather than the settings. */
  readonly stale: boolean = $derived(this.errors.length > 0);
  // The analysis's config is always the last valid one (the first state before any analysis).
  readonly focus = $derived.by(() =>
    parseFocus(this.#state.focus, this.#lastValid?.config ?? this.#state.config)
  );
  /** The selected op's id in the shown graph (null when nothing, or nothing by that name, is selected). */
  readonly selectedId: number | null = $derived.by(() => {
    const key = this.#state.selected;
    if (key === null || !this.#engine) return null;
    const at = key.lastIndexOf('@');
    const name = key.slice(0, at);
    const call = Number(key.slice(at + 1));
    const op = this.analysis.graph.ops.find((o) => o.call === call && o.name === name);
    return op ? op.id : null;
  });

  /** The live forward pass's verdicts and per-op times (ms), and the graph they were made for. */
  #verification: { graph: Analysis['graph']; verdicts: OpVerdict[]; times?: number[] } | null =
    $state.raw(null);
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
  /** Per-op ms of the last forward pass's profiling run, while they describe the shown graph. */
  get opTimes(): number[] | null {
    const t = this.#verification?.times;
    return this.verdicts && t?.length === this.verdicts.length ? t : null;
  }

  readonly #onchange:
    ((state: ExplorerState, previous: ExplorerState, mode: WriteMode) => void) | undefined;
  /** The last state reported to `onchange`: a burst of invalid drafts is reported as one change. */
  #reported: ExplorerState;

  /**
   * `initial` may come from a link: an unknown preset falls back to the default one, and an
   * invalid config shows its errors over the preset's views. `onchange` hears every new state
   * whose config is valid (for the address bar), with the history step it deserves.
   */
  /**
   * `initial` may come from a link: an unknown preset falls back to the default one, and an
   * invalid config shows its errors over the preset's views. `onchange` hears every new state
   * whose config is valid (for the address bar), with the history step it deserves. `start`
   * gives the model's code, or the first screen's totals (those of `initial`, an official
   * preset) and how to load the code when an edit or a view first needs it.
   */
  constructor(
    initial: ExplorerState,
    onchange:
      ((state: ExplorerState, previous: ExplorerState, mode: WriteMode) => void) | undefined,
    start: ModelStart
  ) {
    const preset = isPresetId(initial.preset) ? initial.preset : defaultState().preset;
    const state = { ...initial, preset };
    this.#state = $state.raw(state);
    this.#reported = state;
    this.#onchange = onchange;
    if ('engine' in start) this.#begin(start.engine);
    else {
      this.#firstScreen = start.firstScreen;
      this.#loadEngine = start.loadEngine;
    }
  }

  /** The model's code is here: analyses the state shown so far. */
  #begin(engine: Engine): void {
    const state = this.#state;
    const result = engine.analyzeConfig(state.config);
    const shown = result.ok ? result : mustAnalyze(engine, presetConfig(state.preset));
    this.#engine = engine;
    this.#result = result;
    this.#lastValid = shown;
    this.#baseline = this.#baselineOf(state.preset, shown.config);
  }

  /**
   * Resolves once the model's code has loaded and every edit made before is applied. A failed
   * load keeps those edits and says why (`engineError`); the next call tries again.
   */
  ready(): Promise<void> {
    if (this.#engine) return Promise.resolve();
    if (!this.#loadEngine) throw new Error('ExplorerModel: no engine and no way to load one');
    this.#loading ??= this.#loadEngine().then(
      (engine) => {
        this.engineError = null;
        this.#begin(engine);
        for (const apply of this.#queue.splice(0)) apply();
      },
      (e: unknown) => {
        this.#loading = null;
        const why = e instanceof Error ? e.message : String(e);
        this.engineError = `The model's code did not load (${why}). Your changes are kept and apply once it does: the next change tries again, or reload the page.`;
        throw e;
      }
    );
    return this.#loading;
  }

  /**
   * Runs an edit now, or once the model's code has loaded (edits keep their order). A control's
   * handler reads its event's values before it calls an edit method: a queued edit runs after
   * the event has been dispatched, when `currentTarget` is null.
   */
  #whenReady(apply: () => void): void {
    if (this.#engine) return apply();
    this.#queue.push(apply);
    // A failed load is shown through engineError, not thrown at the control that asked.
    this.ready().catch(() => {});
  }

  #baselineOf(preset: PresetId, shown: LiteHRNetConfig): Analysis {
    const engine = need(this.#engine);
    const official = presetConfig(preset, shown.input, shown.joints);
    const canonical = (c: LiteHRNetConfig) => JSON.stringify(engine.validateConfig(c));
    return canonical(official) === canonical(shown) && this.#lastValid
      ? this.#lastValid
      : mustAnalyze(engine, official);
  }

  /** Puts a state on screen: analyses a new config, keeps the last valid one and the baseline. */
  #show(state: ExplorerState): void {
    const previous = this.#state;
    if (state.config !== previous.config) {
      const result = need(this.#engine).analyzeConfig(state.config);
      this.#result = result;
      if (result.ok) this.#lastValid = result;
    }
    const { input, joints } = this.analysis.config;
    const base = this.baseline.config;
    const sameBase =
      state.preset === previous.preset &&
      base.input.height === input.height &&
      base.input.width === input.width &&
      base.joints === joints;
    if (!sameBase) this.#baseline = this.#baselineOf(state.preset, this.analysis.config);
    this.#state = state;
  }

  #set(patch: Partial<ExplorerState>, edit: EditKind): void {
    this.#show({ ...this.#state, ...patch });
    // A discrete change of the network (a preset, a stage removed) replaces what was typed.
    if (edit.kind === 'discrete' && patch.config) this.#drafts = {};
    // Only a valid network goes into the address: an invalid draft waits for its fix.
    if (!this.#result?.ok) return;
    const { mode, burst } = historyMode(edit, this.#burst);
    this.#burst = burst;
    const previous = this.#reported;
    this.#reported = this.#state;
    if (previous !== this.#state) this.#onchange?.(this.#state, previous, mode);
  }

  /** Shows a state that came from outside (a link, Back/Forward) without reporting it back. */
  load(state: ExplorerState): void {
    this.#whenReady(() => {
      const preset = isPresetId(state.preset) ? state.preset : defaultState().preset;
      this.#show({ ...state, preset });
      this.#drafts = {};
      this.#burst = null;
      this.#reported = this.#state;
    });
  }

  /**
   * Shows an imported config against the preset it came from: the one its file names, else the
   * official model it equals, else the nearest one (and the caller says it is a guess). Needs
   * the model's code: await `ready()` first.
   */
  importConfig(
    config: LiteHRNetConfig,
    declared: PresetId | null = null,
    normalisation: InputNormalisation | null = null
  ): { preset: PresetId; source: PresetSource } {
    const { validateConfig } = need(this.#engine);
    this.normalisation = normalisation ?? IMAGENET_NORMALISATION;
    const exact = exactPreset(config, validateConfig);
    const preset = declared ?? exact ?? closestPreset(config, validateConfig);
    const source: PresetSource = declared ? 'file' : exact ? 'exact' : 'closest';
    this.#set({ preset, config, focus: null, selected: null }, DISCRETE);
    return { preset, source };
  }

  /**
   * Keeps a forward pass's verdicts and per-op times (one of each per op, from one result) for
   * the graph it ran (ignored if the graph changed since).
   */
  setVerdicts(verdicts: OpVerdict[], times?: number[]): void {
    if (!this.#engine) return;
    const graph = this.analysis.graph;
    this.#verification = verdicts.length === graph.ops.length ? { graph, verdicts, times } : null;
  }

  /** A discrete edit of the config (a block type, a toggle, a stage added): its own Back step. */
  editConfig(edit: (config: LiteHRNetConfig) => LiteHRNetConfig): void {
    this.#whenReady(() => this.#set({ config: edit(this.#state.config) }, DISCRETE));
  }

  /**
   * A keystroke in the number field `field` (a config path such as `stages[0].modules`): the
   * value goes into the config as typed (the validator judges it); a burst of keystrokes in one
   * field is one Back step.
   */
  typeNumber(
    field: string,
    value: number,
    edit: (config: LiteHRNetConfig, value: number) => LiteHRNetConfig
  ): void {
    this.#whenReady(() => this.#set({ config: edit(this.#state.config, value) }, typing(field)));
  }

  /**
   * A typed branch count. The config holds the branches as a list of widths, so a count it
   * cannot have (9, or 2.5) is kept as a draft beside the control with the validator's sentence,
   * and nothing else changes: no clamping, no branches added.
   */
  typeBranchCount(stage: number, count: number): void {
    this.#whenReady(() => {
      const field = `stages[${stage}].widths`;
      const validate = need(this.#engine).validateConfig;
      const problem = branchCountProblem(this.#state.config, stage, count, validate);
      const others = Object.fromEntries(Object.entries(this.#drafts).filter(([k]) => k !== field));
      if (problem) {
        this.#drafts = { ...others, [field]: { value: count, error: problem } };
        return;
      }
      this.#drafts = others;
      this.#set({ config: setBranchCount(this.#state.config, stage, count) }, typing(field));
    });
  }

  /** The person left a number field (or pressed Enter): the next keystroke starts a new step. */
  endTyping(): void {
    this.#whenReady(() => (this.#burst = null));
  }

  /** A new preset keeps the official input size in use (COCO 256x192 after a custom size). */
  choosePreset(preset: PresetId): void {
    this.#whenReady(() => {
      const current = inputPresetOf(this.#state.config);
      const input: InputPresetId = current === 'custom' ? 'coco_256x192' : current;
      const config = presetAtInput(preset, input);
      this.#set({ preset, config, focus: null, selected: null }, DISCRETE);
    });
  }

  setConvention(convention: Convention): void {
    this.#whenReady(() => this.#set({ convention }, DISCRETE));
  }

  setUnit(unit: CostUnit): void {
    this.#whenReady(() => this.#set({ unit }, DISCRETE));
  }

  setPresenting(present: boolean): void {
    this.#whenReady(() => this.#set({ present }, POINTING));
  }

  /** Opening a part of the network is navigation: Back leaves it. */
  setFocus(focus: string | null): void {
    this.#whenReady(() => this.#set({ focus }, DISCRETE));
  }

  select(id: number | null): void {
    this.#whenReady(() => {
      const op = id === null ? null : this.analysis.graph.ops[id];
      this.#set({ selected: op ? `${op.name}@${op.call}` : null }, POINTING);
    });
  }

  /** Selects an op and opens the module (or stem) it belongs to, so every view shows it. */
  reveal(id: number): void {
    this.#whenReady(() => {
      const op = this.analysis.graph.ops[id];
      if (!op) return;
      const patch = { selected: `${op.name}@${op.call}`, focus: focusOfOp(op) };
      this.#set(patch, patch.focus === this.#state.focus ? POINTING : DISCRETE);
    });
  }
}

/** A value the model has once its code has loaded. */
function need<T>(value: T | null): T {
  if (value === null)
    throw new Error("The explorer's model code has not loaded yet: await ready().");
  return value;
}
