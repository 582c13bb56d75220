/**
 * A Node module-resolution hook for tfjs-core's ES build, which the training code needs for its
 * gradient functions (`@tensorflow/tfjs-core/dist/register_all_gradients`: no bundle of tfjs-core
 * holds them). Those files import each other without the `.js` ending that Node's ES loader
 * requires, and one of them (`./gradients`) is also a directory's name. Bundlers (Vite, esbuild)
 * resolve these; for the Node CLIs, this hook tries `<specifier>.js` first for relative imports
 * made inside tfjs-core's `dist/`. Nothing else is touched. Registered by src/cli/node-tfjs.ts.
 */
export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (
    parent.includes('/@tensorflow/tfjs-core/dist/') &&
    specifier.startsWith('.') &&
    !specifier.endsWith('.js')
  ) {
    try {
      return await nextResolve(`${specifier}.js`, context);
    } catch {
      // not a file: fall through to the usual resolution
    }
  }
  return nextResolve(specifier, context);
}
