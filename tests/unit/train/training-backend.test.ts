import { describe, expect, it } from 'vitest';
// Training starts its backend with the forward pass's startBackend, which picks with chooseBackend.
import { chooseBackend as chooseTrainingBackend } from '$lib/tf/backend-choice';

const gpu = {
  isFallbackAdapter: false,
  vendor: 'nvidia',
  architecture: 'ampere',
  device: '',
  description: ''
};

describe('which backend trains', () => {
  it('takes WebGPU on a hardware GPU, as the forward pass does', () => {
    expect(chooseTrainingBackend({ webgpu: gpu, webglRenderer: null }).name).toBe('webgpu');
  });

  it('takes WebGL on a hardware renderer when there is no WebGPU', () => {
    expect(
      chooseTrainingBackend({ webgpu: null, webglRenderer: 'ANGLE (NVIDIA GeForce)' }).name
    ).toBe('webgl');
  });

  it('takes wasm without a real GPU, as the forward pass does, and says why', () => {
    const pick = chooseTrainingBackend({ webgpu: null, webglRenderer: 'Google SwiftShader' });
    expect(pick.name).toBe('wasm');
    expect(pick.reason).toMatch(/software-rendered/);
  });
});
