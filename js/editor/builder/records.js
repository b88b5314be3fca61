// The records a visitor's page would carry for the table's products, from the preview route
// (an inline table of them: the server's own payload, records and page config), asked once per
// set of products; the core to render them with; and product titles as the core reads them.
import { useEffect, useState } from '@wordpress/element';
import { renderPlacement } from '../../placement.js';
import { loadPreview } from '../api.js';

/** @typedef {{ core?: any, answer?: any, error?: string, note?: string }} Records */

/**
 * The core, the page data and the base payload for these products (an inline table of them).
 * @param {string[]} products
 */
export function useRecords(products) {
	const [state, setState] = useState(/** @type {Records} */ ({}));
	// Reordering changes nothing the server sends: ask by the set.
	const key = [...products].sort().join(',');
	useEffect(() => {
		if (key === '') return undefined;
		let live = true;
		const timer = setTimeout(async () => {
			try {
				const { core, answer, note } = await loadPreview(0, { table: key });
				if (live) setState({ core, answer, note });
			} catch (error) {
				if (live) setState({ error: /** @type {any} */ (error)?.message ?? String(error) });
			}
		}, 300);
		return () => {
			live = false;
			clearTimeout(timer);
		};
	}, [key]);
	return state;
}

/**
 * A product's title as visitors see it (the core's title field), or '' before its data came.
 * @param {Records} records @param {string} asin
 */
export function titleOf({ core, answer }, asin) {
	const base = answer && Object.values(answer.data.placements)[0];
	if (!core || !base) return '';
	const { html } = renderPlacement(core, answer.data, { ...base, kind: 'field', asins: [asin], options: { field: 'title' } }, Math.floor(Date.now() / 1000));
	const template = document.createElement('template');
	template.innerHTML = html;
	return template.content.textContent?.trim() ?? '';
}
