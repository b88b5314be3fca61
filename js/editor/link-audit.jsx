// Entry of the link audit's script (handle `shelf-link-audit`), on Tools → Shelf link audit only.
import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';
import { Audit } from './audit/audit.jsx';

domReady(() => {
	const root = document.getElementById('shelf-link-audit');
	if (root) createRoot(root).render(<Audit root={root} />);
});
