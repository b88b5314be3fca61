// A block's preview: the server's markup for its attributes (placeholder, fallback, notices —
// the shortcode's own), with each placement rendered by the core from the same data a visitor's
// page would carry. No server-side rendering: the HTML is the core's, made here.
import { RawHTML, useEffect, useState } from '@wordpress/element';
import { Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { renderPlacement, show } from '../placement.js';
import { loadPreview } from './api.js';

/**
 * The markup a visitor's page shows for this answer, rendered now.
 * @param {any} core @param {{ markup: string, data: any }} answer @param {number} now
 */
export function renderAnswer(core, answer, now) {
	const template = document.createElement('template');
	template.innerHTML = answer.markup;
	for (const node of template.content.querySelectorAll('.shelf-placement[data-shelf-id]')) {
		const payload = node instanceof HTMLElement ? answer.data.placements[node.dataset.shelfId ?? ''] : undefined;
		if (payload) show({ node: /** @type {HTMLElement} */ (node), payload }, renderPlacement(core, answer.data, payload, now), answer.data.config.notice);
	}
	return template.innerHTML;
}

/** @param {{ attributes: Record<string, string>, postId: number }} props */
export function Preview({ attributes, postId }) {
	const [state, setState] = useState(/** @type {{ html?: string, error?: string, note?: string }} */ ({}));
	const key = JSON.stringify(attributes);
	useEffect(() => {
		let live = true;
		// Typing in a field changes attributes on every key: ask once typing pauses.
		const timer = setTimeout(async () => {
			try {
				const { core, answer, note } = await loadPreview(postId, attributes);
				const html = renderAnswer(core, answer, Math.floor(Date.now() / 1000));
				if (live) setState({ html, note });
			} catch (error) {
				if (live) setState({ error: error instanceof Error ? error.message : String(/** @type {any} */ (error)?.message ?? error) });
			}
		}, 200);
		return () => {
			live = false;
			clearTimeout(timer);
		};
	}, [key, postId]);
	if (state.error) {
		return <Notice status="error" isDismissible={false}>{sprintf(__('The preview failed: %s', 'shelf'), state.error)}</Notice>;
	}
	if (state.html === undefined) return <Spinner />;
	return (
		<>
			{state.note && <Notice status="warning" isDismissible={false}>{state.note}</Notice>}
			<RawHTML className="shelf-preview">{state.html}</RawHTML>
		</>
	);
}
