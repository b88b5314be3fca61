<?php
/**
 * Shelf → Products: every product Shelf knows, and the form for manual products.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The Products screen (`admin.php?page=shelf-products`): the list ({@see Products_Table}) and
 * the add/edit form of manual products (`&action=new`, `&action=edit&id=N`), for users who may
 * manage options. Every change happens on `load-{screen}`, before output: the capability
 * first, then a nonce tied to the action and its object, then a redirect with a result code
 * (a failed save shows the form again with what was typed). Row actions: Refresh now (one
 * bounded refresh run within the rate budget), Remove (a store row; content that still places
 * the product makes it known again), Remove (a manual product: to the Trash, with Undo).
 *
 * The form's script (`js/products.js`) opens the Media Library and turns a pasted Amazon link
 * into its ASIN with the admin core; without it the ASIN is typed.
 *
 * @since 0.3.0
 */
final class Products_Page {

	public const SLUG = 'shelf-products';

	/** The form's script module. */
	public const MODULE = '@shelf/products';

	/** Results a redirect may report, by code. */
	private const DONE = array( 'saved', 'refreshed', 'refresh-unknown', 'removed', 'remove-unknown', 'trashed', 'untrashed' );

	/**
	 * Hook suffix of the screen, known after `admin_menu`.
	 *
	 * @var string
	 */
	private string $hook = '';

	/**
	 * The failed save's problem and input, shown again in the form.
	 *
	 * @var array{error: string, input: array<string, mixed>}|null
	 */
	private ?array $failed = null;

