// Entry of the table builder's script (handle `shelf-table-builder`), on its admin screen only.
import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';
import { Builder } from './builder/builder.jsx';

domReady(() => {
	const root = document.getElementById('shelf-table-builder');
	if (root) createRoot(root).render(<Builder root={root} />);
});
