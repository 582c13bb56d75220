import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/args';
import { runFlops } from '../../../src/cli/run';
import { presetConfig } from '$lib/model';
import { importMmpose } from '$lib/share/mmpose';

const fixtures = fileURLToPath(new URL('../share/fixtures-mmpose1/', import.meta.url));
const V1 = 'td-hm_litehrnet-18_8xb64-210e_coco-256x192.py';

function run(argv: string[], files: Record<string, string> = {}) {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return { ok: false as const, error: parsed.error };
  return runFlops(parsed.args, (path) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path];
  });
}

describe('flops CLI: mmpose configs', () => {
  it('--config reads an mmpose 1.x .py: the README’s 205.2M and 1,130,769 params', () => {
    const text = readFileSync(`${fixtures}${V1}`, 'utf8');
    const out = run(['--config', V1, '--format', 'json'], { [V1]: text });
    if (!out.ok) throw new Error(out.error);
    const report = JSON.parse(out.output);
    expect(report.totals.params).toBe(1_130_769);
    expect((report.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('205.2');
    expect(report.input).toEqual([256, 192]);
  });

  it('an mmpose .py with problems lists them with their lines', () => {
    const out = run(['--config', 'bad.py'], {
      'bad.py': 'model = dict(backbone=dict(extra=dict(stem=1)))'
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatch(/^mmpose config 'bad\.py' has \d+ problems:\n {2}Line 1, /);
  });

  it.each([
    ['0', '0.x', "type='TopDown'"],
    ['1', '1.x', "type='TopdownPoseEstimator'"]
  ])(
    '--mmpose %s prints the %s style, which reads back to the same config',
    (flag, style, marker) => {
      const out = run(['--preset', 'litehrnet_30', '--input', '384x288', '--mmpose', flag]);
      if (!out.ok) throw new Error(out.error);
      expect(out.output).toContain(marker);
      expect(out.output).toMatch(/^# Lite-HRNet Explorer preset: litehrnet_30/);
      const back = importMmpose(out.output);
      expect(back.style).toBe(style);
      expect(back.config).toEqual(presetConfig('litehrnet_30', { height: 384, width: 288 }));
    }
  );

  it('--mmpose takes 0 or 1 only, and not with --format', () => {
    const bad = run(['--preset', 'litehrnet_18', '--mmpose', '2']);
    expect(bad).toEqual({
      ok: false,
      error: "--mmpose must be 0 or 1 (the mmpose version), not '2' (see --help)"
    });
    const both = run(['--preset', 'litehrnet_18', '--mmpose', '1', '--format', 'csv']);
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.error).toContain('leave out --format');
  });
});
