// Entry of the block editor script (handle `shelf-blocks`): the Shelf blocks, whose metadata is
// their block.json, and the "Amazon link" format.
import { registerBlockType } from '@wordpress/blocks';
import { registerFormatType } from '@wordpress/rich-text';
import boxMeta from '../../plugin/blocks/box/block.json';
import fieldsMeta from '../../plugin/blocks/fields/block.json';
import linkMeta from '../../plugin/blocks/link/block.json';
import listMeta from '../../plugin/blocks/list/block.json';
import tableMeta from '../../plugin/blocks/table/block.json';
import { box } from './blocks/box.jsx';
import { fields } from './blocks/fields.jsx';
import { link } from './blocks/link.jsx';
import { list } from './blocks/list.jsx';
import { table } from './blocks/table.jsx';
import { LINK_FORMAT, linkFormat } from './link-format.jsx';
import { shortcodeTransforms } from './transforms.js';
import './tagging/block-editor.js';

for (const [meta, block] of /** @type {Array<[any, any]>} */ ([[boxMeta, box], [tableMeta, table], [listMeta, list], [fieldsMeta, fields], [linkMeta, link]])) {
	registerBlockType(meta, {
		edit: block.edit,
		save: () => null, // Dynamic: the server renders the shortcode's placeholder.
		transforms: shortcodeTransforms(meta.name, block.family, meta.attributes),
	});
}
registerFormatType(LINK_FORMAT, linkFormat);
