// Inspector fields for block attributes, all strings as in the shortcode. A select keeps an
// unknown value (an AAWP post's, say) as its own choice instead of silently replacing it.
import { SelectControl, TextControl, TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/** @typedef {{ name: string, label: string, help?: string, options?: Array<[string, string]>, long?: boolean }} Field */

/** @param {{ fields: Field[], attributes: Record<string, string>, setAttributes: (a: Record<string, string>) => void }} props */
export function AttributeFields({ fields, attributes, setAttributes }) {
	return fields.map((field) => {
		const value = attributes[field.name] ?? '';
		const set = (/** @type {string} */ v) => setAttributes({ [field.name]: v });
		if (field.options) {
			const options = field.options.map(([v, label]) => ({ value: v, label }));
			if (!field.options.some(([v]) => v === value)) options.push({ value, label: value });
			return <SelectControl __nextHasNoMarginBottom __next40pxDefaultSize key={field.name} label={field.label} help={field.help} value={value} options={options} onChange={set} />;
		}
		const Control = field.long ? TextareaControl : TextControl;
		return <Control __nextHasNoMarginBottom __next40pxDefaultSize key={field.name} label={field.label} help={field.help} value={value} onChange={set} />;
	});
}

/** Fields most families share. */
export const COMMON = {
	button_text: { name: 'button_text', label: __('Button text', 'shelf') },
	template: {
		name: 'template',
		label: __('Layout', 'shelf'),
		options: /** @type {Array<[string, string]>} */ ([['', __('Default', 'shelf')], ['horizontal', __('Horizontal', 'shelf')], ['vertical', __('Vertical', 'shelf')]]),
	},
	style: {
		name: 'style',
		label: __('Style', 'shelf'),
		options: /** @type {Array<[string, string]>} */ ([['', __('Site default', 'shelf')], ['standard', __('Standard', 'shelf')], ['light', __('Light', 'shelf')], ['dark', __('Dark', 'shelf')]]),
	},
	items: { name: 'items', label: __('Number of products', 'shelf'), help: __('Empty: all (at most 25).', 'shelf') },
	select: { name: 'select', label: __('Positions to show', 'shelf'), help: __('Such as 3, 1,3 or 2-5.', 'shelf') },
	order: {
		name: 'order',
		label: __('Order', 'shelf'),
		options: /** @type {Array<[string, string]>} */ ([['', __('As given', 'shelf')], ['desc', __('Reversed', 'shelf')]]),
	},
	orderby: { name: 'orderby', label: __('Order by (AAWP)', 'shelf') },
	tracking_id: { name: 'tracking_id', label: __('Tracking ID', 'shelf'), help: __('Empty: the site’s tracking ID for the store.', 'shelf') },
	title: { name: 'title', label: __('Title', 'shelf') },
	description: { name: 'description', label: __('Description', 'shelf'), long: true },
	description_items: { name: 'description_items', label: __('Number of feature bullets', 'shelf') },
	badge: { name: 'badge', label: __('Badge', 'shelf') },
};
