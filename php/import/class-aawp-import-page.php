<?php
/**
 * Tools → Import → AAWP: the importer's screen.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A WordPress importer (`admin.php?import=shelf-aawp`, listed under Tools → Import). The screen
 * first shows the dry run, {@see Aawp_Importer::plan()}: what would be imported, what is
 * already, and what Shelf cannot express. Its Import button posts back with a nonce; the
 * import runs before any output (on `load-importer-shelf-aawp`), keeps its report for the
 * user for a few minutes and redirects to it, so reloading the result never imports again.
 * WordPress lets only users with `import` reach an importer; the screen and the import also
 * need `manage_options`, as they change Shelf's settings.
 *
 * @since 0.3.0
 */
final class Aawp_Import_Page {

	public const ID         = 'shelf-aawp';
	public const CAPABILITY = 'manage_options';
	public const NONCE      = 'shelf-aawp-import';

	/** The user's last report, for the screen after the redirect. */
	private const RESULT = 'shelf_aawp_result_';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_init', array( $this, 'add_importer' ) );
		add_action( 'load-importer-' . self::ID, array( $this, 'handle' ) );
	}

	/**
	 * The screen's URL, unescaped.
	 *
	 * @param array<string, string> $args Extra query arguments.
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( $args, admin_url( 'admin.php?import=' . self::ID ) );
	}

	/**
	 * Hooked to `admin_init`: the entry in Tools → Import.
	 */
	public function add_importer(): void {
		if ( function_exists( 'register_importer' ) ) {
			register_importer( self::ID, __( 'AAWP (Amazon Affiliate for WordPress)', 'shelf' ), __( 'Move comparison tables, settings and tracked products from AAWP to Shelf. AAWP’s data is left as it is.', 'shelf' ), array( $this, 'render' ) );
		}
	}

	/**
	 * Hooked to `load-importer-shelf-aawp`, before output: runs a posted import.
	 */
	public function handle(): void {
		if ( 'POST' !== ( $_SERVER['REQUEST_METHOD'] ?? '' ) ) {
			return;
		}
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to import into Shelf.', 'shelf' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::NONCE );
		set_transient( self::RESULT . get_current_user_id(), Aawp_Importer::apply(), 10 * MINUTE_IN_SECONDS );
		wp_safe_redirect( self::url( array( 'done' => '1' ) ) );
		exit;
	}

	/**
	 * The importer's callback: the dry run, or the report of the import just run.
	 */
	public function render(): void {
		echo '<div class="wrap shelf-aawp-import">';
		echo '<h1>' . esc_html__( 'Move from AAWP', 'shelf' ) . '</h1>';
		if ( ! current_user_can( self::CAPABILITY ) ) {
			echo '<div class="notice notice-error inline"><p>' . esc_html__( 'Only administrators may import into Shelf.', 'shelf' ) . '</p></div></div>';
			return;
		}
		$key    = self::RESULT . get_current_user_id();
		$result = isset( $_GET['done'] ) ? get_transient( $key ) : false; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only chooses which report to show.
		if ( is_array( $result ) ) {
			delete_transient( $key );
			echo '<div class="notice notice-success inline"><p>' . esc_html__( 'The import is done. AAWP’s data was left as it is; running the import again changes nothing.', 'shelf' ) . '</p></div>';
			$this->report( $result, true );
		} else {
			$plan = Aawp_Importer::plan();
			if ( ! $plan['found'] ) {
				echo '<div class="notice notice-info inline"><p>' . esc_html__( 'No AAWP data was found on this site: no AAWP tables, settings or products.', 'shelf' ) . '</p></div></div>';
				return;
			}
			echo '<p>' . esc_html__( 'This is a dry run: nothing has been imported yet. Check what would happen below, then import. AAWP’s tables, settings and products are only read, never changed or deleted, and Amazon is not contacted: Shelf fetches product data later, on its own schedule.', 'shelf' ) . '</p>';
			$this->report( $plan, false );
			echo '<form method="post" action="' . esc_url( self::url() ) . '">';
			wp_nonce_field( self::NONCE );
			submit_button( __( 'Import', 'shelf' ), 'primary', 'shelf-aawp-import' );
			echo '</form>';
		}
		echo '</div>';
	}

	/**
	 * Prints a plan or its outcome.
	 *
	 * @param array<string, mixed> $plan    {@see Aawp_Importer::plan()} or `apply()`.
	 * @param bool                 $applied Whether it was carried out.
	 */
	private function report( array $plan, bool $applied ): void {
		$this->tables( $plan['tables'], $applied );
		$this->settings( $plan['settings'], $applied );
		$this->products( $plan['products'], $applied );
	}

	/**
	 * The tables section.
	 *
	 * @param list<array<string, mixed>> $tables  Table entries.
	 * @param bool                       $applied Whether the import ran.
	 */
	private function tables( array $tables, bool $applied ): void {
		echo '<h2>' . esc_html__( 'Comparison tables', 'shelf' ) . '</h2>';
		if ( array() === $tables ) {
			echo '<p>' . esc_html__( 'AAWP has no comparison tables.', 'shelf' ) . '</p>';
			return;
		}
		$shortcode = Settings::get()['shortcode'];
		/* translators: %s: shortcode example. */
		echo '<p>' . esc_html( sprintf( __( 'AAWP’s own posts keep their IDs, so each imported table gets a new Shelf ID. Shortcodes written for AAWP, such as %s, show the Shelf table imported from that AAWP table.', 'shelf' ), '[' . $shortcode . ' table="ID"]' ) ) . '</p>';
		echo '<table class="widefat striped shelf-aawp-tables"><thead><tr>';
		foreach ( array( __( 'AAWP table', 'shelf' ), __( 'Result', 'shelf' ), __( 'What Shelf cannot express', 'shelf' ) ) as $head ) {
			echo '<th scope="col">' . esc_html( $head ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $tables as $entry ) {
			$title = '' !== trim( $entry['title'] ) ? $entry['title'] : __( '(no title)', 'shelf' );
			echo '<tr data-aawp-table="' . esc_attr( (string) $entry['aawp'] ) . '">';
			/* translators: 1: table title, 2: AAWP table ID. */
			echo '<td>' . esc_html( sprintf( __( '%1$s (ID %2$d)', 'shelf' ), $title, $entry['aawp'] ) ) . '</td>';
			echo '<td class="shelf-aawp-state">' . esc_html( self::table_state( $entry, $applied, $shortcode ) ) . '</td>';
			echo '<td>';
			self::notes( 'done' === $entry['state'] ? array() : $entry['notes'] );
			echo '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * One table's result in words.
	 *
	 * @param array<string, mixed> $entry     Table entry.
	 * @param bool                 $applied   Whether the import ran.
	 * @param string               $shortcode Shortcode name.
	 */
	private static function table_state( array $entry, bool $applied, string $shortcode ): string {
		if ( 'skip' === $entry['state'] ) {
			/* translators: %s: reason. */
			return sprintf( __( 'Not imported: %s', 'shelf' ), $entry['reason'] );
		}
		$code = sprintf( '[%s table="%d"]', $shortcode, $entry['aawp'] );
		if ( 'done' === $entry['state'] && 'trash' === get_post_status( $entry['shelf'] ) ) {
			/* translators: %d: Shelf table ID. */
			return sprintf( __( 'Already imported as Shelf table %d, which is in the Trash: restore it to show it again. Nothing changes.', 'shelf' ), $entry['shelf'] );
		}
		if ( 'done' === $entry['state'] ) {
			/* translators: 1: Shelf table ID, 2: shortcode. */
			return sprintf( __( 'Already imported as Shelf table %1$d; %2$s shows it. Nothing changes.', 'shelf' ), $entry['shelf'], $code );
		}
		return $applied
			/* translators: 1: Shelf table ID, 2: shortcode. */
			? sprintf( __( 'Imported as Shelf table %1$d; %2$s shows it.', 'shelf' ), $entry['shelf'], $code )
			/* translators: %s: shortcode. */
			: sprintf( __( 'Will be imported as a new Shelf table; %s will show it.', 'shelf' ), $code );
	}

	/**
	 * The settings section.
	 *
	 * @param array<string, mixed> $settings Settings entry.
	 * @param bool                 $applied  Whether the import ran.
	 */
	private function settings( array $settings, bool $applied ): void {
		echo '<h2>' . esc_html__( 'Settings', 'shelf' ) . '</h2>';
		if ( 'done' === $settings['state'] ) {
			$when = (int) get_option( Aawp_Importer::DONE );
			/* translators: %s: date and time. */
			echo '<p class="shelf-aawp-settings-state">' . esc_html( sprintf( __( 'Already imported on %s; the import will not change Shelf’s settings again.', 'shelf' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $when ) ) ) . '</p>';
			return;
		}
		if ( array() === $settings['changes'] ) {
			echo '<p class="shelf-aawp-settings-state">' . esc_html__( 'Shelf’s settings already match AAWP’s; nothing changes.', 'shelf' ) . '</p>';
		} else {
			echo '<p class="shelf-aawp-settings-state">' . esc_html( $applied ? __( 'These Shelf settings were changed:', 'shelf' ) : __( 'These Shelf settings will change:', 'shelf' ) ) . '</p>';
			echo '<table class="widefat striped shelf-aawp-settings"><thead><tr>';
			foreach ( array( __( 'Shelf setting', 'shelf' ), __( 'Before', 'shelf' ), __( 'After', 'shelf' ) ) as $head ) {
				echo '<th scope="col">' . esc_html( $head ) . '</th>';
			}
			echo '</tr></thead><tbody>';
			foreach ( $settings['changes'] as $row ) {
				echo '<tr><td>' . esc_html( $row[0] ) . '</td><td>' . esc_html( '' === $row[1] ? '—' : $row[1] ) . '</td><td>' . esc_html( '' === $row[2] ? '—' : $row[2] ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}
		if ( $settings['notes'] ) {
			echo '<h3>' . esc_html__( 'AAWP settings Shelf cannot express', 'shelf' ) . '</h3>';
			self::notes( $settings['notes'] );
		}
	}

	/**
	 * The products section.
	 *
	 * @param array<string, mixed> $products Products entry.
	 * @param bool                 $applied  Whether the import ran.
	 */
	private function products( array $products, bool $applied ): void {
		echo '<h2>' . esc_html__( 'Products AAWP tracks', 'shelf' ) . '</h2>';
		$count = count( $products['asins'] );
		if ( $count > 0 ) {
			$text = $applied
				/* translators: 1: number of products, 2: store host, 3: number of products new to Shelf. */
				? _n( '%1$d product of %2$s; %3$d of them were new to Shelf, which will fetch their data on its own schedule.', '%1$d products of %2$s; %3$d of them were new to Shelf, which will fetch their data on its own schedule.', $count, 'shelf' )
				/* translators: 1: number of products, 2: store host, 3: number of products new to Shelf. */
				: _n( '%1$d product of %2$s; %3$d of them are new to Shelf and will be fetched by Shelf later, not during the import.', '%1$d products of %2$s; %3$d of them are new to Shelf and will be fetched by Shelf later, not during the import.', $count, 'shelf' );
			echo '<p class="shelf-aawp-products">' . esc_html( sprintf( $text, $count, $products['market'], $products['new'] ) ) . '</p>';
			echo '<p>' . esc_html__( 'Products that no post or table places are dropped again by Shelf’s daily clean-up.', 'shelf' ) . '</p>';
		} elseif ( ! $products['notes'] ) {
			echo '<p class="shelf-aawp-products">' . esc_html__( 'AAWP tracks no products.', 'shelf' ) . '</p>';
		}
		self::notes( $products['notes'] );
	}

	/**
	 * A list of notes.
	 *
	 * @param list<string> $notes Plain-words notes.
	 */
	private static function notes( array $notes ): void {
		if ( array() === $notes ) {
			return;
		}
		echo '<ul class="ul-disc">';
		foreach ( $notes as $note ) {
			echo '<li>' . esc_html( $note ) . '</li>';
		}
		echo '</ul>';
	}
}
