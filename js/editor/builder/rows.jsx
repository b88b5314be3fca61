// The table's rows: add any type the core renders, label, reorder, hide, highlight, remove, and
// the cells authors write (one value for every product, or per product). Custom HTML rows are
// for users who may publish unfiltered HTML; others see them but cannot change them.
import { Button, SelectControl, TextControl, TextareaControl } from '@wordpress/components';
import { memo, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useMoveFocus, useRemoveFocus } from './move-focus.js';
import { MAX_ROWS, PER_PRODUCT, makeRow, move, updateRow, withValue } from './draft.js';

/** @typedef {import('./draft.js').Row} Row */
/** @typedef {import('./products.jsx').SetTable} SetTable */

/** @returns {Record<string, string>} */
function typeNames() {
	return {
		title: __('Title', 'shelf'), image: __('Image', 'shelf'), price: __('Price', 'shelf'), prime: __('Prime', 'shelf'),
		rating: __('Rating', 'shelf'), reviews: __('Reviews', 'shelf'), button: __('Amazon button', 'shelf'),
		yesNo: __('Yes / no', 'shelf'), text: __('Text', 'shelf'), html: __('Custom HTML', 'shelf'), customButton: __('Custom button', 'shelf'),
	};
}

/** @param {{ row: Row, products: string[], set: SetTable, titles: Record<string, string>, canHtml: boolean }} props */
function Cells({ row, products, set, titles, canHtml }) {
	const change = (/** @type {Partial<Row>} */ c, /** @type {string} */ field) => set((t) => updateRow(t, row.key, c), `row-${row.key}-${field}`);
	if (row.type === 'html' && !canHtml) {
		return <p className="shelf-builder__note">{__('Only users who may publish unfiltered HTML can change this row.', 'shelf')}</p>;
	}
	const Text = row.type === 'html' ? TextareaControl : TextControl;
	if (row.type === 'yesNo') {
		const options = [{ value: '', label: __('—', 'shelf') }, { value: 'yes', label: __('Yes', 'shelf') }, { value: 'no', label: __('No', 'shelf') }];
		return (
			<div className="shelf-builder__cells">
				{products.map((asin) => (
					<SelectControl key={asin} __nextHasNoMarginBottom __next40pxDefaultSize label={titles[asin] || asin} options={options}
						value={row.values[asin] ?? row.value} onChange={(v) => change({ values: withValue(row.values, asin, v) }, `values-${asin}`)} />
				))}
			</div>
		);
	}
	const common = { __nextHasNoMarginBottom: true };
	return (
		<div className="shelf-builder__cells">
			{row.type === 'customButton' && (
				<TextControl {...common} __next40pxDefaultSize type="url" label={__('Button link for every product', 'shelf')} value={row.url} onChange={(url) => change({ url }, 'url')} />
			)}
			<Text {...common} label={row.type === 'customButton' ? __('Button text for every product', 'shelf') : __('Value for every product', 'shelf')}
				value={row.value} onChange={(value) => change({ value }, 'value')} />
			{products.map((asin) => (
				<fieldset key={asin} className="shelf-builder__cell">
					<legend>{titles[asin] || asin}</legend>
					<Text {...common} label={row.type === 'customButton' ? __('Button text', 'shelf') : __('Value', 'shelf')}
						value={row.values[asin] ?? ''} onChange={(v) => change({ values: withValue(row.values, asin, v) }, `values-${asin}`)} />
					{row.type === 'customButton' && (
						<TextControl {...common} __next40pxDefaultSize type="url" label={__('Button link', 'shelf')} value={row.urls[asin] ?? ''}
							onChange={(v) => change({ urls: withValue(row.urls, asin, v) }, `urls-${asin}`)} />
					)}
				</fieldset>
			))}
		</div>
	);
}

/**
 * One row's line; unchanged rows are not re-rendered while another is edited.
 * @param {{ row: Row, index: number, count: number, names: Record<string, string>, products: string[], titles: Record<string, string>,
 *   canHtml: boolean, open: boolean, setOpen: (key: number) => void, set: SetTable, removing: (index: number) => void }} props
 */
