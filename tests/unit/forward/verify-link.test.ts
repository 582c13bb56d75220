import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import { presetAtInput, setBranchWidth } from '$lib/model/edit';
import { readVerifyLink, verifyModel, verifyQuery } from '$lib/components/forward/verify-link';

describe('the verify page’s link', () => {
  it('an empty address names no model and the auto backend', () => {
    expect(readVerifyLink('')).toEqual({
      model: null,
      backend: 'auto',
      execution: 'op-by-op',
      problems: []
    });
  });

  it('writes the explorer’s format plus backend, and reads it back', () => {
    const model = verifyModel('litehrnet_30', presetAtInput('litehrnet_30', 'coco_384x288'));
    const query = verifyQuery(model, 'wasm');
    expect(query).toBe('v=1&m=litehrnet_30&in=384x288&backend=wasm');
    const read = readVerifyLink(`?${query}`);
    expect(read.problems).toEqual([]);
    expect(read.backend).toBe('wasm');
    expect(read.model).toMatchObject({ preset: 'litehrnet_30', edited: false });
    expect(read.model!.config.input).toEqual({ height: 384, width: 288 });
  });

  it('auto is the default and stays out of the link', () => {
    expect(verifyQuery(verifyModel('litehrnet_18', presetConfig('litehrnet_18')), 'auto')).toBe(
      'v=1&m=litehrnet_18'
    );
  });

  it('an explorer link with an edit and view settings opens as an edited model', () => {
    // The explorer writes view keys (convention, unit, focus) too; they are read without complaint.
    const read = readVerifyLink('?v=1&m=litehrnet_18&w=40,96,160,320&cv=mmcv&at=stage1');
    expect(read.problems).toEqual([]);
    expect(read.model!.edited).toBe(true);
    expect(read.model!.config.stages[0].widths).toEqual([40, 96]);
    const again = readVerifyLink(verifyQuery(read.model!, 'cpu'));
    expect(again.model!.config).toEqual(read.model!.config);
    expect(again.backend).toBe('cpu');
  });

  it('the fused execution rides as ex=fused; op by op, the default, stays out', () => {
    const model = verifyModel('litehrnet_18', presetConfig('litehrnet_18'));
    const query = verifyQuery(model, 'wasm', 'fused');
    expect(query).toBe('v=1&m=litehrnet_18&backend=wasm&ex=fused');
    const read = readVerifyLink(`?${query}`);
    expect(read.problems).toEqual([]);
    expect(read.execution).toBe('fused');
    expect(verifyQuery(model, 'wasm', 'op-by-op')).toBe('v=1&m=litehrnet_18&backend=wasm');
  });

  it('a bad execution is named and op by op used', () => {
    const read = readVerifyLink('?v=1&m=litehrnet_18&ex=turbo');
    expect(read.execution).toBe('op-by-op');
    expect(read.problems).toEqual(['ex: “turbo” is not one of op-by-op, fused; op-by-op is used.']);
  });

  it('an ONNX Runtime backend survives the round trip', () => {
    const read = readVerifyLink('?v=1&m=litehrnet_18&backend=ort-wasm');
    expect(read.problems).toEqual([]);
    expect(read.backend).toBe('ort-wasm');
    expect(verifyQuery(read.model!, 'ort-wasm')).toContain('backend=ort-wasm');
  });

  it('a bad backend is named and auto used; the model is still read', () => {
    const read = readVerifyLink('?v=1&m=naive_litehrnet_18&backend=tpu');
    expect(read.backend).toBe('auto');
    expect(read.problems).toEqual([
      'backend: “tpu” is not one of auto, webgpu, wasm, webgl, cpu, ort-wasm, ort-webgpu; auto is used.'
    ]);
    expect(read.model!.preset).toBe('naive_litehrnet_18');
  });

  it('the explorer’s repairs are passed on, one sentence each', () => {
    const read = readVerifyLink('?v=1&m=litehrnet_18&zz=1');
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/^zz: /);
  });

  describe('the older ?config=<json> form', () => {
    it('still opens; an edited config is marked edited', () => {
      const config = setBranchWidth(
        presetConfig('litehrnet_18', { height: 64, width: 64 }),
        0,
        0,
        32
      );
      const read = readVerifyLink(`?config=${encodeURIComponent(JSON.stringify(config))}`);
      expect(read.problems).toEqual([]);
      expect(read.model!.edited).toBe(true);
      expect(read.model!.config.stages[0].widths[0]).toBe(32);
      // Written in the new form, it comes back the same.
      expect(readVerifyLink(verifyQuery(read.model!, 'auto')).model!.config).toEqual(
        read.model!.config
      );
    });

    it('a preset’s own config opens as that preset', () => {
      const config = presetAtInput('wider_naive_litehrnet_18', 'mpii_256x256');
      const read = readVerifyLink(
        `config=${encodeURIComponent(JSON.stringify(config))}&backend=wasm`
      );
      expect(read.model).toMatchObject({ preset: 'wider_naive_litehrnet_18', edited: false });
      expect(read.backend).toBe('wasm');
    });

    it('broken JSON says so and names no model', () => {
      const read = readVerifyLink('?config=%7Bnot');
      expect(read.model).toBeNull();
      expect(read.problems).toEqual([
        'The config in the link is not valid JSON; showing a preset instead.'
      ]);
    });

    it('JSON that is not an object of fields says what it is instead', () => {
      const said = (json: string) =>
        readVerifyLink(`?config=${encodeURIComponent(json)}`).problems[0];
      expect(said('[[40, 80]]')).toBe(
        'The config in the link must be a JSON object of fields ({"stem": …, "stages": […], …}), not a list of 1 item; showing a preset instead.'
      );
      expect(said('[1, 2, 3]')).toContain('not a list of 3 items;');
      expect(said('7')).toContain('not the number 7;');
      expect(said('null')).toContain('not null;');
      expect(said('"x"')).toContain('not a string;');
      // A message never starts a part with an empty path (": A config must …").
      for (const json of ['[[1]]', '7', '{}']) expect(said(json)).not.toMatch(/\(: /);
    });
  });
});
