// The admin WebAssembly core for editor scripts. They are classic scripts (WordPress's editor
// loads them so), so the module comes in through a dynamic import of the URL the server gave.

/** @type {Promise<any> | undefined} */
let ready;

/** The initialised core, fetched and compiled once per editor session. */
export function loadCore() {
	ready ??= import(/* @vite-ignore */ window.shelfEditor.wasm).then(async (core) => {
		await core.default();
		return core;
	}).catch((e) => {
		ready = undefined; // a failed load (a network glitch) is tried again by the next caller
		throw e;
	});
	return ready;
}
