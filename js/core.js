// Loads visitors' WebAssembly core (js/wasm, the front end's feature set) once per page.
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
