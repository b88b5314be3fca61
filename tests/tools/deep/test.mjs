// node --test tests/tools/deep/test.mjs: the results of ./build.sh deep (tests/deep/results-*.md)
// describe the code as it is. Each file lists the git trees it was measured on; once HEAD's
// trees differ, the file is stale and this fails: run ./build.sh deep again and commit its file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dir = `${repo}tests/deep/`;
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^results-\d{4}-\d\d-\d\d\.md$/.test(f)) : [];
const tree = (/** @type {string} */ path) => execFileSync('git', ['rev-parse', `HEAD:${path}`], { cwd: repo, encoding: 'utf8' }).trim();

test('at most one deep results file, linked from the README', () => {
	assert.ok(files.length <= 1, `stale results files: ${files.join(', ')}`);
	const readme = readFileSync(`${repo}README.md`, 'utf8');
	for (const file of files) assert.ok(readme.includes(`tests/deep/${file}`), `README links tests/deep/${file}`);
});

for (const file of files) {
	test(`${file} describes the code at HEAD`, () => {
		const text = readFileSync(dir + file, 'utf8');
		const trees = [...text.matchAll(/^- tree ([0-9a-f]{40}) (\S+)$/gm)];
		assert.ok(trees.length > 0, 'the file lists the trees it was measured on');
		const stale = trees.filter(([, sha, path]) => tree(path) !== sha).map(([, , path]) => path);
		assert.deepEqual(stale, [], `changed since ${file} was measured: run ./build.sh deep again`);
	});
}
