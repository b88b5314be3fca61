// The editor side every Shelf block shares: its main input (products, table, list) in a
// placeholder until set, the same input plus the other attributes in the sidebar, and the
// core-rendered preview.
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { PanelBody, Placeholder } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { AttributeFields } from './fields.jsx';
import { Preview } from './preview.jsx';

/** @typedef {{ attributes: Record<string, string>, setAttributes: (a: Record<string, string>) => void }} EditProps */

/**
 * @param {{ title: string, icon: string, isReady: (a: Record<string, string>) => boolean,
 *   Main: (p: EditProps) => any, fields: import('./fields.jsx').Field[] }} block
 */
export function makeEdit({ title, icon, isReady, Main, fields }) {
	/** @param {EditProps & { context: { postId?: number } }} props */
	return function Edit({ attributes, setAttributes, context }) {
		const blockProps = useBlockProps();
		const ready = isReady(attributes);
		return (
			<div {...blockProps}>
				<InspectorControls>
					<PanelBody title={title}>
						<Main attributes={attributes} setAttributes={setAttributes} />
					</PanelBody>
					<PanelBody title={__('Display', 'shelf')} initialOpen={false}>
						<AttributeFields fields={fields} attributes={attributes} setAttributes={setAttributes} />
					</PanelBody>
				</InspectorControls>
				{ready ? <Preview attributes={attributes} postId={context.postId ?? 0} /> : (
					<Placeholder icon={icon} label={title}>
						<Main attributes={attributes} setAttributes={setAttributes} />
					</Placeholder>
				)}
			</div>
		);
	};
}
