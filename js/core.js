// Loads Shelf's WebAssembly core once per page, however many modules ask for it.
import init, * as core from './wasm/shelf_core.js';

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
