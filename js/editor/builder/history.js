// Undo and redo for the builder. Typing into one field is one step, not one per key: a change
// with the same key as the previous one within a second replaces it.
import { useCallback, useReducer } from '@wordpress/element';

const MERGE_MS = 1000;
const LIMIT = 100;

/** @template T @typedef {{ past: T[], present: T, future: T[], key: string, at: number }} History */

/** @template T @param {History<T>} h @param {any} action @returns {History<T>} */
function reduce(h, action) {
	switch (action.type) {
		case 'set': {
			const next = action.update(h.present);
			if (next === h.present) return h;
			const merge = action.key !== '' && action.key === h.key && action.at - h.at < MERGE_MS;
			return {
				past: merge ? h.past : [...h.past, h.present].slice(-LIMIT),
				present: next, future: [], key: action.key, at: action.at,
			};
		}
		case 'undo':
			return h.past.length ? { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future], key: '', at: 0 } : h;
		case 'redo':
			return h.future.length ? { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1), key: '', at: 0 } : h;
		case 'reset':
			return { past: [], present: action.value, future: [], key: '', at: 0 };
		default:
			return h;
	}
}

/**
 * @template T @param {T} initial
 * @returns {{ value: T, set: (update: (v: T) => T, key?: string) => void, undo: () => void, redo: () => void,
 *   reset: (v: T) => void, canUndo: boolean, canRedo: boolean }}
 */
export function useHistory(initial) {
	const [h, dispatch] = useReducer(reduce, { past: [], present: initial, future: [], key: '', at: 0 });
	const set = useCallback((/** @type {(v: T) => T} */ update, key = '') => dispatch({ type: 'set', update, key, at: Date.now() }), []);
	const undo = useCallback(() => dispatch({ type: 'undo' }), []);
	const redo = useCallback(() => dispatch({ type: 'redo' }), []);
	const reset = useCallback((/** @type {T} */ value) => dispatch({ type: 'reset', value }), []);
	return { value: /** @type {T} */ (h.present), set, undo, redo, reset, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}