const Item = memo(({ row, index, count, names, products, titles, canHtml, open, setOpen, set, removing }) => {
	const name = row.label || names[row.type];
	const writable = PER_PRODUCT.includes(row.type) || row.type === 'button';
	const change = (/** @type {Partial<Row>} */ c, /** @type {string} */ field = '') => set((t) => updateRow(t, row.key, c), field && `row-${row.key}-${field}`);
	const focus = useMoveFocus(index, count);
	const shift = (/** @type {'up' | 'down'} */ way) => {
		focus.moving(way);
		set((t) => ({ ...t, rows: move(t.rows, index, way === 'up' ? index - 1 : index + 1) }));
	};
	return (
		<li className={row.hidden ? 'is-hidden' : undefined}>
			<div className="shelf-builder__item">
				<TextControl __nextHasNoMarginBottom __next40pxDefaultSize className="shelf-builder__label"
					label={sprintf(__('Label of the %s row', 'shelf'), names[row.type])} placeholder={row.type === 'title' ? __('Product', 'shelf') : ''}
					value={row.label} onChange={(label) => change({ label }, 'label')} />
				<Button ref={focus.up} size="small" icon="arrow-up-alt2" label={sprintf(__('Move row %s up', 'shelf'), name)} disabled={index === 0} onClick={() => shift('up')} />
				<Button ref={focus.down} size="small" icon="arrow-down-alt2" label={sprintf(__('Move row %s down', 'shelf'), name)} disabled={index === count - 1} onClick={() => shift('down')} />
				{/* The title row names each column for screen readers: the core always shows it. */}
				{row.type !== 'title' && <Button size="small" icon={row.hidden ? 'hidden' : 'visibility'} isPressed={row.hidden} label={sprintf(__('Hide row %s', 'shelf'), name)} onClick={() => change({ hidden: !row.hidden })} />}
				<Button size="small" icon="star-filled" isPressed={row.highlight} label={sprintf(__('Highlight row %s', 'shelf'), name)} onClick={() => change({ highlight: !row.highlight })} />
				{writable && <Button size="small" icon="edit" isPressed={open} aria-expanded={open} label={sprintf(__('Values of row %s', 'shelf'), name)} onClick={() => setOpen(open ? 0 : row.key)} />}
				<Button data-remove size="small" icon="no-alt" isDestructive label={sprintf(__('Remove row %s', 'shelf'), name)} onClick={() => { removing(index); set((t) => ({ ...t, rows: t.rows.filter((r) => r.key !== row.key) })); }} />
			</div>
			{writable && open && (row.type === 'button'
				? <TextControl __nextHasNoMarginBottom __next40pxDefaultSize label={__('Button text for every product', 'shelf')} value={row.value} onChange={(value) => change({ value }, 'value')} />
				: <Cells row={row} products={products} set={set} titles={titles} canHtml={canHtml} />)}
		</li>
	);
});

/** @param {{ rows: Row[], products: string[], set: SetTable, titles: Record<string, string>, canHtml: boolean }} props */
export const Rows = memo(({ rows, products, set, titles, canHtml }) => {
	const names = useMemo(typeNames, []);
	const [type, setType] = useState('text');
	const [open, setOpen] = useState(/** @type {number} */ (0));
	const types = Object.keys(names).filter((t) => t !== 'html' || canHtml);
	const focus = useRemoveFocus(rows.length);
	return (
		<section className="shelf-builder__panel" aria-labelledby="shelf-builder-rows">
			<h2 id="shelf-builder-rows" ref={focus.heading} tabIndex={-1}>{__('Rows', 'shelf')}</h2>
			<ol className="shelf-builder__items" ref={focus.list}>
				{rows.map((row, i) => (
					<Item key={row.key} row={row} index={i} count={rows.length} names={names} products={products} titles={titles}
						canHtml={canHtml} open={open === row.key} setOpen={setOpen} set={set} removing={focus.removing} />
				))}
			</ol>
			{rows.length < MAX_ROWS && (
				<div className="shelf-builder__add">
					<SelectControl __nextHasNoMarginBottom __next40pxDefaultSize label={__('New row type', 'shelf')} value={type}
						options={types.map((t) => ({ value: t, label: names[t] }))} onChange={setType} />
					<Button variant="secondary" onClick={() => {
						const row = makeRow({ type, label: names[type] });
						set((t) => ({ ...t, rows: [...t.rows, row] }));
						if (PER_PRODUCT.includes(type)) setOpen(row.key);
					}}>{__('Add row', 'shelf')}</Button>
				</div>
			)}
		</section>
	);
});
