// The comparison-table builder (Shelf → Tables → Add table / Edit table): the form beside a
// live preview the core renders, undo and redo, saving through the /tables REST route (the one
// validation path, Tables::validate), and the saved versions. Bad input is refused by the
// server with its reason and the draft stays as it was.
import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { useCallback, useEffect, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getTable, restoreRevision, saveTable } from '../api.js';
import { emptyTable, fromStored, problem, toStored } from './draft.js';
import { useHistory } from './history.js';
import { Products } from './products.jsx';
import { titleOf, useRecords } from './records.js';
import { Revisions } from './revisions.jsx';
import { Rows } from './rows.jsx';
import { Settings } from './settings.jsx';
import { TablePreview } from './table-preview.jsx';

/** @typedef {{ title: string, table: import('./draft.js').Table }} Draft */

/** JSON with sorted keys: the server may order a table's keys differently. @param {any} v @returns {any} */
const canonical = (v) => (v && typeof v === 'object' && !Array.isArray(v)
	? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]))
	: Array.isArray(v) ? v.map(canonical) : v);

/** @param {Draft} d */
const snapshot = (d) => JSON.stringify(canonical([d.title, toStored(d.table)]));

/** @returns {Record<string, string>} */
function problems() {
	return {
		title: __('Give the table a title (it is shown only in the admin).', 'shelf'),
		products: __('Add at least one product.', 'shelf'),
		hidden: __('At least one product must be shown.', 'shelf'),
	};
}

