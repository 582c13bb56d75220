import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '$lib/checkpoint';
import { parseInferArgs } from '../../../src/cli/infer-args';
import { fixtureBytes } from '../checkpoint/fixtures';

const FIXTURES = 'tests/parity/fixtures';
const tmp = mkdtempSync(join(tmpdir(), 'infer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI as a process, exactly as `npm run --silent infer -- …` starts it. */
function infer(args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/infer.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npyData(bytes: Uint8Array) {
  const r = readNpy(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('infer CLI (a process)', () => {
  it('the reduced fixture: heatmaps within 1e-4 of the PyTorch reference, both fusion modes', () => {
    for (const fusion of ['official', 'paper']) {
      const out = join(tmp, `${fusion}.npy`);
      const r = infer([
        ...['--config', `${FIXTURES}/reduced.config.json`, '--input', '64x48'],
        ...['--fusion', fusion, '--weights', `${FIXTURES}/reduced.zip.pth`],
        ...['--tensor', `${FIXTURES}/reduced.input.npy`, '--out', out]
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('268 tensors; output 1x3x16x12');
      const got = npyData(new Uint8Array(readFileSync(out)));
      const want = npyData(fixtureBytes(`reduced.${fusion}.heatmaps.npy`));
      expect(got.shape).toEqual([1, 3, 16, 12]);
      const err = got.data.reduce((m, v, i) => Math.max(m, Math.abs(v - want.data[i])), 0);
      expect(err).toBeLessThan(1e-4);
    }
  }, 60_000);

  it('a checkpoint for another network: one line on stderr, exit 2, nothing written', () => {
    const out = join(tmp, 'never.npy');
    const r = infer([
      ...['--preset', 'litehrnet_18', '--weights', `${FIXTURES}/reduced.zip.pth`],
      ...['--tensor', `${FIXTURES}/litehrnet18.input.npy`, '--out', out]
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^infer: This checkpoint does not fit the config \(.*\); nothing was loaded\. backbone\.stem/
    );
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);

  it('bad arguments: one line on stderr, exit 2', () => {
    for (const args of [
      ['--preset', 'nope'],
      ['--preset', 'litehrnet_18', '--tensor', 'x.npy', '--out', 'y.npy'],
      ['--preset', 'litehrnet_18', '--fusion', 'both', '--weights', 'w.pth'],
      [
        '--preset',
        'litehrnet_18',
        '--weights',
        '/nonexistent.pth',
        '--tensor',
        'x.npy',
        '--out',
        'o.npy'
      ]
    ]) {
      const r = infer(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  }, 60_000);
});

describe('infer arguments', () => {
  it('needs weights, a tensor and an output; takes official or paper fusion', () => {
    expect(parseInferArgs(['--preset', 'litehrnet_18'])).toEqual({
      ok: false,
      error: '--weights is required (see --help)'
    });
    const ok = parseInferArgs([
      ...['--config', 'c.json', '--fusion', 'paper', '--joints', '16'],
      ...['--weights', 'w.pth', '--tensor', 'x.npy', '--out', 'y.npy']
    ]);
    expect(ok.ok && ok.args).toMatchObject({ configPath: 'c.json', fusion: 'paper', joints: 16 });
  });
});
