<?php
/**
 * Settings → Shelf.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * The settings screen. Saving goes through options.php (Settings API: capability and nonce).
 *
 * @since 0.1.0
 */
final class Settings_Page {

	public const SLUG = 'shelf';

	/**
	 * Hook suffix of the page, known after `admin_menu`.
	 *
	 * @var string
	 */
	private string $hook = '';

	/**
	 * Constructor.
	 *
	 * @param Assets $assets Script registration.
	 */
	public function __construct( private Assets $assets ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( SHELF_FILE ), array( $this, 'action_links' ) );
	}

	/**
	 * Hooked to `admin_menu`.
	 */
	public function add_page(): void {
		$this->hook = (string) add_options_page(
			__( 'Shelf', 'shelf' ),
			__( 'Shelf', 'shelf' ),
			'manage_options',
			self::SLUG,
			array( $this, 'render' )
		);
	}

	/**
	 * Hooked to `plugin_action_links_…`: a Settings link on the Plugins screen.
	 *
	 * @param array<int|string, string> $links Existing links.
	 * @return array<int|string, string>
	 */
	public function action_links( array $links ): array {
		$url = admin_url( 'options-general.php?page=' . self::SLUG );
		array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( $url ), esc_html__( 'Settings', 'shelf' ) ) );
		return $links;
	}

	/**
	 * Hooked to `admin_enqueue_scripts`: the live validator only on this screen.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( '' !== $this->hook && $hook === $this->hook ) {
			$this->assets->enqueue_settings();
		}
	}

	/**
	 * Prints the screen.
	 */
	public function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$settings = Settings::get();
		$name     = Settings::OPTION;
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Shelf', 'shelf' ); ?></h1>
			<form method="post" action="options.php" class="shelf-settings">
				<?php settings_fields( Settings::GROUP ); ?>
				<h2><?php esc_html_e( 'Tracking IDs', 'shelf' ); ?></h2>
				<p><?php esc_html_e( 'Enter the tracking ID (store ID) of each Amazon store you earn from. Links to a store without a tracking ID stay untagged.', 'shelf' ); ?></p>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="shelf-default-marketplace"><?php esc_html_e( 'Default store', 'shelf' ); ?></label></th>
						<td>
							<select id="shelf-default-marketplace" name="<?php echo esc_attr( $name ); ?>[default_marketplace]">
								<?php foreach ( Marketplaces::all() as $host => $market ) : ?>
									<option value="<?php echo esc_attr( $host ); ?>" <?php selected( $settings['default_marketplace'], $host ); ?>><?php echo esc_html( $host ); ?></option>
								<?php endforeach; ?>
							</select>
						</td>
					</tr>
					<?php foreach ( Marketplaces::all() as $host => $market ) : ?>
						<?php $id = 'shelf-tag-' . $market['country']; ?>
						<tr>
							<th scope="row"><label for="<?php echo esc_attr( $id ); ?>"><?php echo esc_html( $host ); ?></label></th>
							<td>
								<input type="text" class="regular-text shelf-tag-input" id="<?php echo esc_attr( $id ); ?>"
									name="<?php echo esc_attr( $name . '[tracking_ids][' . $host . ']' ); ?>"
									value="<?php echo esc_attr( $settings['tracking_ids'][ $host ] ?? '' ); ?>"
									data-marketplace="<?php echo esc_attr( $host ); ?>"
									placeholder="<?php echo esc_attr( 'yourstore' . $market['tagSuffix'] ); ?>"
									aria-describedby="<?php echo esc_attr( $id . '-message' ); ?>"
									maxlength="64" spellcheck="false" autocomplete="off">
								<p class="description shelf-tag-message" id="<?php echo esc_attr( $id . '-message' ); ?>" aria-live="polite"></p>
							</td>
						</tr>
					<?php endforeach; ?>
				</table>
				<?php do_settings_sections( self::SLUG ); ?>
				<?php submit_button(); ?>
			</form>
		</div>
		<?php
	}
}
