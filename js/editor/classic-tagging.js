// Save-time tagging in the classic editor (entry, handle `shelf-classic-tagging`): when the post
// is saved or published, the core rewrites the content's Amazon links first; after the reload a
// notice says what changed, with Undo (the content as written, saved again untouched).
import { __ } from '@wordpress/i18n';
import { loadCore } from './core.js';
import { countLinks, summarise } from './tagging/summary.js';

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('post'));
const textarea = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('content'));
const postId = /** @type {HTMLInputElement | null} */ (document.getElementById('post_ID'))?.value ?? '';
const key = `shelf-tagging-${postId}`;

/** The TinyMCE editor of the content, when the Visual tab is active. */
function visual() {
	const tinymce = /** @type {any} */ (window).tinymce;
	const editor = tinymce?.get('content');
	return editor && !editor.isHidden() ? editor : null;
}

/** @param {string} html */
function setContent(html) {
	const editor = visual();
	if (editor) editor.setContent(html);
	if (textarea) textarea.value = html;
}

/** @returns {{ summary: string, before: string, untouched?: boolean } | null} */
function remembered() {
	try {
		return JSON.parse(sessionStorage.getItem(key) ?? 'null');
	} catch {
		return null;
	}
}

/** Shows what the last save did, once, with Undo. */
function showNotice() {
	const last = remembered();
	if (!last?.summary) return;
	sessionStorage.setItem(key, JSON.stringify({ ...last, summary: '' }));
	const notice = document.createElement('div');
	notice.className = 'notice notice-info is-dismissible shelf-tagging-notice';
	const text = document.createElement('p');
	text.textContent = `${last.summary} `;
	notice.append(text);
	document.querySelector('.wp-header-end')?.after(notice);
	if (!last.before) return; // too large to remember: the revisions hold it
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'button-link';
	button.textContent = __('Undo', 'shelf');
	button.addEventListener('click', () => {
		sessionStorage.setItem(key, JSON.stringify({ summary: '', before: '', untouched: true }));
		setContent(last.before);
		// "Save Draft" for drafts, else "Update": never publishes what was a draft.
		(document.getElementById('save-post') ?? document.getElementById('publish'))?.click();
	});
	text.append(button);
}

let submitting = false;
form?.addEventListener('submit', (event) => {
	const submitter = /** @type {HTMLElement | null} */ (event.submitter);
	const name = submitter?.getAttribute('name');
	if (submitting || !textarea || (name !== 'publish' && name !== 'save') || remembered()?.untouched) return;
	event.preventDefault();
	(async () => {
		try {
			visual()?.save();
			const before = textarea.value;
			const core = await loadCore();
			const result = core.rewriteLinks(before, window.shelfEditor.links);
			if (result.html !== before) {
				setContent(result.html);
				const summary = summarise(countLinks(result.report.links));
				try {
					sessionStorage.setItem(key, JSON.stringify({ summary, before }));
				} catch {
					// Too large to remember: the post's revisions still hold the text as written.
					sessionStorage.setItem(key, JSON.stringify({ summary, before: '' }));
				}
			}
		} catch (error) {
			console.warn('Shelf: links were not tagged on save.', error); // saving goes on
		}
		submitting = true;
		// A task later: this may still run inside the first submit event, when browsers ignore
		// a new submission.
		setTimeout(() => form.requestSubmit(/** @type {HTMLButtonElement | null} */ (submitter)));
	})();
});

showNotice();
loadCore().catch(() => {}); // compiled while the author writes, so saving does not wait
