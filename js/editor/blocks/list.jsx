// shelf/list: bestsellers for keywords (`bestseller`) or new releases in a browse node (`new`).
import { RadioControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { makeEdit } from '../edit.jsx';
import { COMMON } from '../fields.jsx';

/** @param {import('../edit.jsx').EditProps} props */
function Main({ attributes, setAttributes }) {
	const kind = attributes.new !== '' ? 'new' : 'bestseller';
	return (
		<>
			<RadioControl label={__('List', 'shelf')} selected={kind}
				options={[{ value: 'bestseller', label: __('Bestsellers for keywords', 'shelf') }, { value: 'new', label: __('New releases in a category', 'shelf') }]}
				onChange={(k) => setAttributes(k === 'new' ? { new: attributes.bestseller, bestseller: '' } : { bestseller: attributes.new, new: '' })} />
			<TextControl __nextHasNoMarginBottom __next40pxDefaultSize
				label={kind === 'new' ? __('Browse node ID', 'shelf') : __('Keywords', 'shelf')}
				value={attributes[kind]} onChange={(v) => setAttributes({ [kind]: v })} />
		</>
	);
}

export const list = {
	family: ['bestseller', 'new'],
	edit: makeEdit({
		title: __('Amazon bestseller list', 'shelf'),
		icon: 'editor-ol',
		isReady: (a) => a.bestseller.trim() !== '' || a.new.trim() !== '',
		Main,
		fields: [COMMON.items, COMMON.select, COMMON.order, COMMON.orderby,
			COMMON.button_text, COMMON.template, COMMON.style, COMMON.tracking_id],
	}),
};
