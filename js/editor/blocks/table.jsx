// shelf/table: a stored comparison table (made in Shelf → Tables), or products side by side
// with the default rows.
import { Button, SelectControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { listTables } from '../api.js';
import { AsinList } from '../asin-list.jsx';
import { makeEdit } from '../edit.jsx';
import { COMMON } from '../fields.jsx';

/** @param {import('../edit.jsx').EditProps} props */
function Main({ attributes, setAttributes }) {
	const [tables, setTables] = useState(/** @type {Array<{ id: number, title: string }> | null} */ (null));
	useEffect(() => {
		const load = () => listTables().then((list) => setTables(list.items), () => setTables([]));
		load();
		// "Create a new table" opens the builder in another tab: coming back lists the new table.
		window.addEventListener('focus', load);
		return () => window.removeEventListener('focus', load);
	}, []);
	const stored = /^\d+$/.test(attributes.table.trim());
	const inline = attributes.table.trim() !== '' && !stored;
	const url = window.shelfEditor.tablesUrl;
	return (
		<>
			{!inline && (
				<SelectControl __nextHasNoMarginBottom __next40pxDefaultSize label={__('Stored table', 'shelf')} value={stored ? attributes.table.trim() : ''}
					options={[{ value: '', label: tables ? __('— Choose a table —', 'shelf') : __('Loading…', 'shelf') },
						...(tables ?? []).map((t) => ({ value: String(t.id), label: `${t.title || __('(no title)', 'shelf')} (#${t.id})` }))]}
					onChange={(table) => setAttributes({ table })} />
			)}
			<p>
				{stored
					? <Button variant="link" href={`${url}&id=${attributes.table.trim()}`} target="_blank">{__('Edit this table', 'shelf')}</Button>
					: <Button variant="link" href={url} target="_blank">{__('Create a new table', 'shelf')}</Button>}
			</p>
			{!stored && <AsinList label={__('Or compare these products (default rows)', 'shelf')} value={attributes.table} onChange={(table) => setAttributes({ table })} />}
		</>
	);
}

export const table = {
	family: ['table'],
	edit: makeEdit({
		title: __('Amazon comparison table', 'shelf'),
		icon: 'editor-table',
		isReady: (a) => a.table.trim() !== '',
		Main,
		fields: [COMMON.button_text, COMMON.style, COMMON.template, COMMON.items, COMMON.orderby, COMMON.tracking_id],
	}),
};
