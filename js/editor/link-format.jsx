// The "Amazon link" rich-text format: select words, pick a product or paste an Amazon link, and
// the words become a normal link with the site's tracking ID (the core tags the URL) and
// rel="sponsored noopener", as the Associates rules and search engines expect.
import { RichTextToolbarButton } from '@wordpress/block-editor';
import { Notice, Popover } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { applyFormat, removeFormat, useAnchor } from '@wordpress/rich-text';
import { loadCore } from './core.js';
import { ProductPicker } from './picker.jsx';

export const LINK_FORMAT = 'shelf/amazon-link';

/**
 * The tagged product URL for an ASIN of a store, built and tagged by the core.
 * @param {string} asin @param {string} market
 */
async function productUrl(asin, market) {
	const core = await loadCore();
	const outcome = core.processHref(`https://${market}/dp/${asin}`, window.shelfEditor.links);
	return /** @type {string} */ (outcome.url ?? `https://${market}/dp/${asin}`);
}

/** @param {{ isActive: boolean, value: any, onChange: (v: any) => void, contentRef: any }} props */
function Edit({ isActive, value, onChange, contentRef }) {
	const [open, setOpen] = useState(false);
	const [error, setError] = useState('');
	const anchor = useAnchor({ editableContentElement: contentRef.current, settings: { tagName: 'a', className: 'shelf-link' } });
	return (
		<>
			<RichTextToolbarButton icon="cart" title={__('Amazon link', 'shelf')} isActive={isActive}
				onClick={() => (isActive ? onChange(removeFormat(value, LINK_FORMAT)) : setOpen(true))} />
			{open && (
				<Popover anchor={anchor} onClose={() => setOpen(false)} placement="bottom" focusOnMount="firstElement" className="shelf-link-popover">
					<div style={{ padding: '12px', width: '320px' }}>
						{error && <Notice status="error" isDismissible={false}>{error}</Notice>}
						<ProductPicker onPick={async (p) => {
							try {
								const url = await productUrl(p.asin, p.market);
								onChange(applyFormat(value, { type: LINK_FORMAT, attributes: { url, rel: 'sponsored noopener' } }));
								setOpen(false);
							} catch (e) {
								setError(e instanceof Error ? e.message : String(e));
							}
						}} />
					</div>
				</Popover>
			)}
		</>
	);
}

export const linkFormat = {
	title: __('Amazon link', 'shelf'),
	tagName: 'a',
	className: 'shelf-link',
	attributes: { url: 'href', rel: 'rel' },
	edit: Edit,
};
