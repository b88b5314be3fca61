// The table's products, its columns: add with the picker (up to 25), reorder, hide, remove, and
// the texts that replace Amazon's for one product (title, description, badge, button text).
import { Button, TextControl, TextareaControl } from '@wordpress/components';
import { memo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { ProductPicker } from '../picker.jsx';
import { useMoveFocus, useRemoveFocus } from './move-focus.js';
import { MAX_PRODUCTS, addProduct, move, removeProduct, setOverride, toggleHidden } from './draft.js';

/** @typedef {import('./draft.js').Table} Table */
/** @typedef {(update: (t: Table) => Table, key?: string) => void} SetTable */

/** @param {{ override: import('./draft.js').Override, asin: string, set: SetTable }} props */
function Texts({ override: o, asin, set }) {
	const field = (/** @type {'title' | 'description' | 'badge' | 'buttonText'} */ name) => ({
		value: o[name] ?? '',
		onChange: (/** @type {string} */ v) => set((t) => setOverride(t, asin, { [name]: v }), `override-${asin}-${name}`),
		__nextHasNoMarginBottom: true,
	});
	return (
			<div className="shelf-builder__texts">
				<TextControl __next40pxDefaultSize label={__('Title', 'shelf')} help={__('Empty: Amazon’s title.', 'shelf')} {...field('title')} />
				<TextareaControl label={__('Description (one bullet per line)', 'shelf')} rows={3} {...field('description')} />
				<TextControl __next40pxDefaultSize label={__('Badge', 'shelf')} {...field('badge')} />
				<TextControl __next40pxDefaultSize label={__('Button text', 'shelf')} {...field('buttonText')} />
			</div>
	);
}

/**
 * One product's line; unchanged lines are not re-rendered while another is edited.
 * @param {{ asin: string, index: number, count: number, name: string, hidden: boolean,
 *   override: import('./draft.js').Override | undefined, open: boolean, setOpen: (asin: string) => void, set: SetTable,
 *   removing: (index: number) => void }} props
 */
const Item = memo(({ asin, index, count, name, hidden, override, open, setOpen, set, removing }) => {
	const focus = useMoveFocus(index, count);
	const shift = (/** @type {'up' | 'down'} */ way) => {
		focus.moving(way);
		set((t) => ({ ...t, products: move(t.products, index, way === 'up' ? index - 1 : index + 1) }));
	};
	return (
	<li className={hidden ? 'is-hidden' : undefined}>
		<div className="shelf-builder__item">
			<span className="shelf-builder__name">
				<span>{name}</span>
				<span className="shelf-builder__meta">{hidden ? sprintf(__('%s · hidden', 'shelf'), asin) : asin}</span>
			</span>
			<Button ref={focus.up} size="small" icon="arrow-up-alt2" label={sprintf(__('Move %s up', 'shelf'), name)} disabled={index === 0} onClick={() => shift('up')} />
			<Button ref={focus.down} size="small" icon="arrow-down-alt2" label={sprintf(__('Move %s down', 'shelf'), name)} disabled={index === count - 1} onClick={() => shift('down')} />
			<Button size="small" icon={hidden ? 'hidden' : 'visibility'} isPressed={hidden} label={sprintf(__('Hide %s', 'shelf'), name)} onClick={() => set((t) => toggleHidden(t, asin))} />
			<Button size="small" icon="edit" isPressed={open} aria-expanded={open} label={sprintf(__('Texts for %s', 'shelf'), name)} onClick={() => setOpen(open ? '' : asin)} />
			<Button data-remove size="small" icon="no-alt" isDestructive label={sprintf(__('Remove %s', 'shelf'), name)} onClick={() => { removing(index); set((t) => removeProduct(t, asin)); }} />
		</div>
		{open && <Texts override={override ?? {}} asin={asin} set={set} />}
	</li>
	);
});

/**
 * @param {{ products: string[], hidden: string[], overrides: Table['overrides'], set: SetTable, titles: Record<string, string> }} props
 */
export const Products = memo(({ products, hidden, overrides, set, titles }) => {
	const [open, setOpen] = useState('');
	const focus = useRemoveFocus(products.length);
	return (
		<section className="shelf-builder__panel" aria-labelledby="shelf-builder-products">
			<h2 id="shelf-builder-products" ref={focus.heading} tabIndex={-1}>{sprintf(__('Products (%1$d of %2$d)', 'shelf'), products.length, MAX_PRODUCTS)}</h2>
			{products.length > 0 && (
				<ol className="shelf-builder__items" ref={focus.list}>
					{products.map((asin, i) => (
						<Item key={asin} asin={asin} index={i} count={products.length} name={titles[asin] || asin} hidden={hidden.includes(asin)}
							override={overrides[asin]} open={open === asin} setOpen={setOpen} set={set} removing={focus.removing} />
					))}
				</ol>
			)}
			{products.length < MAX_PRODUCTS
				? <ProductPicker label={__('Add a product: search, or paste an ASIN or Amazon link', 'shelf')} onPick={(p) => set((t) => addProduct(t, p.asin))} />
				: <p>{sprintf(__('A table holds at most %d products.', 'shelf'), MAX_PRODUCTS)}</p>}
		</section>
	);
});
