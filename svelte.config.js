import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    paths: {
      base: /** @type {'' | `/${string}`} */ (process.env.BASE_PATH ?? '')
    },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
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
