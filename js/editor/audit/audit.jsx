// Tools → Shelf link audit: scans every post in the browser with the core (a dry run: nothing
// is written), reports each post's links by outcome with the proposed change per link, writes
// the posts the user selects ("apply", undoable through each post's revisions) and exports the
// report as CSV.
import { Button, Notice, SelectControl } from '@wordpress/components';
import { useCallback, useMemo, useRef, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { loadCore } from '../core.js';
import { fetchBatch, fetchPosts, resolveShortLinks, savePost } from './api.js';
import { applyPosts } from './apply.js';
import { CATEGORIES, emptyCounts } from './classify.js';
import { download, reportCsv } from './csv.js';
import { categoryLabels, describe } from './labels.js';
import { Report, resultText } from './report.jsx';
import { createScan } from './scan.js';

/** Report rows per page. */
const PAGE = 50;

/** @typedef {import('./scan.js').Row} Row */
/** @typedef {'idle' | import('./scan.js').ScanState} Phase */

/** @param {Row} row */
const hasAmazon = (row) => CATEGORIES.some((c) => c !== 'notAmazon' && row.counts[c] > 0);

/** @param {{ root: HTMLElement }} props */
export function Audit({ root }) {
	const options = window.shelfEditor.links;
	const [phase, setPhase] = useState(/** @type {Phase} */ ('idle'));
	const [error, setError] = useState('');
	const [progress, setProgress] = useState({ examined: 0, total: 0 });
	const [rows, setRows] = useState(/** @type {Row[]} */ ([]));
	const [results, setResults] = useState(/** @type {Record<number, import('./apply.js').ApplyResult>} */ ({}));
	const [selected, setSelected] = useState(/** @type {Set<number>} */ (new Set()));
	const [expanded, setExpanded] = useState(/** @type {Set<number>} */ (new Set()));
	const [filter, setFilter] = useState('changes');
	const [page, setPage] = useState(0);
	const [applying, setApplying] = useState(/** @type {{ done: number, of: number } | null} */ (null));
	const [notice, setNotice] = useState(/** @type {{ status: 'success' | 'warning' | 'error', text: string } | null} */ (null));
	const [seconds, setSeconds] = useState(0);
	const scan = useRef(/** @type {ReturnType<typeof createScan> | null} */ (null));
	// Time spent scanning, pauses left out.
	const clock = useRef({ since: 0, spent: 0 });

	const onState = useCallback((/** @type {import('./scan.js').ScanState} */ state, /** @type {string | undefined} */ message) => {
		const c = clock.current;
		if (state === 'running') {
			c.since = performance.now();
		} else if (state !== 'pausing' && c.since) {
			c.spent += performance.now() - c.since;
			c.since = 0;
			setSeconds(c.spent / 1000);
		}
		setPhase(state);
		setError(message ?? '');
	}, []);

	const start = () => {
		setNotice(null);
		setRows([]);
		setResults({});
		setSelected(new Set());
		setExpanded(new Set());
		setPage(0);
		setProgress({ examined: 0, total: 0 });
		clock.current = { since: 0, spent: 0 };
		// Created at once, so the Pause button it shows acts on this scan from the first moment.
		scan.current = createScan({
			loadCore,
			options,
			fetchBatch,
			resolve: resolveShortLinks,
			onRows: (more, next) => {
				setRows((r) => r.concat(more));
				setProgress(next);
			},
			onState,
		});
		scan.current.start();
	};

	const totals = useMemo(() => {
		const counts = emptyCounts();
		let changed = 0;
		for (const row of rows) {
			for (const c of CATEGORIES) counts[c] += row.counts[c];
			if (row.changed) changed++;
		}
		return { counts, changed };
	}, [rows]);

	const shown = useMemo(() => rows.filter((row) => (filter === 'all' ? true
		: filter === 'amazon' ? hasAmazon(row) : row.changed || Boolean(row.unchanged) || row.id in results)), [rows, filter, results]);
	const pages = Math.max(1, Math.ceil(shown.length / PAGE));
	const current = Math.min(page, pages - 1);

	const onSelect = useCallback((/** @type {number} */ id, /** @type {boolean} */ on) => setSelected((s) => {
		const next = new Set(s);
		if (on) next.add(id);
		else next.delete(id);
		return next;
	}), []);
	const onExpand = useCallback((/** @type {number} */ id) => setExpanded((s) => {
		const next = new Set(s);
		if (!next.delete(id)) next.add(id);
		return next;
	}), []);

	const apply = async () => {
		const ids = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
		// eslint-disable-next-line no-alert -- a plain, keyboard-operable confirmation.
		if (!ids.length || !window.confirm(sprintf(
			/* translators: %d: number of posts. */
			_n('Write the proposed link changes into %d post? WordPress keeps a revision of it, so the change can be undone from its revisions.',
				'Write the proposed link changes into %d posts? WordPress keeps a revision of each, so every change can be undone from the post’s revisions.', ids.length, 'shelf'),
			ids.length))) {
			return;
		}
		setNotice(null);
		setApplying({ done: 0, of: ids.length });
		/** @type {Map<number, Row>} */
		const replaced = new Map();
		/** @type {Record<number, import('./apply.js').ApplyResult>} */
		const outcome = {};
		await applyPosts(ids, {
			core: await loadCore(),
			options,
			resolved: scan.current?.resolved ?? new Map(),
			hashes: new Map(rows.map((r) => [r.id, r.hash])),
			fetchPosts,
			savePost,
			onResult: (id, result, row) => {
				outcome[id] = result;
				if (row) replaced.set(id, row);
				setApplying((a) => a && { ...a, done: a.done + 1 });
			},
		});
		setRows((all) => all.map((r) => replaced.get(r.id) ?? r));
		setResults((r) => ({ ...r, ...outcome }));
		setSelected(new Set());
		setApplying(null);
		const values = Object.values(outcome);
		const good = values.filter((v) => v.status === 'verified').length;
		const bad = values.length - good;
		setNotice(bad
			/* translators: 1: posts changed and verified, 2: posts with a problem. */
			? { status: 'warning', text: sprintf(__('%1$d posts changed and verified; %2$d need a look (see “Result”).', 'shelf'), good, bad) }
			/* translators: %d: number of posts. */
			: { status: 'success', text: sprintf(_n('%d post changed and verified.', '%d posts changed and verified.', good, 'shelf'), good) });
	};

	const exportCsv = () => {
		const labels = categoryLabels();
		const text = reportCsv(rows, {
			header: [__('Post ID', 'shelf'), __('Title', 'shelf'), __('Type', 'shelf'), __('Status', 'shelf'), __('Edit link', 'shelf'),
				__('Link', 'shelf'), __('Outcome', 'shelf'), __('Detail', 'shelf'), __('Proposed link', 'shelf'), __('Proposed rel', 'shelf'),
				__('Proposed target', 'shelf'), __('Result', 'shelf')],
			category: (link) => labels[link.category],
			describe,
			result: (row) => resultText(results[row.id], row),
		});
		download(text, `shelf-link-audit-${new Date().toISOString().slice(0, 10)}.csv`);
	};

	const labels = categoryLabels();
	const scanning = phase === 'running' || phase === 'pausing';
	const busy = applying !== null;
	const selectable = rows.filter((r) => r.changed);
	const percent = progress.total ? Math.min(100, Math.round((progress.examined / progress.total) * 100)) : 0;
	const noTags = Object.keys(options?.tags ?? {}).length === 0;

	return (
		<div className="shelf-audit">
			<p className="shelf-audit__intro">
				{__('Checks the links of every post, page, public custom post type and pattern with Shelf’s link engine, in your browser. Scanning is a dry run: nothing changes until you select posts and apply their proposed changes.', 'shelf')}
			</p>
			{noTags && (
				<Notice status="warning" isDismissible={false}>
					{__('No tracking ID is set yet, so no link can be tagged. Enter your tracking IDs under Settings → Shelf first.', 'shelf')}
					{root.dataset.settingsUrl && <> <a href={root.dataset.settingsUrl}>{__('Open Shelf’s settings', 'shelf')}</a></>}
				</Notice>
			)}
			<div className="shelf-audit__bar">
				<Button variant={phase === 'idle' ? 'primary' : 'secondary'} disabled={scanning || busy} onClick={start}>
					{phase === 'idle' ? __('Scan all posts', 'shelf') : __('Scan again', 'shelf')}
				</Button>
				{(scanning || phase === 'paused' || phase === 'error') && (
					// One button whose words change, so focus stays on it; while a pause is pending
					// it resumes at once.
					<Button variant="secondary" disabled={busy}
						onClick={() => (phase === 'running' ? scan.current?.pause() : scan.current?.resume())}>
						{phase === 'running' ? __('Pause', 'shelf') : phase === 'error' ? __('Retry', 'shelf') : __('Resume', 'shelf')}
					</Button>
				)}
			</div>
			{phase !== 'idle' && (
				<div className="shelf-audit__progress">
					<progress id="shelf-audit-progress" max={100} value={percent} aria-label={__('Scan progress', 'shelf')} />
					<span>
						{/* translators: 1: posts checked, 2: posts in all. */}
						{sprintf(__('%1$s of %2$s posts checked', 'shelf'), progress.examined.toLocaleString(), progress.total.toLocaleString())}
					</span>
				</div>
			)}
			<p role="status" className="shelf-audit__status">
				{phase === 'running' && __('Scanning…', 'shelf')}
				{phase === 'pausing' && __('Pausing after this batch…', 'shelf')}
				{phase === 'paused' && __('Paused. Resume to go on where the scan stopped.', 'shelf')}
				{/* translators: 1: number of posts, 2: seconds. */}
				{phase === 'done' && sprintf(__('Done: %1$s posts checked in %2$s s.', 'shelf'), progress.examined.toLocaleString(), seconds.toFixed(1))}
				{/* translators: %s: error message. */}
				{phase === 'error' && sprintf(__('The scan stopped: %s. Retry to go on from there.', 'shelf'), error)}
				{applying && sprintf(/* translators: 1: posts done, 2: posts selected. */ __('Applying: %1$d of %2$d posts…', 'shelf'), applying.done, applying.of)}
			</p>
			{notice && <Notice status={notice.status} onRemove={() => setNotice(null)}>{notice.text}</Notice>}
			{rows.length > 0 && (
				<>
					<h2>{__('Links found', 'shelf')}</h2>
					<ul className="shelf-audit__summary">
						{CATEGORIES.map((c) => (
							<li key={c} className={`is-${c}`}><strong>{totals.counts[c].toLocaleString()}</strong> {labels[c]}</li>
						))}
						{/* translators: %s: number of posts. */}
						<li className="is-changes"><strong>{totals.changed.toLocaleString()}</strong> {_n('post with proposed changes', 'posts with proposed changes', totals.changed, 'shelf')}</li>
					</ul>
					<div className="shelf-audit__bar">
						<SelectControl __nextHasNoMarginBottom __next40pxDefaultSize label={__('Show', 'shelf')} value={filter}
							onChange={(v) => {
								setFilter(v);
								setPage(0);
							}}
							options={[
								{ value: 'changes', label: __('Posts with proposed changes or not checked', 'shelf') },
								{ value: 'amazon', label: __('Posts with Amazon links', 'shelf') },
								{ value: 'all', label: __('All posts', 'shelf') },
							]} />
						<Button variant="secondary" disabled={scanning || busy || !selectable.length}
							onClick={() => setSelected(new Set(selectable.map((r) => r.id)))}>
							{/* translators: %s: number of posts. */}
							{sprintf(__('Select all %s with changes', 'shelf'), selectable.length.toLocaleString())}
						</Button>
						<Button variant="secondary" disabled={busy || !selected.size} onClick={() => setSelected(new Set())}>{__('Clear selection', 'shelf')}</Button>
						<Button variant="primary" isBusy={busy} disabled={scanning || busy || !selected.size} onClick={apply}>
							{/* translators: %s: number of posts. */}
							{sprintf(_n('Apply changes to %s post', 'Apply changes to %s posts', selected.size, 'shelf'), selected.size.toLocaleString())}
						</Button>
						<Button variant="secondary" disabled={scanning} onClick={exportCsv}>{__('Download CSV', 'shelf')}</Button>
					</div>
					{shown.length === 0
						? <p>{__('No post to show with this choice.', 'shelf')}</p>
						: <Report rows={shown.slice(current * PAGE, (current + 1) * PAGE)} selected={selected} expanded={expanded}
							results={results} onSelect={onSelect} onExpand={onExpand} busy={busy || scanning} />}
					{pages > 1 && (
						<nav className="shelf-audit__pages" aria-label={__('Report pages', 'shelf')}>
							<Button variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>{__('Previous', 'shelf')}</Button>
							{/* translators: 1: page number, 2: number of pages. */}
							<span>{sprintf(__('Page %1$d of %2$d', 'shelf'), current + 1, pages)}</span>
							<Button variant="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>{__('Next', 'shelf')}</Button>
						</nav>
					)}
				</>
			)}
			{phase === 'done' && rows.length === 0 && <p>{__('There are no posts you may edit.', 'shelf')}</p>}
		</div>
	);
}
