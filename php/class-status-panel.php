<?php
/**
 * The Creators API status on Settings → Shelf, and the admin notice when requests are paused.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Shows the last success, the last error, requests today and the circuit state per region, with
 * "Test connection" and "Refresh now" buttons (js/status-panel.js calls the admin REST routes),
 * and reports the same in Site Health. Loading the screen never calls Amazon.
 *
 * @since 0.1.0
 */
final class Status_Panel {

	/**
	 * Constructor.
	 *
	 * @param Rate_Budget $budget Rate budget.
	 */
	public function __construct( private Rate_Budget $budget ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_init', array( $this, 'add_section' ) );
		add_action( 'admin_notices', array( $this, 'notice' ) );
		add_filter( 'site_status_tests', array( $this, 'add_health_test' ) );
	}

	/**
	 * Hooked to `site_status_tests`: Shelf's product data in Tools → Site Health.
	 *
	 * @param array<string, array<string, mixed>> $tests Tests.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_health_test( array $tests ): array {
		$tests['direct']['shelf_product_data'] = array(
			'label' => __( 'Shelf product data', 'shelf' ),
			'test'  => array( $this, 'health_result' ),
		);
		return $tests;
	}

	/**
	 * The Site Health result: "recommended" while requests are paused or the last request failed.
	 *
	 * @return array{label: string, status: string, badge: array{label: string, color: string}, description: string, actions: string, test: string}
	 */
	public function health_result(): array {
		$data   = self::data( $this->budget );
		$paused = array_values( array_filter( $data['regions'], static fn( array $r ): bool => null !== $r['paused'] ) );
		$error  = $data['last_error'];
		if ( array() !== $paused ) {
			$status = 'recommended';
			$label  = __( 'Shelf has paused Creators API requests', 'shelf' );
			$text   = $paused[0]['paused']['message'];
		} elseif ( null !== $error && $error['time'] > $data['last_success'] ) {
			$status = 'recommended';
			$label  = __( 'Shelf’s last Creators API request failed', 'shelf' );
			$text   = $error['message'];
		} else {
			$status = 'good';
			$label  = __( 'Shelf’s product data is up to date', 'shelf' );
			$text   = __( 'Pages show stored Amazon data or plain tagged links; the background refresh has no pending problem.', 'shelf' );
		}
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'Shelf', 'shelf' ),
				'color' => 'blue',
			),
			'description' => sprintf( '<p>%s</p>', esc_html( $text ) ),
			'actions'     => sprintf( '<p><a href="%s">%s</a></p>', esc_url( admin_url( 'options-general.php?page=' . Settings_Page::SLUG ) ), esc_html__( 'Open Settings → Shelf', 'shelf' ) ),
			'test'        => 'shelf_product_data',
		);
	}

	/**
	 * Hooked to `admin_init`.
	 */
	public function add_section(): void {
		add_settings_section( 'shelf_status', __( 'Product data status', 'shelf' ), array( $this, 'render' ), Settings_Page::SLUG );
	}

	/**
	 * Everything the panel shows; never a credential value.
	 *
	 * @param Rate_Budget $budget Rate budget.
	 * @return array<string, mixed>
	 */
	public static function data( Rate_Budget $budget ): array {
		$regions = array();
		foreach ( Credentials::REGIONS as $region ) {
			$market = '';
			foreach ( Marketplaces::all() as $host => $m ) {
				if ( $m['region'] === $region ) {
					$market = $host;
					break;
				}
			}
			$credential = '' === $market ? null : Credentials::for_market( $market );
			$blocked    = null === $credential ? null : $budget->blocked( $credential['key'] );
			$data       = null === $blocked ? array() : (array) $blocked->get_error_data();
			$regions[]  = array(
				'region'         => $region,
				'configured'     => null !== $credential,
				'requests_today' => null === $credential ? 0 : $budget->requests_today( $credential['key'] ),
				'paused'         => null === $blocked ? null : array(
					'kind'    => 'shelf_circuit_open' === $blocked->get_error_code() ? 'circuit' : 'backoff',
					'until'   => (int) ceil( (float) ( $data['retry_at'] ?? 0 ) ),
					'message' => $blocked->get_error_message(),
				),
			);
		}
		$status = Creators_Client::status();
		return array(
			'regions'      => $regions,
			'last_success' => (int) $status['last_success'],
			'last_error'   => null === $status['last_error'] ? null : array(
				'time'    => (int) $status['last_error']['time'],
				'code'    => $status['last_error']['code'],
				'message' => $status['last_error']['message'],
				'market'  => $status['last_error']['market'],
			),
			'store'        => Store_Stats::get(),
			'next_run'     => (int) wp_next_scheduled( Refresh::HOOK ),
			'wp_cron_off'  => defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON,
			'daily_cap'    => Rate_Budget::daily_cap(),
			'rate'         => Rate_Budget::rate(),
		);
	}

	/**
	 * A Unix time in the site's date and time format, or "never".
	 *
	 * @param int $time Unix time.
	 */
	private static function when( int $time ): string {
		return $time > 0 ? wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time ) : __( 'never', 'shelf' );
	}

	/**
	 * Prints the panel.
	 */
	public function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$data = self::data( $this->budget );
		echo '<table class="widefat striped shelf-status" role="presentation"><tbody>';
		printf( '<tr><th scope="row">%s</th><td>%s</td></tr>', esc_html__( 'Last successful request', 'shelf' ), esc_html( self::when( $data['last_success'] ) ) );
		$error = $data['last_error'];
		printf(
			'<tr><th scope="row">%s</th><td>%s</td></tr>',
			esc_html__( 'Last error', 'shelf' ),
			esc_html( null === $error ? __( 'none', 'shelf' ) : sprintf( '%1$s — %2$s (%3$s, %4$s)', self::when( $error['time'] ), $error['message'], $error['code'], $error['market'] ) )
		);
		foreach ( $data['regions'] as $region ) {
			if ( ! $region['configured'] ) {
				$state = __( 'no credential', 'shelf' );
			} elseif ( null !== $region['paused'] ) {
				/* translators: 1: time, 2: reason. */
				$state = sprintf( __( 'paused until %1$s: %2$s', 'shelf' ), self::when( $region['paused']['until'] ), $region['paused']['message'] );
			} else {
				/* translators: 1: requests today, 2: daily cap. */
				$state = sprintf( __( 'active — %1$d of %2$d requests used today', 'shelf' ), $region['requests_today'], $data['daily_cap'] );
			}
			/* translators: %s: region code. */
			printf( '<tr><th scope="row">%s</th><td>%s</td></tr>', esc_html( sprintf( __( 'Region %s', 'shelf' ), $region['region'] ) ), esc_html( $state ) );
		}
		$store = $data['store'];
		printf(
			'<tr><th scope="row">%s</th><td>%s</td></tr>',
			esc_html__( 'Stored products', 'shelf' ),
			/* translators: 1: products, 2: with data, 3: waiting for a refresh, 4: lists. */
			esc_html( sprintf( __( '%1$d known, %2$d with data, %3$d due for a refresh, %4$d lists', 'shelf' ), $store['products'], $store['by_status']['ok'] ?? 0, $store['due'], $store['lists'] ) )
		);
		foreach ( $store['localised'] as $market => $kept ) {
			printf(
				'<tr><th scope="row">%s</th><td>%s</td></tr>',
				/* translators: %s: marketplace host. */
				esc_html( sprintf( __( 'Kept for visitors sent to %s', 'shelf' ), $market ) ),
				/* translators: %d: products. */
				esc_html( sprintf( _n( '%d product with data, the most used first, refreshed with what is left of the request budget', '%d products with data, the most used first, refreshed with what is left of the request budget', $kept, 'shelf' ), $kept ) )
			);
		}
		printf(
			'<tr><th scope="row">%s</th><td>%s</td></tr>',
			esc_html__( 'Next background refresh', 'shelf' ),
			esc_html( self::when( $data['next_run'] ) . ( $data['wp_cron_off'] ? ' — ' . __( 'WP-Cron is off (DISABLE_WP_CRON): make sure a system cron calls wp-cron.php.', 'shelf' ) : '' ) )
		);
		echo '</tbody></table>';

		$markets = array_keys( Settings::get()['tracking_ids'] );
		if ( array() === $markets ) {
			printf( '<p>%s</p>', esc_html__( 'Enter a tracking ID above to test the connection.', 'shelf' ) );
		} else {
			printf(
				'<p class="shelf-status-actions" data-rest="%1$s" data-nonce="%2$s" data-strings="%3$s"><label for="shelf-status-market">%4$s</label> <select id="shelf-status-market">',
				esc_url( rest_url( Rest::NAMESPACE . '/admin/' ) ),
				esc_attr( wp_create_nonce( 'wp_rest' ) ),
				esc_attr( (string) wp_json_encode( self::script_strings() ) ),
				esc_html__( 'Store', 'shelf' )
			);
			foreach ( $markets as $host ) {
				printf( '<option value="%1$s">%1$s</option>', esc_attr( $host ) );
			}
			printf(
				'</select> <button type="button" class="button" data-action="test-connection">%1$s</button> <button type="button" class="button" data-action="refresh">%2$s</button></p><p class="shelf-status-result" role="status" aria-live="polite"></p>',
				esc_html__( 'Test connection', 'shelf' ),
				esc_html__( 'Refresh now', 'shelf' )
			);
		}

		self::print_log(
			Settings_Log::entries(),
			__( 'Recent changes to tracking IDs and stores', 'shelf' ),
			'shelf-settings-log',
			/* translators: 1: setting, 2: old value, 3: new value. */
			static fn( array $entry ): string => sprintf( __( '%1$s: “%2$s” → “%3$s”', 'shelf' ), $entry['what'], $entry['from'], $entry['to'] )
		);
		self::print_log(
			Credentials::log_entries(),
			__( 'Recent credential changes', 'shelf' ),
			'shelf-credentials-log',
			static fn( array $entry ): string => $entry['region'] . ': ' . $entry['change']
		);
	}

	/**
	 * Prints an audit log's five newest entries, newest first: when, who, then what changed.
	 *
	 * @param list<array<string, mixed>> $entries  The log ({@see Audit_Log}).
	 * @param string                     $heading  Heading.
	 * @param string                     $css      The list's class.
	 * @param callable                   $describe What an entry changed, as text.
	 */
	private static function print_log( array $entries, string $heading, string $css, callable $describe ): void {
		if ( array() === $entries ) {
			return;
		}
		printf( '<h3>%s</h3><ul class="%s">', esc_html( $heading ), esc_attr( $css ) );
		foreach ( array_reverse( array_slice( $entries, -5 ) ) as $entry ) {
			$user = get_userdata( (int) $entry['user'] );
			printf( '<li>%s</li>', esc_html( sprintf( '%1$s — %2$s — %3$s', self::when( (int) $entry['time'] ), $user ? $user->user_login : '#' . (int) $entry['user'], $describe( $entry ) ) ) );
		}
		echo '</ul>';
	}

	/**
	 * The words js/status-panel.js shows, translated here: script modules have no script
	 * translations in WordPress 6.8. Placeholders are filled by the module.
	 *
	 * @return array{working: string, summary: string, stopped: string, more: string}
	 */
	private static function script_strings(): array {
		return array(
			'working' => __( '…', 'shelf' ),
			/* translators: 1: requests, 2: products updated, 3: products unavailable, 4: lists, 5: errors, 6: " — stopped: …" or nothing, 7: " — more follow in the background" or nothing. */
			'summary' => __( '%1$d request(s), %2$d product(s) updated, %3$d unavailable, %4$d list(s), %5$d error(s)%6$s%7$s.', 'shelf' ),
			/* translators: %s: the reason code, such as shelf_circuit_open. */
			'stopped' => __( ' — stopped: %s', 'shelf' ),
			'more'    => __( ' — more follow in the background', 'shelf' ),
		);
	}

	/**
	 * Hooked to `admin_notices`: paused requests, for people who can fix them.
	 */
	public function notice(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		foreach ( Rate_Budget::open_circuits() as $circuit ) {
			printf(
				'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s %3$s <a href="%4$s">%5$s</a></p></div>',
				esc_html__( 'Shelf:', 'shelf' ),
				esc_html( $circuit['message'] ),
				/* translators: %s: date and time. */
				esc_html( sprintf( __( 'Next attempt after %s.', 'shelf' ), self::when( (int) ceil( $circuit['until'] ) ) ) ),
				esc_url( admin_url( 'options-general.php?page=' . Settings_Page::SLUG ) ),
				esc_html__( 'Test the connection', 'shelf' )
			);
		}
	}
}
