import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const buildDir = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Every component in runes mode, also those with no state or props (which Svelte would
  // otherwise compile in legacy mode, switching the legacy code paths on for the whole app).
  compilerOptions: { runes: true },
  kit: {
    // BUILD_DIR lets a second build (say, under a sub-path for the deploy test) sit beside the
    // main one. fallback: the page a static host serves for unknown paths (GitHub Pages serves
    // 404.html); it boots the app, which shows src/routes/+error.svelte.
    adapter: adapter({ pages: buildDir, assets: buildDir, fallback: '404.html', strict: true }),
    // SVELTEKIT_OUT_DIR keeps such a second build from replacing .svelte-kit/output, which
    // `vite preview` serves.
    outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit',
    paths: {
      base: /** @type {'' | `/${string}`} */ (process.env.BASE_PATH ?? '')
    },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
    // Stylesheets this small go into the page itself: no render-blocking request before the first
    // paint (Lighthouse's mobile run waits a slow-4G round trip for each).
    inlineStyleThreshold: 12 * 1024,
    typescript: {
      // The generated .svelte-kit/tsconfig.json already covers src/ and tests/;
      // paths here are relative to that file.
      config: (tsconfig) => {
        tsconfig.include.push(
          '../bench/**/*.ts',
          '../playwright.config.ts',
          '../svelte.config.js',
          '../eslint.config.js'
        );
      }
    }
  }
};

export default config;
