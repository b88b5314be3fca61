<?php
/**
 * Tools → Shelf link audit.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The site-wide link audit's screen (`tools.php?page=shelf-link-audit`): a root element the
 * audit script (handle `shelf-link-audit`, from the editor bundle) fills. The script reads
 * posts through {@see Rest_Audit}, runs the core's link rewriter on them in the browser and
 * writes only the posts the user selects.
 *
 * @since 0.2.0
 */
final class Link_Audit_Page {

	/** The screen's slug. */
	public const SLUG = 'shelf-link-audit';

	/** The audit script's handle, registered by {@see Assets}. */
	public const SCRIPT = 'shelf-link-audit';

	/** The screen's stylesheet handle. */
	public const STYLE = 'shelf-link-audit';

	/** Who may audit: editors and administrators, who may edit everyone's posts. */
	public const CAPABILITY = 'edit_others_posts';

	/**
	 * Hook suffix of the screen, known after `admin_menu`.
	 *
	 * @var string
	 */
	private string $hook = '';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ), 20 );
	}

	/**
	 * The screen's URL, unescaped.
	 */
	public static function url(): string {
		return admin_url( 'tools.php?page=' . self::SLUG );
	}

	/**
	 * Hooked to `admin_menu`: the Tools submenu item.
	 */
	public function add_page(): void {
		$this->hook = (string) add_management_page( __( 'Shelf link audit', 'shelf' ), __( 'Shelf link audit', 'shelf' ), self::CAPABILITY, self::SLUG, array( $this, 'render' ) );
	}

	/**
	 * Hooked to `admin_enqueue_scripts` (after the bundle registered its scripts): the audit, on
	 * its screen only.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( '' === $this->hook || $hook !== $this->hook || ! wp_script_is( self::SCRIPT, 'registered' ) ) {
			return;
		}
		wp_enqueue_script( self::SCRIPT );
		wp_enqueue_style( self::STYLE, plugins_url( 'assets/link-audit.css', SHELF_FILE ), array( 'wp-components' ), SHELF_VERSION );
	}

	/**
	 * Prints the screen: a root element the audit script fills.
	 */
	public function render(): void {
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Shelf link audit', 'shelf' ); ?></h1>
			<div id="shelf-link-audit"
				data-settings-url="<?php echo esc_url( current_user_can( 'manage_options' ) ? admin_url( 'options-general.php?page=' . Settings_Page::SLUG ) : '' ); ?>">
				<noscript>
					<div class="notice notice-warning inline"><p><?php esc_html_e( 'The link audit runs in your browser and needs JavaScript.', 'shelf' ); ?></p></div>
				</noscript>
				<?php if ( ! wp_script_is( self::SCRIPT, 'registered' ) ) : ?>
					<div class="notice notice-error inline hide-if-no-js"><p><?php esc_html_e( 'The link audit’s script is missing. Reinstall Shelf from its release zip.', 'shelf' ); ?></p></div>
				<?php endif; ?>
			</div>
		</div>
		<?php
	}
}
