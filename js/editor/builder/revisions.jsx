// Saved versions of the table: each save is a revision; restoring one saves it again as the
// current version (through the same checks as any save), so a restore can itself be undone.
import { Button, Spinner } from '@wordpress/components';
import { memo, useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { listRevisions } from '../api.js';

/** @param {{ id: number, version: string, onRestore: (revision: number) => void, busy: boolean }} props */
export const Revisions = memo(({ id, version, onRestore, busy }) => {
	const [items, setItems] = useState(/** @type {any[] | null} */ (null));
	const [error, setError] = useState('');
	useEffect(() => {
		listRevisions(id).then((answer) => setItems(answer.items), (e) => setError(e?.message ?? String(e)));
	}, [id, version]);
	const format = useMemo(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }), []);
	return (
		<section className="shelf-builder__panel" aria-labelledby="shelf-builder-revisions">
			<h2 id="shelf-builder-revisions">{__('Saved versions', 'shelf')}</h2>
			{error && <p>{error}</p>}
			{!items && !error && <Spinner />}
			{items && items.length === 0 && <p>{__('No saved versions yet: each save adds one.', 'shelf')}</p>}
			{items && items.length > 0 && (
				<ol className="shelf-builder__revisions">
					{items.map((r) => (
						<li key={r.id}>
							<span>{sprintf(__('%1$s by %2$s', 'shelf'), format.format(new Date(r.date)), r.author?.name ?? '')}</span>
							{r.current
								? <span className="shelf-builder__meta">{__('current', 'shelf')}</span>
								: <Button variant="link" disabled={busy || !r.table} onClick={() => onRestore(r.id)}
									aria-label={sprintf(__('Restore the version of %s', 'shelf'), format.format(new Date(r.date)))}>{__('Restore', 'shelf')}</Button>}
						</li>
					))}
				</ol>
			)}
		</section>
	);
});
