// Front-end loader: renders every Shelf placeholder on the page through the core.
// On any failure it warns once and leaves the server's no-JS fallback in place.
import { loadCore } from './core.js';

let warned = false;
/** @param {string} what @param {unknown} error */
function warnOnce(what, error) {
	if (!warned) {
		warned = true;
		console.warn(`Shelf: ${what}; showing the plain links instead.`, error);
	}
}

/**
 * @param {typeof import('./wasm/shelf_core.js')} core
 * @param {HTMLElement} node
 */
function renderPlacement(core, node) {
	const data = JSON.parse(node.dataset.shelf ?? '');
	if (data.kind === 'link') {
		node.innerHTML = core.renderTextLink(data);
	} else {
		throw new Error(`unknown placement kind ${data.kind}`);
	}
	node.classList.add('shelf-placement--ready');
}

async function main() {
	/** @type {NodeListOf<HTMLElement>} */
	const nodes = document.querySelectorAll('.shelf-placement[data-shelf]');
	if (nodes.length === 0) return;
	let core;
	try {
		core = await loadCore();
	} catch (error) {
		warnOnce('the WebAssembly core did not load', error);
		return;
	}
	for (const node of nodes) {
		try {
			renderPlacement(core, node);
		} catch (error) {
			warnOnce('a placement could not be rendered', error);
		}
	}
}

main();
