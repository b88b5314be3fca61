// S18: the static policy passes on Shelf's PHP and finds every rule broken in bad/php/bad.php,
// so a policy check that stopped finding things fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('static-policy.php', import.meta.url));
const run = (root) => spawnSync('php', [script, ...(root ? [root] : [])], { encoding: 'utf8' });

test("Shelf's PHP has no finding", () => {
	const { status, stdout } = run();
	assert.match(stdout, /, 0 findings,/, stdout);
	assert.equal(status, 0);
});

test('every rule finds its breach', () => {
	const { status, stdout } = run(fileURLToPath(new URL('bad', import.meta.url)));
	assert.equal(status, 1);
	const found = stdout.trim().split('\n').slice(0, -1).map((line) => line.replace(/^php\/bad\.php:\d+: /, '').replace(/:.*$/, ''));
	assert.deepEqual(found, [
		'no ABSPATH guard before the first statement',
		'unescaped output', 'unescaped output', 'unescaped output',
		'forbidden', 'forbidden', 'forbidden',
		'do_shortcode() on a value that is not a literal',
		'register_rest_route() without a permission_callback',
		'$wpdb->get_var() not prepared', '$wpdb->query() not prepared',
		'remote asset',
		"'wp_ajax_shelf_x' handler in a file with no capability and nonce check",
	]);
});
