// The builder's live preview: the core renders the draft table from the records a visitor's
// page would carry (records.js), at desktop width or at 390 px, in a sandboxed frame with the
// front end's stylesheet, so the 390 px view gets the mobile layout from real media queries.
// Every edit renders here, locally, with no request.
import { Button, Notice, Spinner } from '@wordpress/components';
import { useLayoutEffect, useMemo, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { renderPlacement } from '../../placement.js';
import { toStored } from './draft.js';
import { morph } from './morph.js';

/** @typedef {import('./draft.js').Table} Table */

/** @param {{ html: string, width: number | null, label: string }} props */
function Frame({ html, width, label }) {
	const ref = useRef(/** @type {HTMLIFrameElement | null} */ (null));
	const [loaded, setLoaded] = useState(false);
	const [height, setHeight] = useState(200);
	// The frame's document is made once; each edit changes only what differs in its body (a
	// reload per key would refetch the stylesheet and flash). No script runs in it (sandbox without
	// allow-scripts); same origin only so this page can write and measure it.
	const doc = useMemo(() => {
		const style = window.shelfEditor.style.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
		return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`
			+ `<link rel="stylesheet" href="${style}"><style>body{margin:12px;font:15px/1.5 system-ui,sans-serif;color:#1e1e1e}</style>`
			+ '</head><body></body></html>';
	}, []);
	useLayoutEffect(() => {
		const body = ref.current?.contentDocument?.body;
		if (loaded && body) morph(body, html);
	}, [html, loaded]);
	const load = () => {
		const root = ref.current?.contentDocument?.documentElement;
		if (!root) return;
		// The frame is as tall as its content, whatever changes it (edits, images, the width).
		new ResizeObserver(() => setHeight(root.scrollHeight)).observe(root);
		setLoaded(true);
	};
	return (
		<iframe ref={ref} className="shelf-builder__frame" title={label} sandbox="allow-same-origin" srcDoc={doc}
			onLoad={load} style={{ width: width ? `${width}px` : '100%', height: `${height}px` }} />
	);
}

/** @param {{ table: Table, rendersHtml: boolean, records: import('./records.js').Records }} props */
export function TablePreview({ table, rendersHtml, records }) {
	const { core, answer, error, note } = records;
	const [mobile, setMobile] = useState(false);
	const result = useMemo(() => {
		if (!core || !answer || table.products.length === 0) return null;
		const base = Object.values(answer.data.placements)[0];
		if (!base) return null;
		const { rows, overrides, highlight, ribbon, labels, caption, hidden } = toStored(table);
		const payload = { ...base, asins: table.products, unfilteredHtml: rendersHtml, options: { ...base.options, rows, overrides, highlight, ribbon, labels, caption, hidden } };
		return renderPlacement(core, answer.data, payload, Math.floor(Date.now() / 1000));
	}, [core, answer, table, rendersHtml]);

	let body;
	if (table.products.length === 0) body = <p className="shelf-builder__empty">{__('Add a product to see the table.', 'shelf')}</p>;
	else if (error) body = <Notice status="error" isDismissible={false}>{sprintf(__('The preview failed: %s', 'shelf'), error)}</Notice>;
	else if (!result) body = <Spinner />;
	else body = <Frame html={result.html} width={mobile ? 390 : null} label={mobile ? __('Preview at 390 px', 'shelf') : __('Preview at full width', 'shelf')} />;

	return (
		<section className="shelf-builder__preview" aria-labelledby="shelf-builder-preview">
			<div className="shelf-builder__preview-head">
				<h2 id="shelf-builder-preview">{__('Preview', 'shelf')}</h2>
				<div role="group" aria-label={__('Preview width', 'shelf')} className="shelf-builder__widths">
					<Button variant={mobile ? 'secondary' : 'primary'} isPressed={!mobile} onClick={() => setMobile(false)}>{__('Desktop', 'shelf')}</Button>
					<Button variant={mobile ? 'primary' : 'secondary'} isPressed={mobile} onClick={() => setMobile(true)}>{__('390 px', 'shelf')}</Button>
				</div>
			</div>
			{note && <Notice status="warning" isDismissible={false}>{note}</Notice>}
			{result && result.errors.length > 0 && (
				<Notice status="warning" isDismissible={false}>
					<ul className="shelf-builder__issues">{result.errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
				</Notice>
			)}
			<div className="shelf-builder__stage">{body}</div>
		</section>
	);
}
