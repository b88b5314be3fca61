// The report table: one row per post (links found by category, the number of proposed changes,
// what "apply" did), a checkbox to select posts that have changes, and each post's links with
// the proposed change per link behind a "Show links" button.
import { Button } from '@wordpress/components';
import { Fragment, memo } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { CATEGORIES } from './classify.js';
import { categoryLabels, describe, unchangedText } from './labels.js';

/** @typedef {import('./scan.js').Row} Row */
/** @typedef {import('./apply.js').ApplyResult} ApplyResult */

/** Links of a row whose href, rel or target would change. @param {Row} row */
export const changeCount = (row) => row.links.filter((l) => l.to !== undefined || l.rel !== undefined || l.target !== undefined).length;

/** @param {Row} row */
export function foundText(row) {
	const labels = categoryLabels();
	const parts = CATEGORIES.filter((c) => row.counts[c] > 0).map((c) => `${labels[c]}: ${row.counts[c]}`);
	return parts.length ? parts.join(' · ') : __('No links', 'shelf');
}

/**
 * What "apply" did to a post, as a sentence ('' before any apply).
 * @param {ApplyResult | undefined} result @param {Row} row
 */
export function resultText(result, row) {
	if (!result) return '';
	switch (result.status) {
		case 'verified':
			if (!('revisionUrl' in result)) return __('Nothing left to change.', 'shelf');
			return result.revisionUrl ? __('Changed and verified.', 'shelf') : __('Changed and verified; this post type keeps no revisions.', 'shelf');
		case 'remaining': {
			const n = changeCount(row);
			/* translators: %d: number of links. */
			return sprintf(_n('Changed, but %d link still has a proposed change (the site changed the content on save).', 'Changed, but %d links still have a proposed change (the site changed the content on save).', n, 'shelf'), n);
		}
		case 'changed':
			return __('Not changed: the post was edited after the scan. Scan again to see it as it is now.', 'shelf');
		case 'gone':
			return __('Not changed: the post was deleted, or is no longer yours to edit.', 'shelf');
		default:
			/* translators: %s: error message. */
			return sprintf(__('Not changed: %s', 'shelf'), result.message ?? '');
	}
}

/** @param {{ row: Row }} props */
function Links({ row }) {
	const labels = categoryLabels();
	return (
		<table className="shelf-audit__links">
			<thead>
				<tr>
					<th scope="col">{__('Outcome', 'shelf')}</th>
					<th scope="col">{__('Link', 'shelf')}</th>
					<th scope="col">{__('Proposed change', 'shelf')}</th>
				</tr>
			</thead>
			<tbody>
				{row.links.map((link, i) => (
					// eslint-disable-next-line react/no-array-index-key -- the same link may occur twice.
					<tr key={i} className={`is-${link.category}`}>
						<td data-label={__('Outcome', 'shelf')}>{labels[link.category]}</td>
						<td data-label={__('Link', 'shelf')}><code className="shelf-audit__url">{link.href}</code><span className="shelf-audit__why">{describe(link)}</span></td>
						<td data-label={__('Proposed change', 'shelf')}>
							{link.to === undefined && link.rel === undefined && link.target === undefined && <span aria-label={__('None', 'shelf')}>—</span>}
							{link.to !== undefined && <code className="shelf-audit__url">{link.to}</code>}
							{link.rel !== undefined && <span className="shelf-audit__why">{sprintf(/* translators: %s: rel attribute value. */ __('rel="%s"', 'shelf'), link.rel)}</span>}
							{link.target !== undefined && <span className="shelf-audit__why">{sprintf(/* translators: %s: target attribute value. */ __('target="%s"', 'shelf'), link.target)}</span>}
						</td>
					</tr>
				))}
			</tbody>
		</table>
	);
}

/**
 * @param {{
 *   rows: Row[], selected: Set<number>, expanded: Set<number>, results: Record<number, ApplyResult>,
 *   onSelect: (id: number, on: boolean) => void, onExpand: (id: number) => void, busy: boolean,
 * }} props
 */
export const Report = memo(({ rows, selected, expanded, results, onSelect, onExpand, busy }) => (
	<table className="widefat striped shelf-audit__table">
		<thead>
			<tr>
				<td className="shelf-audit__check"><span className="screen-reader-text">{__('Select', 'shelf')}</span></td>
				<th scope="col">{__('Post', 'shelf')}</th>
				<th scope="col">{__('Links found', 'shelf')}</th>
				<th scope="col">{__('Proposed changes', 'shelf')}</th>
				<th scope="col">{__('Result', 'shelf')}</th>
			</tr>
		</thead>
		<tbody>
			{rows.map((row) => {
				const title = row.title || __('(no title)', 'shelf');
				const changes = changeCount(row);
				const open = expanded.has(row.id);
				return (
					<Fragment key={row.id}>
						<tr>
							<td className="shelf-audit__check">
								<input type="checkbox" checked={selected.has(row.id)} disabled={busy || !row.changed}
									/* translators: %s: post title. */
									aria-label={sprintf(__('Select “%s”', 'shelf'), title)}
									onChange={(e) => onSelect(row.id, e.currentTarget.checked)} />
							</td>
							<td data-label={__('Post', 'shelf')}>
								<strong>{row.editUrl ? <a href={row.editUrl}>{title}</a> : title}</strong>
								<span className="shelf-audit__meta">{`${row.typeLabel} · ${row.status} · #${row.id}`}</span>
								{row.links.length > 0 && (
									<Button variant="link" aria-expanded={open} aria-controls={`shelf-audit-links-${row.id}`} onClick={() => onExpand(row.id)}>
										{open
											? __('Hide links', 'shelf')
											/* translators: %d: number of links. */
											: sprintf(_n('Show %d link', 'Show %d links', row.links.length, 'shelf'), row.links.length)}
									</Button>
								)}
							</td>
							<td data-label={__('Links found', 'shelf')}>{row.unchanged ? unchangedText(row.unchanged) : foundText(row)}</td>
							<td data-label={__('Proposed changes', 'shelf')}>
								{/* translators: %d: number of links. */}
								{row.changed ? sprintf(_n('%d link', '%d links', changes, 'shelf'), changes) : __('None', 'shelf')}
							</td>
							<td data-label={__('Result', 'shelf')}>
								{resultText(results[row.id], row)}
								{results[row.id]?.revisionUrl && <> <a href={/** @type {string} */ (results[row.id].revisionUrl)}>{__('Revisions', 'shelf')}</a></>}
							</td>
						</tr>
						{open && (
							<tr id={`shelf-audit-links-${row.id}`} className="shelf-audit__detail">
								<td colSpan={5}><Links row={row} /></td>
							</tr>
						)}
					</Fragment>
				);
			})}
		</tbody>
	</table>
));
