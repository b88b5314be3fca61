// Loads visitors' WebAssembly core once per page. `@shelf/wasm` is js/wasm/ (rendering) or,
// where the site localises links, js/wasm-links/: the import map printed by WordPress says
// which (php/class-assets.php), so a page never downloads both.
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