/** @param {{ root: HTMLElement }} props */
export function Builder({ root }) {
	const canHtml = root.dataset.canUnfilteredHtml === '1';
	const [id, setId] = useState(Number(root.dataset.tableId) || 0);
	const draft = useHistory(/** @type {Draft} */ ({ title: '', table: emptyTable() }));
	const [meta, setMeta] = useState(/** @type {any} */ (null));
	const [saved, setSaved] = useState(snapshot(draft.value));
	const [loading, setLoading] = useState(id > 0);
	const [busy, setBusy] = useState(false);
	const [notice, setNotice] = useState(/** @type {{ status: 'success' | 'error', text: string } | null} */ (null));
	const { title, table } = draft.value;
	const dirty = snapshot(draft.value) !== saved;

	/** @param {any} answer the REST route's table */
	const adopt = (answer) => {
		const next = { title: answer.title, table: fromStored(answer.table) };
		setMeta(answer);
		setId(answer.id);
		setSaved(snapshot(next));
		return next;
	};

	useEffect(() => {
		if (!id) return;
		getTable(id).then((answer) => draft.reset(adopt(answer)), (e) => setNotice({ status: 'error', text: e?.message ?? String(e) }))
			.finally(() => setLoading(false));
	}, []); // eslint-disable-line react-hooks/exhaustive-deps -- loads once; later answers come from saving.

	useEffect(() => {
		if (!dirty) return undefined;
		const warn = (/** @type {BeforeUnloadEvent} */ event) => event.preventDefault();
		window.addEventListener('beforeunload', warn);
		return () => window.removeEventListener('beforeunload', warn);
	}, [dirty]);

	const { set } = draft;
	// One setter for the panels, the same on every render, so they re-render only when their
	// own part of the table changes (an edit re-renders the preview, not the whole form).
	const setTable = useCallback((/** @type {(t: any) => any} */ u, /** @type {string | undefined} */ k) => set((d) => ({ ...d, table: u(d.table) }), k), [set]);
	const records = useRecords(table.products);
	const titles = useMemo(() => Object.fromEntries(table.products.map((asin) => [asin, titleOf(records, asin)])), [records, table.products]);

	const save = async () => {
		const why = problem(table, title);
		if (why) {
			setNotice({ status: 'error', text: problems()[why] });
			return;
		}
		setBusy(true);
		setNotice(null);
		try {
			const answer = await saveTable(id, title, toStored(table));
			const next = adopt(answer);
			window.history.replaceState(null, '', answer.editUrl);
			// The draft stays unless the server kept something else (its checks normalise).
			if (snapshot(next) !== snapshot(draft.value)) draft.set(() => next);
			setNotice({ status: 'success', text: __('Table saved.', 'shelf') });
		} catch (e) {
			setNotice({ status: 'error', text: /** @type {any} */ (e)?.message ?? String(e) });
		} finally {
			setBusy(false);
		}
	};

	const restore = useCallback(async (/** @type {number} */ revision) => {
		// eslint-disable-next-line no-alert -- a plain, keyboard-operable confirmation.
		if (dirty && !window.confirm(__('Restoring discards your unsaved changes. Restore this version?', 'shelf'))) return;
		setBusy(true);
		try {
			const answer = await restoreRevision(id, revision);
			// An undoable step: undo brings back what was there before.
			set(() => adopt(answer));
			setNotice({ status: 'success', text: __('Version restored.', 'shelf') });
		} catch (e) {
			setNotice({ status: 'error', text: /** @type {any} */ (e)?.message ?? String(e) });
		} finally {
			setBusy(false);
		}
	}, [dirty, id, set]); // eslint-disable-line react-hooks/exhaustive-deps -- adopt only sets state.

	if (loading) return <Spinner />;
	if (id && !meta) return notice && <Notice status="error" isDismissible={false}>{notice.text}</Notice>;
	const rendersHtml = meta ? meta.rendersHtml : canHtml;
	return (
		<div className="shelf-builder">
			<div className="shelf-builder__bar">
				<TextControl __nextHasNoMarginBottom __next40pxDefaultSize className="shelf-builder__title" label={__('Title', 'shelf')}
					value={title} onChange={(v) => draft.set((d) => ({ ...d, title: v }), 'title')} />
				<Button variant="tertiary" icon="undo" label={__('Undo', 'shelf')} disabled={!draft.canUndo} onClick={draft.undo} />
				<Button variant="tertiary" icon="redo" label={__('Redo', 'shelf')} disabled={!draft.canRedo} onClick={draft.redo} />
				<Button variant="primary" isBusy={busy} disabled={busy || !dirty} onClick={save}>
					{id ? __('Save table', 'shelf') : __('Create table', 'shelf')}
				</Button>
			</div>
			{/* Notice announces its text to screen readers itself. */}
			{notice && <Notice status={notice.status} onRemove={() => setNotice(null)}>{notice.text}</Notice>}
			{meta && (
				<p className="shelf-builder__shortcode">
					<label htmlFor="shelf-builder-shortcode">{__('Place it with this shortcode, or with the “Amazon comparison table” block:', 'shelf')}</label>
					<input id="shelf-builder-shortcode" type="text" readOnly value={meta.shortcode} onFocus={(e) => e.currentTarget.select()} />
					<Button variant="secondary" onClick={() => navigator.clipboard?.writeText(meta.shortcode).then(() => setNotice({ status: 'success', text: __('Shortcode copied.', 'shelf') }))}>
						{__('Copy', 'shelf')}
					</Button>
				</p>
			)}
			{meta && !meta.rendersHtml && table.rows.some((r) => r.type === 'html') && (
				<Notice status="warning" isDismissible={false}>{__('This table’s author may not publish unfiltered HTML, so its custom HTML rows stay empty.', 'shelf')}</Notice>
			)}
			<div className="shelf-builder__columns">
				<div className="shelf-builder__form">
					<Products products={table.products} hidden={table.hidden} overrides={table.overrides} set={setTable} titles={titles} />
					<Rows rows={table.rows} products={table.products} set={setTable} titles={titles} canHtml={canHtml} />
					<Settings table={table} set={setTable} titles={titles} />
					{id > 0 && <Revisions id={id} version={meta?.modified ?? ''} onRestore={restore} busy={busy} />}
				</div>
				<TablePreview table={table} rendersHtml={rendersHtml} records={records} />
			</div>
			<p><a href={root.dataset.listUrl}>{__('← All tables', 'shelf')}</a></p>
		</div>
	);
}