	/**
	 * Constructor.
	 *
	 * @param Refresh $refresh The refresh job ("Refresh now").
	 */
	public function __construct( private Refresh $refresh ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ), 12 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'get_edit_post_link', array( $this, 'edit_link' ), 10, 3 );
	}

	/**
	 * The screen's URL with some query arguments, unescaped.
	 *
	 * @param array<string, scalar> $args Query arguments.
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_map( 'rawurlencode', array_map( 'strval', $args ) ), admin_url( 'admin.php?page=' . self::SLUG ) );
	}

	/**
	 * The nonce action of a row action on its object.
	 *
	 * @param string                $action refresh, remove, trash, untrash or save.
	 * @param array<string, scalar> $args   The object: market and asin, or id.
	 */
	public static function nonce_action( string $action, array $args ): string {
		return 'shelf-product-' . $action . '|' . ( $args['market'] ?? '' ) . '|' . ( $args['asin'] ?? '' ) . '|' . ( $args['id'] ?? '' );
	}

	/**
	 * A row action's URL, with its nonce; unescaped.
	 *
	 * @param string                $action refresh, remove, trash or untrash.
	 * @param array<string, scalar> $args   The object: market and asin, or id.
	 */
	public static function action_url( string $action, array $args ): string {
		return wp_nonce_url( self::url( array( 'shelf_action' => $action ) + $args ), self::nonce_action( $action, $args ) );
	}

	/**
	 * Hooked to `admin_menu` (after Tables_Menu's items): "Products".
	 */
	public function add_page(): void {
		$this->hook = (string) add_submenu_page( Tables_Menu::MENU, __( 'Products', 'shelf' ), __( 'Products', 'shelf' ), Manual_Products::CAP, self::SLUG, array( $this, 'render' ) );
		if ( '' !== $this->hook ) {
			add_action( 'load-' . $this->hook, array( $this, 'handle' ) );
		}
	}

	/**
	 * Hooked to `load-{screen}`: the capability, then any requested change.
	 */
	public function handle(): void {
		if ( ! current_user_can( Manual_Products::CAP ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage Shelf’s products.', 'shelf' ), 403 );
		}
		// phpcs:disable WordPress.Security.NonceVerification -- each branch checks its nonce first.
		if ( isset( $_POST['shelf_product'] ) ) {
			$id = isset( $_POST['id'] ) ? absint( wp_unslash( $_POST['id'] ) ) : 0;
			check_admin_referer( self::nonce_action( 'save', array( 'id' => $id ) ) );
			$input = is_array( $_POST['shelf_product'] ) ? wp_unslash( $_POST['shelf_product'] ) : array();
			$this->save( is_array( $input ) ? $input : array(), $id );
			return;
		}
		$action = isset( $_GET['shelf_action'] ) ? sanitize_key( wp_unslash( $_GET['shelf_action'] ) ) : '';
		if ( '' === $action ) {
			return;
		}
		$args = array(
			'market' => isset( $_GET['market'] ) ? sanitize_text_field( wp_unslash( $_GET['market'] ) ) : '',
			'asin'   => isset( $_GET['asin'] ) ? sanitize_text_field( wp_unslash( $_GET['asin'] ) ) : '',
			'id'     => isset( $_GET['id'] ) ? absint( wp_unslash( $_GET['id'] ) ) : 0,
		);
		// phpcs:enable
		$object = in_array( $action, array( 'trash', 'untrash' ), true ) ? array( 'id' => $args['id'] ) : array(
			'market' => $args['market'],
			'asin'   => $args['asin'],
		);
		check_admin_referer( self::nonce_action( $action, $object ) );
		$this->done( $this->act( $action, $args ), $args );
	}

	/**
	 * Carries out a row action.
	 *
	 * @param string                                      $action Action.
	 * @param array{market: string, asin: string, id: int} $args  Its object.
	 * @return string A result code.
	 */
	private function act( string $action, array $args ): string {
		$asin  = Shortcode::asin( $args['asin'] ) ?? '';
		$store = Marketplaces::exists( $args['market'] ) && '' !== $asin;
		switch ( $action ) {
			case 'refresh':
				if ( ! $store || ! Store_Queue::make_product_due( $args['market'], $asin ) ) {
					return 'refresh-unknown';
				}
				// One request at most, through the same budget as every refresh.
				$this->refresh->run( 1 );
				return 'refreshed';
			case 'remove':
				return $store && Store_Queue::remove( $args['market'], $asin ) ? 'removed' : 'remove-unknown';
			case 'trash':
			case 'untrash':
				if ( Manual_Products::POST_TYPE !== get_post_type( $args['id'] ) ) {
					return 'remove-unknown';
				}
				$done = 'trash' === $action ? wp_trash_post( $args['id'] ) : wp_untrash_post( $args['id'] );
				Manual_Products::flush_memo();
				return $done ? $action . 'ed' : 'remove-unknown';
		}
		wp_die( esc_html__( 'Unknown action.', 'shelf' ), 400 );
	}

	/**
	 * Saves the form, then goes back to the list; on failure the form shows again.
	 *
	 * @param array<string, mixed> $input Submitted fields.
	 * @param int                  $id    Manual product ID, or 0.
	 */
	private function save( array $input, int $id ): void {
		$saved = Manual_Products::save( $input, $id );
		if ( is_wp_error( $saved ) ) {
			$this->failed = array(
				'error' => $saved->get_error_message(),
				'input' => $input + array( 'id' => $id ),
			);
			return;
		}
		$this->done( 'saved', array( 'id' => $saved ) );
	}

	/**
	 * Redirects to the list with a result code, and stops.
	 *
	 * @param string               $code Result code.
	 * @param array<string, mixed> $args The action's object.
	 */
	private function done( string $code, array $args ): void {
		$query = array( 'shelf_done' => $code );
		if ( isset( $args['id'] ) && $args['id'] ) {
			$query['id'] = (int) $args['id'];
		}
		wp_safe_redirect( self::url( $query ) );
		exit;
	}

	/**
	 * Hooked to `admin_enqueue_scripts`: the Media Library and the form's module on the form, the
	 * image column's width on the list.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( '' === $this->hook || $hook !== $this->hook ) {
			return;
		}
		if ( ! self::on_form() ) {
			// The image column fits its 48-pixel thumbnails.
			wp_add_inline_style( 'list-tables', '.wp-list-table .column-image{width:56px}' );
			return;
		}
		wp_enqueue_media();
		wp_register_script_module( self::MODULE, plugins_url( 'js/products.js', SHELF_FILE ), array(), SHELF_VERSION );
		wp_enqueue_script_module( self::MODULE );
	}

	/**
	 * Whether the form (rather than the list) was asked for.
	 */
	private static function on_form(): bool {
		$action = isset( $_GET['action'] ) ? sanitize_key( wp_unslash( $_GET['action'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation.
		return in_array( $action, array( 'new', 'edit' ), true );
	}

	/**
	 * Hooked to `get_edit_post_link`: a manual product's (and so the revisions screen's) edit
	 * link is the form. WordPress has checked `edit_post` before this filter runs.
	 *
	 * @param string|null $link    Link WordPress built.
	 * @param int         $post_id Post ID.
	 * @param string      $context 'display' to encode `&` as `&amp;`.
	 * @return string|null
	 */
	public function edit_link( $link, $post_id, $context ) {
		if ( Manual_Products::POST_TYPE !== get_post_type( (int) $post_id ) ) {
			return $link;
		}
		$url = self::url(
			array(
				'action' => 'edit',
				'id'     => (int) $post_id,
			)
		);
		return 'display' === $context ? str_replace( '&', '&amp;', $url ) : $url;
	}

	/**
	 * What works without Creators API credentials and what does not; '' when there are some.
	 */
	public static function no_api_notice(): string {
		if ( ! Credentials::none() ) {
			return '';
		}
		return sprintf(
			'<div class="notice notice-info inline shelf-no-api"><p><strong>%s</strong></p><p>%s</p><p>%s</p></div>',
			esc_html__( 'Shelf runs without the Creators API: no credentials are set.', 'shelf' ),
			esc_html__( 'Works now: manual products (title, image, bullets, your rating, a “See price on Amazon” button), your tracking ID on every Amazon link, and tagging of Amazon links in your posts.', 'shelf' ),
			esc_html__( 'Needs Creators API access (Amazon grants it after 10 qualifying sales in 30 days): prices, availability, Amazon’s images and titles, bestseller and new-release lists.', 'shelf' )
		);
	}

	/**
	 * Prints the screen: the form or the list.
	 */
	public function render(): void {
		if ( self::on_form() || null !== $this->failed ) {
			$this->render_form();
			return;
		}
		$table = new Products_Table();
		$table->prepare_items();
		?>
		<div class="wrap">
			<h1 class="wp-heading-inline"><?php esc_html_e( 'Products', 'shelf' ); ?></h1>
			<a href="<?php echo esc_url( self::url( array( 'action' => 'new' ) ) ); ?>" class="page-title-action"><?php esc_html_e( 'Add manual product', 'shelf' ); ?></a>
			<hr class="wp-header-end">
			<?php
			echo self::no_api_notice(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped inside.
			$this->result_notice();
			?>
			<form method="get">
				<input type="hidden" name="page" value="<?php echo esc_attr( self::SLUG ); ?>">
				<?php
				$table->search_box( __( 'Search products', 'shelf' ), 'shelf-products' );
				$table->display();
				?>
			</form>
		</div>
		<?php
	}

	/**
	 * The result of the last action, as a notice.
	 */
	private function result_notice(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a result code to show, no change.
		$code = isset( $_GET['shelf_done'] ) ? sanitize_key( wp_unslash( $_GET['shelf_done'] ) ) : '';
		$id   = isset( $_GET['id'] ) ? absint( wp_unslash( $_GET['id'] ) ) : 0;
		// phpcs:enable
		if ( ! in_array( $code, self::DONE, true ) ) {
			return;
		}
		$texts = array(
			'saved'           => __( 'Manual product saved.', 'shelf' ),
			'refreshed'       => __( 'Refresh done, within the request budget. The product’s status below is the result.', 'shelf' ),
			'refresh-unknown' => __( 'Shelf does not know that product in that store.', 'shelf' ),
			'removed'         => __( 'Product data removed. Content that still places it makes it known again.', 'shelf' ),
			'remove-unknown'  => __( 'Nothing was removed: that product is not known.', 'shelf' ),
			'trashed'         => __( 'Manual product moved to the Trash.', 'shelf' ),
			'untrashed'       => __( 'Manual product restored.', 'shelf' ),
		);
		$error = in_array( $code, array( 'refresh-unknown', 'remove-unknown' ), true );
		$undo  = 'trashed' === $code && $id ? sprintf( ' <a href="%s">%s</a>', esc_url( self::action_url( 'untrash', array( 'id' => $id ) ) ), esc_html__( 'Undo', 'shelf' ) ) : '';
		printf( '<div class="notice notice-%s is-dismissible" role="status"><p>%s%s</p></div>', $error ? 'error' : 'success', esc_html( $texts[ $code ] ), $undo ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- $undo is built escaped.
	}

	/**
	 * The add/edit form. Fields are plain text (escaped here), the image an attachment ID.
	 */
	private function render_form(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation.
		$id      = null !== $this->failed ? (int) $this->failed['input']['id'] : ( isset( $_GET['id'] ) ? absint( wp_unslash( $_GET['id'] ) ) : 0 );
		$product = $id ? Manual_Products::data( $id ) : null;
		if ( $id && null === $product ) {
			wp_die( esc_html__( 'There is no such manual product.', 'shelf' ), 404 );
		}
		$values = $this->failed['input'] ?? $product ?? array(
			// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a prefilled field.
			'asin' => isset( $_GET['asin'] ) ? (string) Shortcode::asin( sanitize_text_field( wp_unslash( $_GET['asin'] ) ) ) : '',
		);
		$text     = static fn( string $key ): string => Manual_Products::text( $values[ $key ] ?? '', 5000, true );
		$features = $values['features'] ?? '';
		$features = is_array( $features ) ? implode( "\n", array_map( array( Manual_Products::class, 'text' ), $features ) ) : Manual_Products::text( $features, 5000, true );
		$image    = absint( $values['imageId'] ?? 0 );
		$rating   = $values['rating'] ?? '';
		$source   = (string) ( $values['source'] ?? 'api' );
		$prime    = ! empty( $values['prime'] );
		$admin    = Placements::page_config();
		?>
		<div class="wrap">
			<h1><?php echo esc_html( $id ? __( 'Edit manual product', 'shelf' ) : __( 'Add manual product', 'shelf' ) ); ?></h1>
			<p><a href="<?php echo esc_url( self::url() ); ?>"><?php esc_html_e( '← All products', 'shelf' ); ?></a></p>
			<?php if ( null !== $this->failed ) : ?>
				<div class="notice notice-error" role="alert"><p><?php echo esc_html( $this->failed['error'] ); ?></p></div>
			<?php endif; ?>
			<p><?php esc_html_e( 'Describe a product in your own words. Shelf never shows a typed price: visitors get a “See price on Amazon” button. Place it like any product, by its ASIN, in blocks and shortcodes.', 'shelf' ); ?></p>
			<form method="post" action="<?php echo esc_url( self::url( $id ? array( 'action' => 'edit', 'id' => $id ) : array( 'action' => 'new' ) ) ); ?>" id="shelf-product-form"
				data-wasm="<?php echo esc_url( plugins_url( 'js/wasm-admin/shelf_core.js', SHELF_FILE ) ); ?>"
				data-links="<?php echo esc_attr( (string) wp_json_encode( $admin['links'] ) ); ?>"
				data-market="<?php echo esc_attr( (string) $admin['market'] ); ?>"
				data-found="<?php /* translators: 1: ASIN, 2: store host. */ echo esc_attr__( 'Found ASIN %1$s (%2$s).', 'shelf' ); ?>"
				data-not-found="<?php esc_attr_e( 'That is not an Amazon product link or ASIN.', 'shelf' ); ?>"
				data-pick="<?php esc_attr_e( 'Choose the product image', 'shelf' ); ?>"
				data-use="<?php esc_attr_e( 'Use this image', 'shelf' ); ?>">
				<?php wp_nonce_field( self::nonce_action( 'save', array( 'id' => $id ) ) ); ?>
				<input type="hidden" name="id" value="<?php echo esc_attr( (string) $id ); ?>">
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="shelf-product-title"><?php esc_html_e( 'Title', 'shelf' ); ?></label></th>
						<td><input type="text" class="regular-text" id="shelf-product-title" name="shelf_product[title]" required maxlength="500" value="<?php echo Manual_Products::html( $text( 'title' ) ); ?>"></td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-asin"><?php esc_html_e( 'ASIN or Amazon link', 'shelf' ); ?></label></th>
						<td>
							<input type="text" class="regular-text code" id="shelf-product-asin" name="shelf_product[asin]" required value="<?php echo Manual_Products::html( $text( 'asin' ) ); ?>" aria-describedby="shelf-product-asin-help shelf-product-asin-status">
							<p class="description" id="shelf-product-asin-help"><?php esc_html_e( 'Paste the product’s Amazon link and Shelf finds its ASIN (with JavaScript on), or type the 10-character ASIN.', 'shelf' ); ?></p>
							<p id="shelf-product-asin-status" role="status" class="description"></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><?php esc_html_e( 'Image', 'shelf' ); ?></th>
						<td>
							<input type="hidden" id="shelf-product-image" name="shelf_product[imageId]" value="<?php echo esc_attr( (string) $image ); ?>">
							<div id="shelf-product-image-preview"><?php echo $image ? wp_get_attachment_image( $image, 'thumbnail', false, array( 'alt' => '' ) ) : ''; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- WordPress escapes the tag it builds. ?></div>
							<button type="button" class="button hide-if-no-js" id="shelf-product-image-pick"><?php esc_html_e( 'Choose from the Media Library', 'shelf' ); ?></button>
							<button type="button" class="button-link hide-if-no-js" id="shelf-product-image-clear"<?php echo $image ? '' : ' hidden'; ?>><?php esc_html_e( 'Remove image', 'shelf' ); ?></button>
							<p class="description"><?php esc_html_e( 'Your own image from the Media Library (Amazon’s images may only be shown from the API).', 'shelf' ); ?></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-features"><?php esc_html_e( 'Bullets', 'shelf' ); ?></label></th>
						<td><textarea class="large-text" rows="4" id="shelf-product-features" name="shelf_product[features]" aria-describedby="shelf-product-features-help"><?php echo esc_textarea( $features ); ?></textarea>
						<p class="description" id="shelf-product-features-help"><?php esc_html_e( 'One per line, up to 10.', 'shelf' ); ?></p></td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-rating"><?php esc_html_e( 'Your rating', 'shelf' ); ?></label></th>
						<td><input type="number" min="0" max="5" step="0.1" id="shelf-product-rating" name="shelf_product[rating]" value="<?php echo esc_attr( is_scalar( $rating ) ? (string) $rating : '' ); ?>" aria-describedby="shelf-product-rating-help">
						<p class="description" id="shelf-product-rating-help"><?php esc_html_e( '0 to 5 stars, shown as “Our rating”. Leave empty for none.', 'shelf' ); ?></p></td>
					</tr>
					<tr>
						<th scope="row"><?php esc_html_e( 'Prime', 'shelf' ); ?></th>
						<td><label><input type="checkbox" name="shelf_product[prime]" value="1"<?php checked( $prime ); ?>> <?php esc_html_e( 'Available with Prime (shown in Prime table rows)', 'shelf' ); ?></label></td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-button-text"><?php esc_html_e( 'Button text', 'shelf' ); ?></label></th>
						<td><input type="text" class="regular-text" id="shelf-product-button-text" name="shelf_product[buttonText]" maxlength="500" value="<?php echo Manual_Products::html( $text( 'buttonText' ) ); ?>" placeholder="<?php esc_attr_e( 'See price on Amazon', 'shelf' ); ?>"></td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-button-url"><?php esc_html_e( 'Button URL', 'shelf' ); ?></label></th>
						<td><input type="url" class="regular-text code" id="shelf-product-button-url" name="shelf_product[buttonUrl]" maxlength="500" value="<?php echo Manual_Products::html( $text( 'buttonUrl' ) ); ?>" aria-describedby="shelf-product-button-url-help">
						<p class="description" id="shelf-product-button-url-help"><?php esc_html_e( 'Leave empty to link to the product on Amazon with your tracking ID. Another shop’s URL works too.', 'shelf' ); ?></p></td>
					</tr>
					<tr>
						<th scope="row"><?php esc_html_e( 'When API data exists', 'shelf' ); ?></th>
						<td><fieldset><legend class="screen-reader-text"><?php esc_html_e( 'When API data exists', 'shelf' ); ?></legend>
							<?php
							$choices = array(
								'api'    => __( 'Show the API data (this manual data stands in while there is none)', 'shelf' ),
								'manual' => __( 'Always show this manual data', 'shelf' ),
								'mixed'  => __( 'Show this title and these bullets with the API’s price and image', 'shelf' ),
							);
							foreach ( $choices as $value => $label ) {
								printf( '<label><input type="radio" name="shelf_product[source]" value="%s"%s> %s</label><br>', esc_attr( $value ), checked( $source, $value, false ), esc_html( $label ) );
							}
							?>
						</fieldset></td>
					</tr>
					<tr>
						<th scope="row"><label for="shelf-product-notes"><?php esc_html_e( 'Notes', 'shelf' ); ?></label></th>
						<td><textarea class="large-text" rows="3" id="shelf-product-notes" name="shelf_product[notes]" aria-describedby="shelf-product-notes-help"><?php echo esc_textarea( $text( 'notes' ) ); ?></textarea>
						<p class="description" id="shelf-product-notes-help"><?php esc_html_e( 'For you only; never shown to visitors.', 'shelf' ); ?></p></td>
					</tr>
				</table>
				<?php submit_button( $id ? __( 'Update product', 'shelf' ) : __( 'Add product', 'shelf' ) ); ?>
			</form>
			<?php
			$revisions = $id ? wp_get_post_revisions( $id, array( 'fields' => 'ids' ) ) : array();
			if ( count( $revisions ) > 1 ) {
				printf( '<p><a href="%s">%s</a></p>', esc_url( admin_url( 'revision.php?revision=' . (int) reset( $revisions ) ) ), esc_html__( 'Earlier versions (compare and restore)', 'shelf' ) );
			}
			?>
		</div>
		<?php
	}
}
