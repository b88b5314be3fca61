// shelf/fields: one value of a product (AAWP's `fields` with `value`).
import { __ } from '@wordpress/i18n';
import { AsinList } from '../asin-list.jsx';
import { makeEdit } from '../edit.jsx';
import { COMMON } from '../fields.jsx';

/** AAWP's `value` names (the shortcode maps them to the core's fields). */
const VALUES = /** @type {Array<[string, string]>} */ ([['title', __('Title', 'shelf')], ['price', __('Price', 'shelf')],
	['image', __('Image', 'shelf')], ['thumb', __('Thumbnail', 'shelf')], ['button', __('Button', 'shelf')], ['url', __('URL', 'shelf')],
	['link', __('Link', 'shelf')], ['features', __('Features', 'shelf')], ['description', __('Description', 'shelf')],
	['rating', __('Rating', 'shelf')], ['star_rating', __('Star rating', 'shelf')], ['last_update', __('Last update', 'shelf')]]);

export const fields = {
	family: ['fields'],
	edit: makeEdit({
		title: __('Amazon product field', 'shelf'),
		icon: 'tag',
		isReady: (a) => a.fields.trim() !== '' && a.value !== '',
		Main: ({ attributes, setAttributes }) => (
			<AsinList label={__('Product', 'shelf')} max={1} value={attributes.fields} onChange={(f) => setAttributes({ fields: f, value: attributes.value || 'price' })} />
		),
		fields: [{ name: 'value', label: __('Value', 'shelf'), options: VALUES }, COMMON.title, COMMON.tracking_id],
	}),
};
