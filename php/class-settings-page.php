<?php
/**
 * Settings → Shelf.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

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
	 * Hooked to `admin_enqueue_scripts`: the live validator and the status panel's buttons,
	 * only on this screen.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( '' !== $this->hook && $hook === $this->hook ) {
			$this->assets->enqueue_settings();
			$this->assets->enqueue_status_panel();
		}
	}

	/**
	 * A row with a select of one enumerated setting.
	 *
	 * @param string                $key      Setting key.
	 * @param string                $label    Translated label.
	 * @param array<string, string> $options  Value => translated text.
	 * @param array<string, mixed>  $settings Current settings.
	 */
	private function select_row( string $key, string $label, array $options, array $settings ): void {
		$id = 'shelf-' . str_replace( '_', '-', $key );
		printf( '<tr><th scope="row"><label for="%s">%s</label></th><td><select id="%1$s" name="%s">', esc_attr( $id ), esc_html( $label ), esc_attr( Settings::OPTION . '[' . $key . ']' ) );
		foreach ( $options as $value => $text ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( $value ), selected( $settings[ $key ], $value, false ), esc_html( $text ) );
		}
		echo '</select></td></tr>';
	}

	/**
	 * A row with a checkbox.
	 *
	 * @param string               $key      Setting key.
	 * @param string               $label    Translated label.
	 * @param string               $help     Translated description.
	 * @param array<string, mixed> $settings Current settings.
	 */
	private function checkbox_row( string $key, string $label, string $help, array $settings ): void {
		$id = 'shelf-' . str_replace( '_', '-', $key );
		printf(
			'<tr><th scope="row">%s</th><td><label for="%s"><input type="checkbox" id="%2$s" name="%s" value="1"%s> %s</label></td></tr>',
			esc_html( $label ),
			esc_attr( $id ),
			esc_attr( Settings::OPTION . '[' . $key . ']' ),
			checked( (bool) $settings[ $key ], true, false ),
			esc_html( $help )
		);
	}

	/**
	 * A row with a text input.
	 *
	 * @param string               $key      Setting key.
	 * @param string               $label    Translated label.
	 * @param string               $help     Translated description.
	 * @param array<string, mixed> $settings Current settings.
	 */
	private function text_row( string $key, string $label, string $help, array $settings ): void {
		$id = 'shelf-' . str_replace( '_', '-', $key );
		printf(
			'<tr><th scope="row"><label for="%s">%s</label></th><td><input type="text" class="regular-text" id="%1$s" name="%s" value="%s"><p class="description">%s</p></td></tr>',
			esc_attr( $id ),
			esc_html( $label ),
			esc_attr( Settings::OPTION . '[' . $key . ']' ),
			esc_attr( (string) $settings[ $key ] ),
			esc_html( $help )
		);
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
			<?php
			$no_api = Products_Page::no_api_notice();
			if ( '' !== $no_api ) {
				echo $no_api; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped inside.
				printf( '<p><a href="%s">%s</a></p>', esc_url( Products_Page::url() ), esc_html__( 'Add manual products under Shelf → Products.', 'shelf' ) );
			}
			?>
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

				<h2><?php esc_html_e( 'Links', 'shelf' ); ?></h2>
				<table class="form-table" role="presentation">
					<?php
					$this->select_row( 'link_target', __( 'Open Amazon links', 'shelf' ), array( 'newTab' => __( 'In a new tab', 'shelf' ), 'sameTab' => __( 'In the same tab', 'shelf' ) ), $settings );
					$this->text_row( 'rel_extra', __( 'Extra rel values', 'shelf' ), __( 'Added to “sponsored noopener”, which every Amazon link always carries. Example: nofollow', 'shelf' ), $settings );
					$this->select_row( 'existing_tag', __( 'Links that already carry another tracking ID', 'shelf' ), array( 'keep' => __( 'Keep their tracking ID', 'shelf' ), 'replace' => __( 'Replace it with mine', 'shelf' ), 'reportOnly' => __( 'Keep it and list it in the link report', 'shelf' ) ), $settings );
					$this->checkbox_row( 'strip_noise', __( 'Clean links', 'shelf' ), __( 'Remove tracking noise Amazon adds to copied links (ref=, pd_rd_*, qid, utm_*…). Attribution parameters are always kept.', 'shelf' ), $settings );
					$this->checkbox_row( 'localise', __( 'Localise links', 'shelf' ), __( 'Send visitors to their own Amazon store when you have a tracking ID for it.', 'shelf' ), $settings );
					$this->select_row( 'localise_mode', __( 'Localised links lead to', 'shelf' ), array( 'exact' => __( 'The same product (ASIN)', 'shelf' ), 'search' => __( 'A search for the product', 'shelf' ) ), $settings );
					?>
				</table>

				<h2><?php esc_html_e( 'Display', 'shelf' ); ?></h2>
				<table class="form-table" role="presentation">
					<?php
					$this->select_row( 'style', __( 'Style', 'shelf' ), array( 'standard' => __( 'Standard', 'shelf' ), 'light' => __( 'Light', 'shelf' ), 'dark' => __( 'Dark', 'shelf' ) ), $settings );
					$this->text_row( 'button_text', __( 'Button text', 'shelf' ), __( 'Empty: “Buy on Amazon”.', 'shelf' ), $settings );
					$this->select_row( 'shortcode', __( 'Shortcode name', 'shelf' ), array( 'amazon' => '[amazon …]', 'shelf' => '[shelf …]' ), $settings );
					$locale = get_locale();
					?>
					<tr>
						<th scope="row"><label for="shelf-disclosure"><?php esc_html_e( 'Disclosure statement', 'shelf' ); ?></label></th>
						<td>
							<textarea id="shelf-disclosure" class="large-text" rows="2" name="<?php echo esc_attr( $name . '[disclosure][' . $locale . ']' ); ?>"><?php echo esc_textarea( $settings['disclosure'][ $locale ] ?? '' ); ?></textarea>
							<?php
							// The screen edits the site locale's wording; the other locales' travel along unchanged.
							foreach ( $settings['disclosure'] as $other => $text ) {
								if ( $other !== $locale ) {
									printf( '<input type="hidden" name="%s" value="%s">', esc_attr( $name . '[disclosure][' . $other . ']' ), esc_attr( $text ) );
								}
							}
							?>
							<p class="description"><?php /* translators: %s: WordPress locale such as de_DE. */ echo esc_html( sprintf( __( 'Shown once on every page with Amazon links, for the locale %s. Empty: Amazon’s standard wording for your language. It cannot be switched off.', 'shelf' ), $locale ) ); ?></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-lifetime"><?php esc_html_e( 'Show product data for', 'shelf' ); ?></label></th>
						<td>
							<input type="number" id="shelf-lifetime" min="1" max="<?php echo esc_attr( (string) Settings::MAX_LIFETIME_HOURS ); ?>" name="<?php echo esc_attr( $name . '[lifetime_hours]' ); ?>" value="<?php echo esc_attr( (string) $settings['lifetime_hours'] ); ?>"> <?php esc_html_e( 'hours', 'shelf' ); ?>
							<p class="description"><?php esc_html_e( 'Older prices, availability and images are hidden until fresh data arrives. Amazon allows at most 24 hours.', 'shelf' ); ?></p>
							<?php if ( defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON ) : ?>
								<p class="description shelf-cron-external">
									<?php
									// Without visits spawning WP-Cron, nothing refreshes products unless the host calls it.
									/* translators: %s: the wp-cron.php URL. */
									echo esc_html( sprintf( __( 'WP-Cron is off on this site (DISABLE_WP_CRON), so Shelf refreshes products only when your server’s cron calls WordPress. Call %s every 5 minutes, for example with curl or wget.', 'shelf' ), site_url( 'wp-cron.php?doing_wp_cron' ) ) );
									?>
								</p>
							<?php endif; ?>
						</td>
					</tr>
				</table>
				<?php do_settings_sections( self::SLUG ); ?>
				<?php submit_button(); ?>
			</form>
		</div>
		<?php
	}
}
