import { describe, expect, it } from 'vitest';
import { chooseBackend, wasmThreadsWanted, type GpuAdapterFacts } from '$lib/tf/backend-choice';

// Adapter and renderer names as browsers report them: Chrome's WebGPU adapter on Dawn's
// SwiftShader (vendor "google", architecture "swiftshader", flagged as a fallback adapter), a
// discrete GPU through Dawn (vendor "nvidia", architecture "ampere"), and WebGL renderer strings
// from ANGLE and Mesa.
const swiftshaderAdapter: GpuAdapterFacts = {
  isFallbackAdapter: true,
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader Device (Subzero)'
};
const nvidiaAdapter: GpuAdapterFacts = {
  isFallbackAdapter: false,
  vendor: 'nvidia',
  architecture: 'ampere',
  device: '',
  description: ''
};
const ANGLE_NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';
const ANGLE_SWIFTSHADER =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const MESA_LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';

describe('chooseBackend (what "auto" runs on)', () => {
  it('takes webgpu when the adapter is a hardware GPU, ahead of a hardware WebGL', () => {
    const pick = chooseBackend({ webgpu: nvidiaAdapter, webglRenderer: ANGLE_NVIDIA });
    expect(pick.name).toBe('webgpu');
    expect(pick.reason).toContain('nvidia ampere');
  });

  it('skips a WebGPU fallback adapter and takes a hardware WebGL', () => {
    const pick = chooseBackend({ webgpu: swiftshaderAdapter, webglRenderer: ANGLE_NVIDIA });
    expect(pick.name).toBe('webgl');
    expect(pick.reason).toContain('software fallback');
  });

  it('skips an adapter named SwiftShader even when it does not say it is a fallback', () => {
    const unflagged = { ...swiftshaderAdapter, isFallbackAdapter: false };
    expect(chooseBackend({ webgpu: unflagged, webglRenderer: null }).name).toBe('wasm');
  });

  it('takes wasm when WebGL is software-rendered (SwiftShader or llvmpipe) and there is no adapter', () => {
    for (const renderer of [ANGLE_SWIFTSHADER, MESA_LLVMPIPE]) {
      const pick = chooseBackend({ webgpu: null, webglRenderer: renderer });
      expect(pick.name).toBe('wasm');
      expect(pick.reason).toContain('software-rendered');
    }
  });

  it('takes wasm with neither WebGPU nor WebGL (a worker in Node, an old browser)', () => {
    const pick = chooseBackend({ webgpu: null, webglRenderer: null });
    expect(pick).toEqual({
      name: 'wasm',
      reason: 'auto: no WebGPU adapter and no WebGL here, so wasm with SIMD'
    });
  });

  it('takes webgl on a hardware GPU when the browser has no WebGPU', () => {
    expect(chooseBackend({ webgpu: null, webglRenderer: ANGLE_NVIDIA }).name).toBe('webgl');
  });
});

describe('wasmThreadsWanted (tfjs threaded wasm build)', () => {
  it('needs a cross-origin isolated page: without it there is no SharedArrayBuffer', () => {
    expect(wasmThreadsWanted({ crossOriginIsolated: false, logicalCores: 16 })).toBe(false);
  });

  it('stays single-threaded below 4 logical cores, where tfjs would cap the pool at one thread', () => {
    // tfjs backend.cc: threads = min(requested, hardwareConcurrency / 2); 2 or 3 cores give 1.
    expect(wasmThreadsWanted({ crossOriginIsolated: true, logicalCores: 2 })).toBe(false);
    expect(wasmThreadsWanted({ crossOriginIsolated: true, logicalCores: 3 })).toBe(false);
  });

  it('uses threads on an isolated page with 4 or more logical cores', () => {
    expect(wasmThreadsWanted({ crossOriginIsolated: true, logicalCores: 4 })).toBe(true);
  });
});
