// Keeps keyboard focus on a list item's move button after the move: React moves the item's DOM
// node, which drops focus to the page. At the top or bottom the other button takes it.
import { useLayoutEffect, useRef } from '@wordpress/element';

/**
 * @param {number} index the item's place now @param {number} count items in the list
 * @returns {{ up: import('react').RefObject<any>, down: import('react').RefObject<any>, moving: (way: 'up' | 'down') => void }}
 */
export function useMoveFocus(index, count) {
	const up = useRef(null);
	const down = useRef(null);
	const way = useRef(/** @type {'up' | 'down' | null} */ (null));
	useLayoutEffect(() => {
		if (!way.current) return;
		const top = index === 0;
		const bottom = index === count - 1;
		const target = way.current === 'up' ? (top ? down : up) : (bottom ? up : down);
		way.current = null;
		/** @type {any} */ (target.current)?.focus();
	}, [index, count]);
	return { up, down, moving: (w) => { way.current = w; } };
}
