/**
 * The ranges validation accepts (validate.ts), apart from the checks so that the settings'
 * number fields can show them before the model's code loads.
 */
export const LIMITS = {
  stages: { min: 1, max: 4 },
  branches: { min: 1, max: 5 },
  modules: { min: 1, max: 12 },
  blocks: { min: 1, max: 4 },
  width: { min: 2, max: 1024 },
  reduceRatio: { min: 1, max: 64 },
  stemChannels: { min: 2, max: 256 },
  layer1Blocks: { min: 0, max: 8 },
  expandRatio: { min: 0.25, max: 8 },
  inputSide: { min: 32, max: 2048 },
  joints: { min: 1, max: 256 }
} as const;
