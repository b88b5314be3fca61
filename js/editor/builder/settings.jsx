// Table-wide settings: caption, label column, the highlighted product and its ribbon.
import { SelectControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/** @typedef {import('./draft.js').Table} Table */

/** @param {{ table: Table, set: import('./products.jsx').SetTable, titles: Record<string, string> }} props */
export function Settings({ table, set, titles }) {
	const field = (/** @type {'caption' | 'ribbon' | 'labels' | 'highlight'} */ name) => ({
		value: table[name],
		onChange: (/** @type {string} */ v) => set((t) => ({ ...t, [name]: v }), name),
		__nextHasNoMarginBottom: true,
		__next40pxDefaultSize: true,
	});
	return (
		<section className="shelf-builder__panel" aria-labelledby="shelf-builder-settings">
			<h2 id="shelf-builder-settings">{__('Table', 'shelf')}</h2>
			<TextControl label={__('Caption', 'shelf')} help={__('Names the table for screen readers and above it. Empty: “Product comparison”.', 'shelf')} {...field('caption')} />
			<SelectControl label={__('Row labels', 'shelf')} {...field('labels')} options={[
				{ value: 'shown', label: __('Shown', 'shelf') },
				{ value: 'hiddenMobile', label: __('Hidden on phones', 'shelf') },
				{ value: 'hidden', label: __('Hidden', 'shelf') },
			]} />
			<SelectControl label={__('Highlighted product', 'shelf')} {...field('highlight')} options={[
				{ value: '', label: __('None', 'shelf') },
				...table.products.map((asin) => ({ value: asin, label: titles[asin] || asin })),
			]} />
			<TextControl label={__('Ribbon over the highlighted product', 'shelf')} placeholder={__('Our pick', 'shelf')} disabled={table.highlight === ''} {...field('ribbon')} />
		</section>
	);
}
