// A comma-separated ASIN attribute edited as a list: add with the picker, reorder, remove.
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { ProductPicker } from './picker.jsx';

/** @param {{ value: string, onChange: (v: string) => void, max?: number, label: string }} props */
export function AsinList({ value, onChange, max = 25, label }) {
	const asins = value.split(',').map((a) => a.trim()).filter(Boolean);
	const set = (/** @type {string[]} */ list) => onChange(list.join(','));
	const move = (/** @type {number} */ from, /** @type {number} */ to) => {
		const list = [...asins];
		list.splice(to, 0, ...list.splice(from, 1));
		set(list);
	};
	return (
		<fieldset className="shelf-asins">
			<legend>{label}</legend>
			{asins.length > 0 && (
				<ol className="shelf-asins__list">
					{asins.map((asin, i) => (
						<li key={`${asin}-${i}`}>
							<code>{asin}</code>
							<Button size="small" icon="arrow-up-alt2" label={sprintf(__('Move %s up', 'shelf'), asin)} disabled={i === 0} onClick={() => move(i, i - 1)} />
							<Button size="small" icon="arrow-down-alt2" label={sprintf(__('Move %s down', 'shelf'), asin)} disabled={i === asins.length - 1} onClick={() => move(i, i + 1)} />
							<Button size="small" icon="no-alt" label={sprintf(__('Remove %s', 'shelf'), asin)} onClick={() => set(asins.filter((_, j) => j !== i))} />
						</li>
					))}
				</ol>
			)}
			{asins.length < max && (
				<ProductPicker label={asins.length ? __('Add a product: search, or paste an ASIN or Amazon link', 'shelf') : undefined}
					onPick={(p) => set(max === 1 ? [p.asin] : [...asins.filter((a) => a !== p.asin), p.asin])} />
			)}
		</fieldset>
	);
}
