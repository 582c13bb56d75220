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
    inlineStyleThreshold: 16 * 1024,
    // The Content-Security-Policy, written into every prerendered page as a <meta> tag (hash
    // mode: SvelteKit adds the sha256 of each inline script and inline <style> it writes).
    // Scripts run only from this site plus those hashes — no 'unsafe-inline', no 'unsafe-eval'.
    // tfjs and its WebAssembly run only inside the workers, whose own (header-less) responses
    // carry no policy, so the page needs no 'wasm-unsafe-eval'. Inline <style> elements are
    // allowed by hash only; style attributes are allowed ('unsafe-inline' in style-src-attr)
    // because the prerendered HTML carries Svelte's style attributes (style:width, a legend's
    // gradient), which a browser applies from the HTML itself (without it every page logs
    // refusals, app.html's `display: contents` wrapper first). Images: the site, plus blob:
    // for a picked input image and the PNG export's drawing. connect-src adds https: for the
    // forward panel's "Load from URL" (a checkpoint, say from mmpose's model zoo): fetch() is the
    // only thing that may reach another origin, and only over https, without cookies, and only
    // where that host answers with CORS headers; scripts, workers and styles still come from
    // this site alone.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'worker-src': ['self'],
        'connect-src': ['self', 'https:'],
        'img-src': ['self', 'blob:'],
        'style-src': ['self'],
        'style-src-attr': ['unsafe-inline'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    },
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
