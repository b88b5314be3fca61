// shelf/box: one product box per ASIN.
import { __ } from '@wordpress/i18n';
import { AsinList } from '../asin-list.jsx';
import { makeEdit } from '../edit.jsx';
import { COMMON } from '../fields.jsx';

export const box = {
	family: ['box'],
	edit: makeEdit({
		title: __('Amazon product box', 'shelf'),
		icon: 'cart',
		isReady: (a) => a.box.trim() !== '',
		Main: ({ attributes, setAttributes }) => (
			<AsinList label={__('Products', 'shelf')} value={attributes.box} onChange={(box) => setAttributes({ box })} />
		),
		fields: [COMMON.title, COMMON.description, COMMON.description_items, COMMON.badge, COMMON.button_text, COMMON.template,
			COMMON.style, COMMON.items, COMMON.select, COMMON.order, COMMON.orderby, COMMON.tracking_id],
	}),
};
