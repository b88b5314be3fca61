// Save-time tagging in the block editor: before the save request, the core rewrites the Amazon
// links of every block (tag, existing-tag and noise policies, rel and target), the editor shows
// the result, and a snackbar says what changed, with Undo.
import { parse, serialize } from '@wordpress/blocks';
import { dispatch, select, subscribe } from '@wordpress/data';
import { addFilter } from '@wordpress/hooks';
import { __ } from '@wordpress/i18n';
import { loadCore } from '../core.js';
import { countLinks, summarise } from './summary.js';

/** Posts whose tagging the editor undid: saved as written for the rest of this session. */
const asWritten = new Set();

/** @param {any} block */
const valid = (block) => block.isValid !== false && block.innerBlocks.every(valid);

/**
 * One top-level block with its links rewritten, kept as it is when the rewritten markup would
 * not read back as the same valid block (a block that keeps its URL outside its HTML).
 * @param {any} core @param {any} block @param {any} options
 * @returns {{ block: any, links: Array<any>, refused: boolean }}
 */
function rewriteBlock(core, block, options) {
	const html = serialize(block);
	if (!html.includes('href')) return { block, links: [], refused: false };
	const result = core.rewriteLinks(html, options);
	if (result.html === html) return { block, links: result.report.links, refused: false };
	const parsed = parse(result.html);
	if (parsed.length !== 1 || !valid(parsed[0]) || parsed[0].name !== block.name) {
		return { block, links: [], refused: true };
	}
	return { block: { ...parsed[0], clientId: block.clientId }, links: result.report.links, refused: false };
}

/** Resolves once the editor is not saving (Undo may be pressed while the request runs). */
function whenSaved() {
	return new Promise((resolve) => {
		const done = () => !select('core/editor').isSavingPost();
		if (done()) return resolve(undefined);
		const stop = subscribe(() => {
			if (done()) {
				stop();
				resolve(undefined);
			}
		});
	});
}

/** @param {number} id @param {Array<any>} before */
async function undo(id, before) {
	asWritten.add(id);
	await whenSaved();
	dispatch('core/editor').resetEditorBlocks(before);
	await dispatch('core/editor').savePost();
	dispatch('core/notices').createNotice('info', __('Links restored as written. Shelf leaves them so until the editor is reloaded.', 'shelf'), {
		type: 'snackbar',
		id: 'shelf-save-tagging',
		explicitDismiss: true,
	});
}

/**
 * The `editor.preSavePost` filter. Autosaves and previews are left alone; any failure of the
 * core leaves the save as it was (saving never fails because of Shelf).
 * @param {any} edits @param {any} options
 */
async function tagOnSave(edits, options) {
	const editor = select('core/editor');
	const id = editor.getCurrentPostId();
	if (options?.isAutosave || options?.isPreview || asWritten.has(id) || !window.shelfEditor?.links) return edits;
	const before = editor.getEditorBlocks();
	let after;
	try {
		const core = await loadCore();
		after = before.map((/** @type {any} */ block) => rewriteBlock(core, block, window.shelfEditor.links));
	} catch (error) {
		console.warn('Shelf: links were not tagged on save.', error); // saving goes on
		return edits;
	}
	const links = after.flatMap((r) => r.links);
	const refused = after.filter((r) => r.refused).length;
	const changed = after.some((r, i) => r.block !== before[i]);
	const summary = summarise(countLinks(links));
	if (changed) {
		const blocks = after.map((r) => r.block);
		const content = serialize(blocks);
		dispatch('core/editor').resetEditorBlocks(blocks);
		// As savePost itself does: the saved content is also the edited one, so the post is
		// not left dirty after the save.
		dispatch('core/editor').editPost({ content }, { undoIgnore: true });
		edits = { ...edits, content };
	}
	if (summary || refused) {
		const note = refused
			? ` ${__('Links in some blocks were left as written: changing them would break those blocks.', 'shelf')}`
			: '';
		dispatch('core/notices').createNotice('info', summary + note, {
			type: 'snackbar',
			id: 'shelf-save-tagging',
			// A snackbar that dismisses on any click is a button around the Undo button (axe:
			// nested-interactive); this one has its own close button and waits to be read.
			explicitDismiss: true,
			actions: changed ? [{ label: __('Undo', 'shelf'), onClick: () => undo(id, before) }] : [],
		});
	}
	return edits;
}

addFilter('editor.preSavePost', 'shelf/tag-links', tagOnSave);
