// Loads visitors' WebAssembly core once per page. `@shelf/wasm` is the glue of the module the
// page needs: build.sh bundles this loader once per visitors' module (js/wasm-*/loader.js) and
// PHP enqueues the one bundle whose module holds what the page has (php/class-assets.php).
import init, * as core from '@shelf/wasm';

/** @type {Promise<typeof core> | undefined} */
let ready;

/**
 * The initialised core. The promise is memoised, so the wasm is fetched and compiled once.
 * @returns {Promise<typeof core>}
 */
export function loadCore() {
	ready ??= init().then(() => core);
	return ready;
}
