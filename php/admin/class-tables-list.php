<?php
/**
 * Shelf → Tables: the list of stored tables.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress's list of `shelf_table` posts (search, views, trash) with a "Shortcode" column (a
 * read-only field and a Copy button), the number of products, and the row actions Edit (the
 * builder), Copy shortcode and Trash. Quick Edit and bulk Edit are gone: they would change a
 * table's author or status outside the builder, and the author decides whether HTML rows
 * render.
 *
 * @since 0.2.0
 */
final class Tables_List {

	/** The copy buttons' script module. */
	public const MODULE = '@shelf/copy-shortcode';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_filter( 'manage_' . Tables::POST_TYPE . '_posts_columns', array( $this, 'columns' ) );
		add_action( 'manage_' . Tables::POST_TYPE . '_posts_custom_column', array( $this, 'column' ), 10, 2 );
		add_filter( 'post_row_actions', array( $this, 'row_actions' ), 10, 2 );
		add_filter( 'bulk_actions-edit-' . Tables::POST_TYPE, array( $this, 'bulk_actions' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_action( 'admin_footer-edit.php', array( $this, 'live_region' ) );
	}

	/**
	 * Whether the current screen is the tables list.
	 */
	private static function on_list(): bool {
		$screen = get_current_screen();
		return $screen && 'edit' === $screen->base && Tables::POST_TYPE === $screen->post_type;
	}

	/**
	 * Hooked to `manage_shelf_table_posts_columns`.
	 *
	 * @param array<string, string> $columns Columns WordPress chose (cb, title, author, date).
	 * @return array<string, string>
	 */
	public function columns( $columns ) {
		$out = array();
		foreach ( $columns as $key => $label ) {
			$out[ $key ] = $label;
			if ( 'title' === $key ) {
				$out['shelf_shortcode'] = __( 'Shortcode', 'shelf' );
				$out['shelf_products']  = __( 'Products', 'shelf' );
			}
		}
		return $out;
	}

	/**
	 * Hooked to `manage_shelf_table_posts_custom_column`.
	 *
	 * @param string $column  Column key.
	 * @param int    $post_id Table ID.
	 */
	public function column( $column, $post_id ): void {
		$id = (int) $post_id;
		if ( 'shelf_shortcode' === $column ) {
			$shortcode = Tables::shortcode( $id );
			printf(
				'<input type="text" readonly class="code shelf-shortcode" id="%1$s" value="%2$s" size="%3$d" aria-label="%4$s"> <button type="button" class="button button-small" data-shelf-copy="%1$s">%5$s</button>',
				esc_attr( 'shelf-shortcode-' . $id ),
				esc_attr( $shortcode ),
				(int) strlen( $shortcode ),
				/* translators: %s: table title. */
				esc_attr( sprintf( __( 'Shortcode of “%s”', 'shelf' ), get_the_title( $id ) ) ),
				esc_html__( 'Copy', 'shelf' )
			);
		} elseif ( 'shelf_products' === $column ) {
			$table = Tables::data( $id );
			echo is_wp_error( $table ) ? '—' : esc_html( number_format_i18n( count( $table['products'] ) ) );
		}
	}

	/**
	 * Hooked to `post_row_actions`: Edit (the builder, where the user may edit), Copy shortcode,
	 * Trash (where the user may delete), and in the Trash view Restore and Delete permanently.
	 *
	 * @param array<string, string> $actions Actions WordPress built (links already escaped).
	 * @param \WP_Post              $post    The table.
	 * @return array<string, string>
	 */
	public function row_actions( $actions, $post ) {
		if ( ! $post instanceof \WP_Post || Tables::POST_TYPE !== $post->post_type ) {
			return $actions;
		}
		$out = array_intersect_key( $actions, array( 'edit' => true ) );
		if ( 'publish' === $post->post_status ) {
			$out['shelf_copy'] = sprintf(
				'<button type="button" class="button-link" data-shelf-copy="%s">%s</button>',
				esc_attr( 'shelf-shortcode-' . $post->ID ),
				esc_html__( 'Copy shortcode', 'shelf' )
			);
		}
		return $out + array_intersect_key( $actions, array_flip( array( 'trash', 'untrash', 'delete' ) ) );
	}

	/**
	 * Hooked to `bulk_actions-edit-shelf_table`: no bulk Edit (it changes authors and statuses).
	 *
	 * @param array<string, string> $actions Bulk actions.
	 * @return array<string, string>
	 */
	public function bulk_actions( $actions ) {
		unset( $actions['edit'] );
		return $actions;
	}

	/**
	 * Hooked to `admin_enqueue_scripts`: the copy buttons' module, on the list only.
	 */
	public function enqueue(): void {
		if ( self::on_list() ) {
			wp_register_script_module( self::MODULE, plugins_url( 'js/copy-shortcode.js', SHELF_FILE ), array(), SHELF_VERSION );
			wp_enqueue_script_module( self::MODULE );
		}
	}

	/**
	 * Hooked to `admin_footer-edit.php`: the live region that announces a copy, with the
	 * module's translated words (script modules have no script translations in WordPress 6.8).
	 */
	public function live_region(): void {
		if ( self::on_list() ) {
			printf(
				'<div id="shelf-copy-status" class="screen-reader-text" aria-live="polite" data-copied="%s" data-failed="%s"></div>',
				esc_attr__( 'Copied', 'shelf' ),
				esc_attr__( 'Copying failed: the shortcode is selected, press Ctrl+C (⌘C) to copy it.', 'shelf' )
			);
		}
	}
}
