<?php
/**
 * The Shelf admin menu and the table builder's screen.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A top-level "Shelf" menu for whoever may edit tables ({@see Table_Caps}): "Tables" (the
 * `shelf_table` list, {@see Tables_List}) and "Add table", the builder's screen
 * (`admin.php?page=shelf-table`, `&id=N` to edit a table). The builder itself is a script the
 * editor bundle registers as `shelf-table-builder`; this screen gives it a root element and
 * checks the capability before anything is printed.
 *
 * WordPress's own editing screens never show a table: every edit link of a table leads to the
 * builder, and `post.php?action=edit`, `post-new.php` and the revisions screen for a table
 * redirect there (the builder restores revisions through REST, under the same HTML-row rule
 * as any save).
 *
 * @since 0.2.0
 */
final class Tables_Menu {

	/** The top-level menu's slug (it has no page of its own: it opens the list). */
	public const MENU = 'shelf-menu';

	/** The builder's page slug. */
	public const BUILDER = 'shelf-table';

	/** The builder script's handle, registered by the editor bundle. */
	public const SCRIPT = 'shelf-table-builder';

	/**
	 * Hook suffix of the builder's screen, known after `admin_menu`.
	 *
	 * @var string
	 */
	private string $hook = '';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_menu' ), 9 );
		// After WordPress adds the post type's list under the menu (priority 10).
		add_action( 'admin_menu', array( $this, 'add_builder' ), 11 );
		add_filter( 'submenu_file', array( $this, 'submenu_file' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ), 20 );
		add_filter( 'get_edit_post_link', array( $this, 'edit_link' ), 10, 3 );
		add_action( 'load-post.php', array( $this, 'redirect_editor' ) );
		add_action( 'load-post-new.php', array( $this, 'redirect_new' ) );
		add_action( 'load-revision.php', array( $this, 'redirect_revision' ) );
	}

	/**
	 * The builder's URL, unescaped (escape it for its context).
	 *
	 * @param int $id Table ID, or 0 for a new table.
	 */
	public static function builder_url( int $id = 0 ): string {
		return admin_url( 'admin.php?page=' . self::BUILDER . ( $id ? '&id=' . $id : '' ) );
	}

	/**
	 * Hooked to `admin_menu` (priority 9): the top-level menu, after Comments. Its own URL
	 * (never linked) leads to the list.
	 */
	public function add_menu(): void {
		$hook = add_menu_page( __( 'Shelf', 'shelf' ), __( 'Shelf', 'shelf' ), 'edit_shelf_tables', self::MENU, '__return_null', 'dashicons-editor-table', 26 );
		add_action(
			'load-' . $hook,
			static function (): void {
				wp_safe_redirect( admin_url( 'edit.php?post_type=' . Tables::POST_TYPE ) );
				exit;
			}
		);
	}

	/**
	 * Hooked to `admin_menu` (priority 11): "Add table", and no "Shelf" item that WordPress
	 * adds as the first submenu of a menu (the menu opens "Tables" instead).
	 */
	public function add_builder(): void {
		$this->hook = (string) add_submenu_page( self::MENU, __( 'Add table', 'shelf' ), __( 'Add table', 'shelf' ), 'edit_shelf_tables', self::BUILDER, array( $this, 'render' ) );
		remove_submenu_page( self::MENU, self::MENU );
		if ( '' !== $this->hook ) {
			add_action( 'load-' . $this->hook, array( $this, 'check' ) );
		}
	}

	/**
	 * The table ID the builder's screen was asked for (0: a new table).
	 */
	private static function requested_id(): int {
		return isset( $_GET['id'] ) ? absint( wp_unslash( $_GET['id'] ) ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation; saving goes through REST with a nonce.
	}

	/**
	 * Hooked to `load-{builder}`, before any output: the table must exist and be the user's to
	 * edit, or (without an ID) the user must be allowed to create tables.
	 */
	public function check(): void {
		$id = self::requested_id();
		if ( ! $id ) {
			if ( ! Table_Caps::can_create() ) {
				wp_die( esc_html__( 'Sorry, you are not allowed to create tables.', 'shelf' ), 403 );
			}
			return;
		}
		$table = Tables::get( $id );
		if ( is_wp_error( $table ) ) {
			wp_die( esc_html( ucfirst( $table->get_error_message() ) ), 404 );
		}
		if ( ! current_user_can( 'edit_post', $id ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to edit this table.', 'shelf' ), 403 );
		}
	}

	/**
	 * Hooked to `submenu_file`: while a table is edited, "Tables" is the current item.
	 *
	 * @param string|null $file Current submenu file.
	 * @return string|null
	 */
	public function submenu_file( $file ) {
		if ( '' !== $this->hook && $this->hook === ( get_current_screen()->id ?? '' ) && self::requested_id() ) {
			return 'edit.php?post_type=' . Tables::POST_TYPE;
		}
		return $file;
	}

	/**
	 * Hooked to `admin_enqueue_scripts` (after the bundle registered its scripts): the builder,
	 * on its screen only.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( '' !== $this->hook && $hook === $this->hook && wp_script_is( self::SCRIPT, 'registered' ) ) {
			wp_enqueue_script( self::SCRIPT );
			wp_enqueue_style( Assets::EDITOR_STYLE );
			wp_enqueue_style( Assets::STYLE ); // The preview's placements.
		}
	}

	/**
	 * Prints the builder's screen: a root element the builder script fills.
	 */
	public function render(): void {
		$id = self::requested_id();
		?>
		<div class="wrap">
			<h1><?php echo esc_html( $id ? __( 'Edit table', 'shelf' ) : __( 'Add table', 'shelf' ) ); ?></h1>
			<div id="shelf-table-builder"
				data-table-id="<?php echo esc_attr( (string) $id ); ?>"
				data-list-url="<?php echo esc_url( admin_url( 'edit.php?post_type=' . Tables::POST_TYPE ) ); ?>"
				data-shortcode="<?php echo esc_attr( Settings::get()['shortcode'] ); ?>"
				data-can-unfiltered-html="<?php echo current_user_can( 'unfiltered_html' ) ? '1' : '0'; ?>">
				<noscript>
					<div class="notice notice-warning inline"><p><?php esc_html_e( 'The table builder needs JavaScript. Turn it on in your browser to create and edit tables.', 'shelf' ); ?></p></div>
				</noscript>
				<?php if ( ! wp_script_is( self::SCRIPT, 'registered' ) ) : ?>
					<div class="notice notice-error inline hide-if-no-js"><p><?php esc_html_e( 'The table builder’s script is missing. Reinstall Shelf from its release zip.', 'shelf' ); ?></p></div>
				<?php endif; ?>
			</div>
		</div>
		<?php
	}

	/**
	 * Hooked to `get_edit_post_link`: a table's edit link is the builder. WordPress has checked
	 * `edit_post` before this filter runs.
	 *
	 * @param string|null $link    Link WordPress built.
	 * @param int         $post_id Post ID.
	 * @param string      $context 'display' to encode `&` as `&amp;`.
	 * @return string|null
	 */
	public function edit_link( $link, $post_id, $context ) {
		if ( Tables::POST_TYPE !== get_post_type( (int) $post_id ) ) {
			return $link;
		}
		$url = self::builder_url( (int) $post_id );
		return 'display' === $context ? str_replace( '&', '&amp;', $url ) : $url;
	}

	/**
	 * Hooked to `load-post.php`: WordPress's editor for a table goes to the builder.
	 */
	public function redirect_editor(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- navigation only.
		$id     = isset( $_GET['post'] ) ? absint( wp_unslash( $_GET['post'] ) ) : 0;
		$action = isset( $_GET['action'] ) ? sanitize_key( wp_unslash( $_GET['action'] ) ) : '';
		// phpcs:enable
		if ( 'edit' === $action && Tables::POST_TYPE === get_post_type( $id ) ) {
			self::go( $id );
		}
	}

	/**
	 * Hooked to `load-post-new.php`: "Add New" for tables is the builder.
	 */
	public function redirect_new(): void {
		$type = isset( $_GET['post_type'] ) ? sanitize_key( wp_unslash( $_GET['post_type'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation only.
		if ( Tables::POST_TYPE === $type ) {
			self::go( 0 );
		}
	}

	/**
	 * Hooked to `load-revision.php`: a table's revisions are compared and restored in the
	 * builder, where a restore is a save like any other (so the HTML-row rule applies).
	 */
	public function redirect_revision(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- navigation only.
		foreach ( array( 'revision', 'to', 'from' ) as $key ) {
			$id       = isset( $_GET[ $key ] ) ? absint( wp_unslash( $_GET[ $key ] ) ) : 0;
			$revision = $id ? wp_get_post_revision( $id ) : null;
			if ( $revision && Tables::POST_TYPE === get_post_type( $revision->post_parent ) ) {
				self::go( (int) $revision->post_parent );
			}
		}
		// phpcs:enable
	}

	/**
	 * Redirects to the builder and stops.
	 *
	 * @param int $id Table ID, or 0 for a new table.
	 */
	private static function go( int $id ): void {
		wp_safe_redirect( self::builder_url( $id ) );
		exit;
	}
}
