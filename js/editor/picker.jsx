// The product picker every block and the table builder share: search Amazon (the site's rate
// limits apply), paste an ASIN or any Amazon product link (the core recognises it), or take a
// recently picked product.
import { Button, Notice, SearchControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { searchProducts } from './api.js';
import { recentProducts, rememberProduct } from './recent.js';
import { recogniseProduct } from './recognise.js';

/** @typedef {import('./recent.js').Recent} Product */

/** @param {{ product: Product, onPick: (p: Product) => void }} props */
function Choice({ product, onPick }) {
	return (
		<li className="shelf-picker__choice">
			<Button variant="tertiary" className="shelf-picker__button" onClick={() => onPick(product)}>
				{product.image ? <img src={product.image} alt="" width="40" height="40" loading="lazy" /> : <span className="shelf-picker__noimage" aria-hidden="true" />}
				<span className="shelf-picker__text">
					<span className="shelf-picker__title">{product.title || product.asin}</span>
					<span className="shelf-picker__meta">{product.manual ? `${product.asin} · ${__('Your manual product', 'shelf')}` : `${product.asin} · ${product.market}`}</span>
				</span>
			</Button>
		</li>
	);
}

/**
 * @param {{ market?: string, onPick: (p: Product) => void, label?: string }} props
 */
export function ProductPicker({ market = window.shelfEditor.market, onPick, label }) {
	const [text, setText] = useState('');
	const [results, setResults] = useState(/** @type {Product[] | null} */ (null));
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState('');
	const [notice, setNotice] = useState('');
	const recent = recentProducts().filter((p) => p.market === market);

	/** @param {Product} product */
	const pick = (product) => {
		rememberProduct(product);
		setText('');
		setResults(null);
		onPick(product);
	};

	const find = async () => {
		setError('');
		setNotice('');
		const named = await recogniseProduct(text, market);
		if (named) {
			pick({ asin: named.asin, market: named.market, title: '', image: null });
			return;
		}
		if (text.trim() === '') return;
		setBusy(true);
		try {
			const answer = await searchProducts(market, text.trim());
			setResults(answer.items.map((/** @type {any} */ i) => ({ ...i, market })));
			// Amazon's search failed, but the site's manual products matched.
			if (answer.notice) setNotice(answer.notice);
		} catch (e) {
			const err = /** @type {any} */ (e);
			const wait = err?.data?.retryAfter;
			setError(wait
				/* translators: 1: the error, 2: seconds. */
				? sprintf(__('%1$s Try again in %2$d s.', 'shelf'), err.message, wait)
				: err?.message ?? String(e));
		} finally {
			setBusy(false);
		}
	};

	return (
		<div className="shelf-picker">
			<form onSubmit={(event) => { event.preventDefault(); find(); }}>
				<SearchControl
					__nextHasNoMarginBottom
					label={label ?? __('Search Amazon, or paste an ASIN or Amazon link', 'shelf')}
					placeholder={__('Keywords, ASIN or https://www.amazon…', 'shelf')}
					value={text}
					onChange={setText}
				/>
				<Button variant="secondary" type="submit" disabled={busy || text.trim() === ''}>{__('Find', 'shelf')}</Button>
			</form>
			{busy && <Spinner />}
			{error && <Notice status="error" isDismissible={false}>{error}</Notice>}
			{notice && <Notice status="warning" isDismissible={false}>{sprintf(/* translators: %s: why Amazon's search failed. */ __('Only your manual products: %s', 'shelf'), notice)}</Notice>}
			{results && (
				<div role="region" aria-live="polite" aria-label={__('Search results', 'shelf')}>
					{results.length === 0 ? <p>{__('No products found.', 'shelf')}</p> : (
						<ul className="shelf-picker__list">{results.map((p) => <Choice key={p.asin} product={p} onPick={pick} />)}</ul>
					)}
				</div>
			)}
			{!results && recent.length > 0 && (
				<>
					<p className="shelf-picker__heading">{__('Recent products', 'shelf')}</p>
					<ul className="shelf-picker__list">{recent.map((p) => <Choice key={p.asin} product={p} onPick={pick} />)}</ul>
				</>
			)}
		</div>
	);
}
