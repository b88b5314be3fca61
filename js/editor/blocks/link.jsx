// shelf/link: a product's image (or text) linking to Amazon with the site's tracking ID.
import { __ } from '@wordpress/i18n';
import { AsinList } from '../asin-list.jsx';
import { makeEdit } from '../edit.jsx';
import { COMMON } from '../fields.jsx';

export const link = {
	family: ['link'],
	edit: makeEdit({
		title: __('Amazon image link', 'shelf'),
		icon: 'format-image',
		isReady: (a) => a.link.trim() !== '',
		Main: ({ attributes, setAttributes }) => (
			<AsinList label={__('Product', 'shelf')} max={1} value={attributes.link} onChange={(l) => setAttributes({ link: l })} />
		),
		fields: [{ name: 'image', label: __('Show', 'shelf'), options: [['1', __('The product image', 'shelf')], ['', __('Text', 'shelf')]] },
			COMMON.title, { name: 'link_title', label: __('Link title (AAWP)', 'shelf') }, { name: 'link_icon', label: __('Link icon (AAWP)', 'shelf') }, COMMON.tracking_id],
	}),
};
