// The admin WebAssembly core for editor scripts. They are classic scripts (WordPress's editor
// loads them so), so the module comes in through a dynamic import of the URL the server gave.

/** @type {Promise<any> | undefined} */
let ready;
/** Instances given up after a trap: the next one is imported from its own URL. */
let broken = 0;
/** The exports of the instance in use. @type {Record<string, any> | undefined} */
let current;

/**
 * The core's exports, each of which gives up this instance when it traps: a trap can leave the
 * memory full (out of memory) or the stack half unwound, and an editor session is long, so the
 * next caller gets a fresh instance instead of the same failure again.
 * @param {Record<string, any>} core
 */
function guarded(core) {
	/** @type {Record<string, any>} */
	const exports = {};
	for (const [name, value] of Object.entries(core)) {
		exports[name] = typeof value !== 'function' ? value : (/** @type {any[]} */ ...args) => {
			try {
				return value(...args);
			} catch (e) {
				if (e instanceof WebAssembly.RuntimeError && exports === current) {
					ready = undefined;
					broken++;
				}
				throw e;
			}
		};
	}
	current = exports;
	return exports;
}
/** The initialised core, fetched and compiled once per editor session (again after a trap). */
export function loadCore() {
	if (!ready) {
		// A module is evaluated once per URL: a fresh instance needs a URL of its own.
		const url = new URL(window.shelfEditor.wasm, location.href);
		if (broken) url.searchParams.set('instance', String(broken));
		ready = import(/* @vite-ignore */ url.href).then(async (core) => {
			await core.default();
			return guarded(core);
		}).catch((e) => {
			ready = undefined; // a failed load (a network glitch) is tried again by the next caller
			throw e;
		});
	}
	return ready;
}
