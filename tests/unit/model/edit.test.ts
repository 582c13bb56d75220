import { describe, expect, it } from 'vitest';
import { presetConfig, validateConfig } from '../../../src/lib/model';
import * as edit from '../../../src/lib/model/edit';
import {
  addStage,
  canAddStage,
  canRemoveStage,
  inputPresetOf,
  messagesAt,
  presetAtInput,
  removeStage,
  setBlockType,
  setBranchCount,
  setBranchWidth,
  setInputPreset,
  setStageField,
  setStem,
  suggestedWidth
} from '../../../src/lib/model/edit';

const lite18 = () => presetConfig('litehrnet_18');

describe('config edits', () => {
  it('never change their argument', () => {
    const c = lite18();
    const before = JSON.stringify(c);
    edit.addStage(c);
    edit.removeStage(c);
    edit.setBranchCount(c, 0, 4);
    edit.setBranchWidth(c, 0, 0, 64);
    edit.setStem(c, { stemChannels: 64 });
    edit.setStageField(c, 1, { modules: 9 });
    edit.setBlockType(c, 0, 'naive');
    edit.setInputPreset(c, 'mpii_256x256');
    expect(JSON.stringify(c)).toBe(before);
  });

  it('addStage appends a stage with one more branch, the new one twice as wide as the last', () => {
    // Lite-HRNet-18's last stage has widths 40,80,160,320 → the new stage 40,80,160,320,640.
    const c = edit.addStage(lite18());
    expect(c.stages).toHaveLength(4);
    expect(c.stages[3].widths).toEqual([40, 80, 160, 320, 640]);
    expect(c.stages[3].modules).toBe(2);
  });

  it('addStage stops at the validator limit of 4 stages; removeStage keeps at least one', () => {
    let c = lite18();
    c = addStage(c);
    expect(c.stages).toHaveLength(4);
    expect(canAddStage(c)).toBe(false);
    expect(addStage(c).stages).toHaveLength(4);
    let d = lite18();
    d = removeStage(removeStage(d));
    expect(d.stages).toHaveLength(1);
    expect(canRemoveStage(d)).toBe(false);
    expect(removeStage(d).stages).toHaveLength(1);
  });

  it('removing the last stage of Lite-HRNet-18 leaves a valid two-stage network', () => {
    expect(validateConfig(removeStage(lite18())).ok).toBe(true);
  });

  it('setBranchCount drops the lowest resolutions or borrows widths from other stages', () => {
    // Stage 2 (code stage0) has 40,80; Stage 4 already gives branch 3 the width 160.
    expect(setBranchCount(lite18(), 0, 3).stages[0].widths).toEqual([40, 80, 160]);
    expect(setBranchCount(lite18(), 2, 2).stages[2].widths).toEqual([40, 80]);
    // A fifth branch no stage has: 2 x 320.
    expect(setBranchCount(lite18(), 2, 5).stages[2].widths).toEqual([40, 80, 160, 320, 640]);
  });

  it('setBranchCount clamps to 1…5 branches (the validator limit)', () => {
    expect(setBranchCount(lite18(), 0, 0).stages[0].widths).toEqual([40]);
    expect(setBranchCount(lite18(), 2, 9).stages[2].widths).toHaveLength(5);
  });

  it('suggestedWidth doubles the branch above when no stage knows the branch', () => {
    const c = removeStage(removeStage(lite18())); // one stage: 40, 80
    expect(suggestedWidth(c, 0, 2)).toBe(160);
  });

  it('setBlockType to LITE lifts the naive configs reduce ratio 1 to the official 8', () => {
    const naive = presetConfig('naive_litehrnet_18');
    expect(setBlockType(naive, 0, 'lite').stages[0].reduceRatio).toBe(8);
    expect(setBlockType(lite18(), 0, 'naive').stages[0].reduceRatio).toBe(8);
    expect(setBlockType(lite18(), 0, 'naive').stages[0].block).toBe('naive');
  });

  it('setStageField, setBranchWidth and setStem change exactly one thing', () => {
    expect(setStageField(lite18(), 1, { modules: 8 }).stages[1].modules).toBe(8);
    expect(setBranchWidth(lite18(), 1, 2, 96).stages[1].widths).toEqual([40, 80, 96]);
    expect(setStem(lite18(), { expandRatio: 2 }).stem).toEqual({
      type: 'lite',
      stemChannels: 32,
      outChannels: 32,
      expandRatio: 2,
      layer1Blocks: 4,
      layer1Block: 'bottleneck'
    });
  });

  it('recognises the official input sizes, joints included', () => {
    expect(inputPresetOf(lite18())).toBe('coco_256x192');
    expect(inputPresetOf(presetAtInput('litehrnet_30', 'mpii_256x256'))).toBe('mpii_256x256');
    const mpii = setInputPreset(lite18(), 'mpii_256x256');
    expect(mpii.joints).toBe(16);
    expect(inputPresetOf({ ...mpii, joints: 17 })).toBe('custom');
  });
});

describe('messagesAt', () => {
  const errors = [
    { path: 'stages[1].widths', message: 'count' },
    { path: 'stages[1].widths[2]', message: 'odd' },
    { path: 'stages[10].modules', message: 'other stage' }
  ];
  it('finds a control’s own messages and those inside it', () => {
    expect(messagesAt(errors, 'stages[1].widths')).toEqual(['count', 'odd']);
    expect(messagesAt(errors, 'stages[1].widths', true)).toEqual(['count']);
    expect(messagesAt(errors, 'stages[1]')).toEqual(['count', 'odd']);
  });
});
