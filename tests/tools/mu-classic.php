<?php
/**
 * Test sites only: posts whose title starts with "Classic:" open in the classic editor, so the
 * e2e suite can check save-time tagging there too (sites get it with the Classic Editor plugin).
 *
 * @package Shelf
 */

add_filter(
	'use_block_editor_for_post',
	static fn( $use, $post ) => $use && ! str_starts_with( (string) ( $post->post_title ?? '' ), 'Classic:' ),
	10,
	2
);
