// Keyboard focus in the builder's lists: moving or removing an item takes its DOM node away
// (React moves or drops it), which drops focus to the page; these hooks put it back nearby.
import { useCallback, useLayoutEffect, useRef } from '@wordpress/element';

/**
 * After a move, focus stays on the item's move button (the other one at the top or bottom).
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

/**
 * Keeps keyboard focus in a list after an item is removed: on the next item's remove button
 * (the previous one's at the end), or on the list's heading when it is empty.
 * @param {number} count items in the list
 * @returns {{ list: import('react').RefObject<any>, heading: import('react').RefObject<any>, removing: (index: number) => void }}
 */
export function useRemoveFocus(count) {
	const list = useRef(null);
	const heading = useRef(null);
	const removed = useRef(-1);
	useLayoutEffect(() => {
		if (removed.current < 0) return;
		const items = /** @type {HTMLElement | null} */ (list.current)?.children ?? [];
		const item = items[Math.min(removed.current, items.length - 1)];
		removed.current = -1;
		/** @type {any} */ (item?.querySelector('button[data-remove]') ?? heading.current)?.focus();
	}, [count]);
	const removing = useCallback((/** @type {number} */ index) => { removed.current = index; }, []);
	return { list, heading, removing };
}
