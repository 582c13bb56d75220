/**
 * Which tfjs backend "auto" picks, as a pure function of what the browser reports: the WebGPU
 * adapter (or none) and the WebGL renderer's name (or none). Order: webgpu on a real GPU, webgl on
 * a real GPU, else wasm. A software GPU (SwiftShader, llvmpipe, WARP…) loses to wasm with SIMD on
 * a CPU: STACK.md measured WebGL on SwiftShader at ~240–490 ms where wasm took ~31–45 ms.
 */
import type { BackendName } from './protocol';

/** What a WebGPU adapter says about itself (GPUAdapterInfo plus the fallback flag). */
export interface GpuAdapterFacts {
  /** `adapter.info.isFallbackAdapter` (or the older `adapter.isFallbackAdapter`). */
  isFallbackAdapter: boolean;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface BrowserGpuFacts {
  /** null: no `navigator.gpu`, or it gave no adapter. */
  webgpu: GpuAdapterFacts | null;
  /** The WebGL renderer's name; null when there is no WebGL (e.g. in Node). */
  webglRenderer: string | null;
}

export interface BackendPick {
  name: BackendName;
  reason: string;
}

/** Renderer and adapter names of GPUs emulated on the CPU (Chromium, Mesa, Windows' WARP). */
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|warp/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_GPU.test(name);
}

function adapterName(a: GpuAdapterFacts): string {
  return [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ').trim();
}

/** Why a WebGPU adapter is not taken, or null when it is a real GPU. */
function webgpuRefusal(a: GpuAdapterFacts | null): string | null {
  if (!a) return 'no WebGPU adapter';
  if (a.isFallbackAdapter) return 'the WebGPU adapter is a software fallback';
  const name = adapterName(a);
  return isSoftwareRenderer(name) ? `the WebGPU adapter is software (${name})` : null;
}

export function chooseBackend(facts: BrowserGpuFacts): BackendPick {
  const noWebgpu = webgpuRefusal(facts.webgpu);
  if (noWebgpu === null) {
    const name = adapterName(facts.webgpu!) || 'unnamed adapter';
    return { name: 'webgpu', reason: `auto: a hardware GPU runs WebGPU (${name})` };
  }
  const renderer = facts.webglRenderer;
  if (renderer && !isSoftwareRenderer(renderer))
    return {
      name: 'webgl',
      reason: `auto: ${noWebgpu}; a hardware GPU renders WebGL (${renderer})`
    };
  const noWebgl = renderer ? `WebGL is software-rendered (${renderer})` : 'no WebGL here';
  return { name: 'wasm', reason: `auto: ${noWebgpu} and ${noWebgl}, so wasm with SIMD` };
}

/**
 * Whether to run tfjs's threaded wasm build. It needs SharedArrayBuffer, so a cross-origin
 * isolated page (README, "Hosting"). tfjs caps its thread pool at half the logical cores
 * (backend.cc: `min(requested, hardwareConcurrency / 2)`), so below 4 cores it would run one
 * thread and only pay for 8 idle pool workers. Measured here (2 cores, shared): forcing 2 threads
 * made Lite-HRNet-18 ~4x slower (693 vs 174 ms median) — threads that spin-wait lose when no core
 * is spare, and most of this network's ops are too small to split.
 */
export function wasmThreadsWanted(facts: {
  crossOriginIsolated: boolean;
  logicalCores: number;
}): boolean {
  return facts.crossOriginIsolated && facts.logicalCores >= 4;
}
