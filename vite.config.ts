import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation, tfjsWasmThreadsSurviveMinifying } from './scripts/vite-plugins.ts';

export default defineConfig({
  plugins: [crossOriginIsolation(), sveltekit()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsSurviveMinifying()] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node'
  }
});
