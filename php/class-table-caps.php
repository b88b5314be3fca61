<?php
/**
 * Who may create, edit and delete stored tables, and who may write their HTML rows.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The `shelf_table` post type has capabilities of its own (`edit_shelf_tables`, …), mapped by
 * WordPress from meta capabilities such as `edit_post`. Nobody is given them in the database:
 * a user holds each one exactly when they hold the matching page capability, as AAWP's tables
 * need `edit_pages` (so editors and administrators manage tables, authors and contributors see
 * no table screen). A capability set explicitly on a role or user (granted or denied) wins.
 *
 * Two rules on top:
 * - a user without `manage_options` may neither edit nor delete a table whose author has it,
 *   unless they hold {@see self::ADMIN_TABLES} (grant it to a role to lift the rule);
 * - only users with `unfiltered_html` may add an `html` row or change an `html` row's values
 *   ({@see self::html_changed()}; the REST routes refuse such a save with 403).
 *
 * @since 0.2.0
 */
final class Table_Caps {

	/**
	 * The capability that lets a non-administrator edit and delete administrators' tables.
	 */
	public const ADMIN_TABLES = 'shelf_manage_admin_tables';

	/**
	 * Each primitive capability of the post type and the page capability it follows.
	 */
	public const FROM_PAGES = array(
		'edit_shelf_tables'             => 'edit_pages',
		'edit_others_shelf_tables'      => 'edit_others_pages',
		'edit_published_shelf_tables'   => 'edit_published_pages',
		'edit_private_shelf_tables'     => 'edit_private_pages',
		'publish_shelf_tables'          => 'publish_pages',
		'read_private_shelf_tables'     => 'read_private_pages',
		'delete_shelf_tables'           => 'delete_pages',
		'delete_others_shelf_tables'    => 'delete_others_pages',
		'delete_published_shelf_tables' => 'delete_published_pages',
		'delete_private_shelf_tables'   => 'delete_private_pages',
	);

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_filter( 'user_has_cap', array( $this, 'from_pages' ) );
		add_filter( 'map_meta_cap', array( $this, 'admin_tables' ), 10, 4 );
	}

	/**
	 * Hooked to `user_has_cap`: the table capabilities follow the page capabilities, unless a
	 * role or the user sets them.
	 *
	 * @param array<string, bool> $allcaps The user's capabilities.
	 * @return array<string, bool>
	 */
	public function from_pages( $allcaps ) {
		foreach ( self::FROM_PAGES as $cap => $page_cap ) {
			if ( ! array_key_exists( $cap, $allcaps ) ) {
				$allcaps[ $cap ] = ! empty( $allcaps[ $page_cap ] );
			}
		}
		return $allcaps;
	}

	/**
	 * Hooked to `map_meta_cap`: editing or deleting an administrator's table (or one of its
	 * revisions) needs `manage_options` or {@see self::ADMIN_TABLES}.
	 *
	 * @param list<string> $caps    Primitive capabilities WordPress requires.
	 * @param string       $cap     Meta capability asked for.
	 * @param int          $user_id User.
	 * @param array<mixed> $args    Arguments (the post ID first).
	 * @return list<string>
	 */
	public function admin_tables( $caps, $cap, $user_id, $args ) {
		if ( ! in_array( $cap, array( 'edit_post', 'delete_post' ), true ) || ! isset( $args[0] ) ) {
			return $caps;
		}
		$post = get_post( (int) $args[0] );
		if ( $post && 'revision' === $post->post_type ) {
			$post = get_post( $post->post_parent );
		}
		if ( ! $post || Tables::POST_TYPE !== $post->post_type ) {
			return $caps;
		}
		$author = (int) $post->post_author;
		if ( $author !== (int) $user_id && user_can( $author, 'manage_options' ) && ! user_can( (int) $user_id, 'manage_options' ) && ! user_can( (int) $user_id, self::ADMIN_TABLES ) ) {
			$caps[] = 'do_not_allow';
		}
		return $caps;
	}

	/**
	 * Whether the current user may create tables (new tables are published at once).
	 */
	public static function can_create(): bool {
		return current_user_can( 'edit_shelf_tables' ) && current_user_can( 'publish_shelf_tables' );
	}

	/**
	 * Whether a save adds an `html` row or changes an `html` row's values: each `html` row of
	 * the new table must match a distinct `html` row of the stored one (same value and
	 * per-product values). Removing, reordering and relabelling `html` rows are not changes of
	 * their HTML.
	 *
	 * @param array<string, mixed>|null $before Stored table (validated), or null for a new one.
	 * @param array<string, mixed>      $after  New table (validated).
	 */
	public static function html_changed( ?array $before, array $after ): bool {
		$kept = array_map( array( self::class, 'html_of' ), self::html_rows( $before['rows'] ?? array() ) );
		foreach ( self::html_rows( $after['rows'] ) as $row ) {
			$at = array_search( self::html_of( $row ), $kept, true );
			if ( false === $at ) {
				return true;
			}
			unset( $kept[ $at ] );
		}
		return false;
	}

	/**
	 * The `html` rows of a table.
	 *
	 * @param list<array<string, mixed>> $rows Validated rows.
	 * @return list<array<string, mixed>>
	 */
	private static function html_rows( array $rows ): array {
		return array_values( array_filter( $rows, static fn( array $row ): bool => 'html' === $row['type'] ) );
	}

	/**
	 * What of an `html` row is HTML, comparable: its value and its per-product values by key.
	 *
	 * @param array<string, mixed> $row Validated row.
	 */
	private static function html_of( array $row ): string {
		$values = (array) $row['values'];
		ksort( $values, SORT_STRING );
		return (string) wp_json_encode( array( (string) $row['value'], $values ) );
	}
}
