// Shortcode ⇄ block: an `[amazon …]` shortcode (in a shortcode block, a classic block or pasted
// text) becomes the Shelf block of its family and back, attribute for attribute. A shortcode
// with an attribute the block does not hold stays a shortcode, so nothing is ever lost.
import { createBlock } from '@wordpress/blocks';
import { next } from '@wordpress/shortcode';

/**
 * The named attributes of the text when it is exactly one shortcode, else null.
 * @param {string} text @returns {Record<string, string> | null}
 */
function onlyShortcode(text) {
	const tag = window.shelfEditor.shortcode;
	const trimmed = text.trim();
	const found = next(tag, trimmed);
	if (!found || found.index !== 0 || found.content.length !== trimmed.length || found.shortcode.type !== 'single') return null;
	const numeric = found.shortcode.attrs.numeric ?? [];
	return numeric.length > 0 ? null : { ...found.shortcode.attrs.named };
}

/**
 * The shortcode for attributes: non-empty ones, in the block's order; `"` quoting unless the value
 * holds one. Null when a value holds both quote kinds (no shortcode can carry it).
 * @param {Record<string, string>} attributes @param {string[]} names
 */
export function toShortcode(attributes, names) {
	let text = `[${window.shelfEditor.shortcode}`;
	for (const name of names) {
		const value = attributes[name] ?? '';
		if (value === '') continue;
		if (!value.includes('"')) text += ` ${name}="${value}"`;
		else if (!value.includes("'")) text += ` ${name}='${value}'`;
		else return null;
	}
	return `${text}]`;
}

/**
 * Whether shortcode attributes belong to this block: its family, and nothing it cannot hold.
 * @param {Record<string, string>} named @param {string[]} family @param {string[]} names
 */
function belongs(named, family, names) {
	const keys = Object.keys(named);
	return keys.some((k) => family.includes(k) && named[k].trim() !== '') && keys.every((k) => names.includes(k));
}

/**
 * @param {string} blockName @param {string[]} family the shortcode attributes that name the family
 * @param {Record<string, { default?: string }>} attributeTypes block.json's attributes
 */
export function shortcodeTransforms(blockName, family, attributeTypes) {
	const names = Object.keys(attributeTypes);
	// Attributes a shortcode leaves out take '' (the shortcode's "absent"), not the block's default.
	const blank = Object.fromEntries(names.map((n) => [n, '']));
	return {
		from: [
			{
				type: 'block',
				blocks: ['core/shortcode'],
				isMatch: (/** @type {{ text: string }} */ { text }) => {
					const named = onlyShortcode(text ?? '');
					return named !== null && belongs(named, family, names);
				},
				transform: (/** @type {{ text: string }} */ { text }) => createBlock(blockName, { ...blank, ...onlyShortcode(text) }),
			},
			{
				type: 'shortcode',
				tag: window.shelfEditor.shortcode,
				isMatch: (/** @type {{ named: Record<string, string> }} */ { named }) => belongs(named, family, names),
				transform: (/** @type {{ named: Record<string, string> }} */ { named }) => createBlock(blockName, { ...blank, ...named }),
			},
		],
		to: [
			{
				type: 'block',
				blocks: ['core/shortcode'],
				isMatch: (/** @type {Record<string, string>} */ attributes) => toShortcode(attributes, names) !== null,
				transform: (/** @type {Record<string, string>} */ attributes) => createBlock('core/shortcode', { text: toShortcode(attributes, names) }),
			},
		],
	};
}
