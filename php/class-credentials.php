<?php
/**
 * Creators API credentials: per region, from wp-config.php constants or the settings screen.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The `shelf_credentials` option (never autoloaded) and its section on Settings → Shelf.
 *
 * A credential is an ID, a secret and a version ("2.2", "3.1", …) as Associates Central shows it.
 * Each value may come from a constant instead, which wins over the stored one:
 * `SHELF_CREATORS_CREDENTIAL_{ID,SECRET,VERSION}_{NA,EU,FE}` for one region, or the same names
 * without the suffix for every region. The secret and the ID are write-only: the screen says
 * "set", never prints them. The stored secret is sealed with a key derived from the site's salts
 * (this helps against a leaked database dump, not against a compromised site).
 *
 * @since 0.1.0
 */
final class Credentials {

	public const OPTION  = 'shelf_credentials';
	public const LOG     = 'shelf_credentials_log';
	public const REGIONS = array( 'NA', 'EU', 'FE' );
	public const FIELDS  = array( 'id', 'secret', 'version' );

	/**
	 * Token endpoints by version (amazon.md §3.2): major 2 is Cognito, major 3 Login with Amazon.
	 */
	public const TOKEN_URLS = array(
		'2.1' => 'https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token',
		'2.2' => 'https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token',
		'2.3' => 'https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token',
		'3.1' => 'https://api.amazon.com/auth/o2/token',
		'3.2' => 'https://api.amazon.co.uk/auth/o2/token',
		'3.3' => 'https://api.amazon.co.jp/auth/o2/token',
	);

	private const SEAL_PREFIX = 'shelf-sealed:v1:';

	/**
	 * The last value sanitize() returned: WordPress runs the sanitiser twice when an option is
	 * first added, and the second run must not seal twice or log twice.
	 *
	 * @var array<string, mixed>|null
	 */
	private static ?array $last_clean = null;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_setting' ) );
		add_action( 'admin_init', array( $this, 'add_section' ) );
	}

	/**
	 * Hooked to `init`: the option in the settings group `shelf`, sanitised, not in REST.
	 */
	public function register_setting(): void {
		register_setting(
			Settings::GROUP,
			self::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( $this, 'sanitize' ),
				'default'           => array(),
				'show_in_rest'      => false,
			)
		);
	}

	/**
	 * The credential used for a marketplace, complete and valid, or null.
	 *
	 * @param string $market Marketplace host.
	 * @return array{id: string, secret: string, version: string, region: string, token_url: string, key: string}|null
	 */
	public static function for_market( string $market ): ?array {
		$region = Marketplaces::all()[ $market ]['region'] ?? '';
		if ( ! in_array( $region, self::REGIONS, true ) ) {
			return null;
		}
		$values = self::values( $region );
		if ( '' === $values['id'] || '' === $values['secret'] ) {
			return null;
		}
		$url = self::token_url( $values['version'] );
		if ( null === $url ) {
			return null;
		}
		return array(
			'id'        => $values['id'],
			'secret'    => $values['secret'],
			'version'   => $values['version'],
			'region'    => $region,
			'token_url' => $url,
			// Names the token cache and the rate budget: changes when any part changes.
			'key'       => substr( hash_hmac( 'sha256', implode( "\n", array( $values['id'], $values['secret'], $values['version'], $url ) ), wp_salt( 'auth' ) ), 0, 20 ),
		);
	}

	/**
	 * The effective id, secret and version of a region ('' when missing).
	 *
	 * @param string $region NA, EU or FE.
	 * @return array{id: string, secret: string, version: string}
	 */
	private static function values( string $region ): array {
		$stored = self::stored()[ $region ] ?? array();
		$out    = array();
		foreach ( self::FIELDS as $field ) {
			$constant = self::constant( $field, $region );
			if ( null !== $constant ) {
				$out[ $field ] = trim( (string) constant( $constant ) );
				continue;
			}
			$value = is_string( $stored[ $field ] ?? null ) ? $stored[ $field ] : '';
			if ( 'secret' === $field && '' !== $value ) {
				$value = (string) self::open( $value );
			}
			$out[ $field ] = $value;
		}
		return $out;
	}

	/**
	 * The constant that provides a field for a region, if one is defined.
	 *
	 * @param string $field  id, secret or version.
	 * @param string $region NA, EU or FE.
	 */
	public static function constant( string $field, string $region ): ?string {
		$base = 'SHELF_CREATORS_CREDENTIAL_' . strtoupper( $field );
		foreach ( array( $base . '_' . $region, $base ) as $name ) {
			if ( defined( $name ) && is_scalar( constant( $name ) ) && '' !== trim( (string) constant( $name ) ) ) {
				return $name;
			}
		}
		return null;
	}

	/**
	 * The token endpoint for a version, pointed at SHELF_CREATORS_AUTH_BASE when defined (tests
	 * and the demo use the local mock). An unknown minor of a known major needs the endpoint in
	 * SHELF_CREATORS_TOKEN_URL; anything else is rejected.
	 *
	 * @param string $version Version such as "3.1".
	 */
	public static function token_url( string $version ): ?string {
		if ( 1 !== preg_match( '/^([23])\.([0-9]{1,2})$/D', $version ) ) {
			return null;
		}
		$url = self::TOKEN_URLS[ $version ] ?? ( defined( 'SHELF_CREATORS_TOKEN_URL' ) ? (string) SHELF_CREATORS_TOKEN_URL : null );
		if ( null === $url || ! str_starts_with( $url, 'https://' ) ) {
			return null;
		}
		if ( defined( 'SHELF_CREATORS_AUTH_BASE' ) ) {
			$path = (string) wp_parse_url( $url, PHP_URL_PATH );
			return untrailingslashit( (string) SHELF_CREATORS_AUTH_BASE ) . $path;
		}
		return $url;
	}

	/**
	 * Major version 2 (Cognito) or 3 (Login with Amazon).
	 *
	 * @param string $version Version.
	 */
	public static function major( string $version ): int {
		return (int) strtok( $version, '.' );
	}

	/**
	 * The stored option.
	 *
	 * @return array<string, array<string, string>>
	 */
	private static function stored(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? $stored : array();
	}

	/**
	 * Whether no region has a usable credential: the site runs without the Creators API.
	 */
	public static function none(): bool {
		foreach ( self::REGIONS as $region ) {
			if ( self::describe( $region )['usable'] ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What the settings screen may show about a region: never a value, only where it comes
	 * from and whether it is set.
	 *
	 * @param string $region NA, EU or FE.
	 * @return array{id: string, secret: string, version: string, version_value: string, usable: bool}
	 *         Each of id/secret/version is 'constant', 'stored', 'unreadable' or 'missing'.
	 */
	public static function describe( string $region ): array {
		$stored = self::stored()[ $region ] ?? array();
		$out    = array();
		foreach ( self::FIELDS as $field ) {
			if ( null !== self::constant( $field, $region ) ) {
				$out[ $field ] = 'constant';
			} elseif ( is_string( $stored[ $field ] ?? null ) && '' !== $stored[ $field ] ) {
				$out[ $field ] = 'secret' === $field && null === self::open( $stored['secret'] ) ? 'unreadable' : 'stored';
			} else {
				$out[ $field ] = 'missing';
			}
		}
		$values               = self::values( $region );
		$out['version_value'] = $values['version'];
		$out['usable']        = '' !== $values['id'] && '' !== $values['secret'] && null !== self::token_url( $values['version'] );
		return $out;
	}

	/**
	 * Sanitize callback. Empty ID or secret fields keep the stored value (the form never shows
	 * them); "remove" clears the region. Every change is logged without the values.
	 *
	 * @param mixed $input Submitted value.
	 * @return array<string, array<string, string>>
	 */
	public function sanitize( $input ): array {
		if ( null !== self::$last_clean && $input === self::$last_clean ) {
			return self::$last_clean;
		}
		$previous = self::stored();
		if ( ! is_array( $input ) ) {
			return $previous;
		}
		$clean   = array();
		$changes = array();
		foreach ( self::REGIONS as $region ) {
			$old = $previous[ $region ] ?? array();
			$new = is_array( $input[ $region ] ?? null ) ? $input[ $region ] : array();
			$row = array(
				'id'      => is_string( $old['id'] ?? null ) ? $old['id'] : '',
				'secret'  => is_string( $old['secret'] ?? null ) ? $old['secret'] : '',
				'version' => is_string( $old['version'] ?? null ) ? $old['version'] : '',
			);
			if ( ! empty( $new['remove'] ) ) {
				if ( '' !== $row['id'] || '' !== $row['secret'] ) {
					$changes[] = array( $region, 'removed' );
				}
				$row = array(
					'id'      => '',
					'secret'  => '',
					'version' => '',
				);
			} else {
				$id = is_string( $new['id'] ?? null ) ? trim( $new['id'] ) : '';
				if ( '' !== $id && $id !== $row['id'] ) {
					$row['id'] = mb_substr( sanitize_text_field( $id ), 0, 256 );
					$changes[] = array( $region, 'id' );
				}
				$secret = is_string( $new['secret'] ?? null ) ? trim( $new['secret'] ) : '';
				if ( '' !== $secret ) {
					if ( str_starts_with( $secret, self::SEAL_PREFIX ) && null !== self::open( $secret ) ) {
						$row['secret'] = $secret;
					} else {
						$row['secret'] = self::seal( mb_substr( $secret, 0, 512 ) );
						$changes[]     = array( $region, 'secret' );
					}
				}
				$version = is_string( $new['version'] ?? null ) ? trim( $new['version'] ) : $row['version'];
				if ( '' === $version || null !== self::token_url( $version ) || isset( self::TOKEN_URLS[ $version ] ) ) {
					if ( $version !== $row['version'] ) {
						$changes[] = array( $region, 'version ' . ( '' === $row['version'] ? '—' : $row['version'] ) . ' → ' . ( '' === $version ? '—' : $version ) );
					}
					$row['version'] = $version;
				} else {
					self::report(
						'shelf-version-' . $region,
						/* translators: %s: region code such as EU. */
						sprintf( __( 'Unknown Creators API version for region %s: use the version shown in Associates Central (2.1–2.3 or 3.1–3.3). The previous value was kept.', 'shelf' ), $region )
					);
				}
			}
			if ( '' !== $row['id'] || '' !== $row['secret'] || '' !== $row['version'] ) {
				$clean[ $region ] = $row;
			}
		}
		if ( array() !== $changes ) {
			self::log( $changes );
		}
		self::$last_clean = $clean;
		return $clean;
	}

	/**
	 * Appends credential changes to the audit log (who, when, which region and field; never a value).
	 *
	 * @param list<array{0: string, 1: string}> $changes Region and change.
	 */
	private static function log( array $changes ): void {
		Audit_Log::append( self::LOG, array_map( static fn( array $c ): array => array( 'region' => $c[0], 'change' => $c[1] ), $changes ) );
	}

	/**
	 * The audit log, newest last.
	 *
	 * @return list<array{time: int, user: int, region: string, change: string}>
	 */
	public static function log_entries(): array {
		return Audit_Log::entries( self::LOG );
	}

	/**
	 * Reports a rejected value the WordPress way (the settings-error API may not be loaded).
	 *
	 * @param string $code    Error code.
	 * @param string $message Translated message.
	 */
	private static function report( string $code, string $message ): void {
		if ( ! function_exists( 'add_settings_error' ) ) {
			require_once ABSPATH . 'wp-admin/includes/template.php';
		}
		add_settings_error( self::OPTION, $code, $message );
	}

	/**
	 * The sealing key, derived from the site's salts.
	 */
	private static function seal_key(): string {
		return sodium_crypto_generichash( 'shelf-credentials|' . wp_salt( 'auth' ), '', SODIUM_CRYPTO_SECRETBOX_KEYBYTES );
	}

	/**
	 * Encrypts a value for storage.
	 *
	 * @param string $plain Value.
	 */
	public static function seal( string $plain ): string {
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		return self::SEAL_PREFIX . base64_encode( $nonce . sodium_crypto_secretbox( $plain, $nonce, self::seal_key() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary ciphertext in a text column.
	}

	/**
	 * Decrypts a stored value; null when it cannot be read (e.g. the salts changed).
	 *
	 * @param string $sealed Stored value.
	 */
	public static function open( string $sealed ): ?string {
		if ( ! str_starts_with( $sealed, self::SEAL_PREFIX ) ) {
			return null;
		}
		$raw = base64_decode( substr( $sealed, strlen( self::SEAL_PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- see seal().
		if ( false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ) {
			return null;
		}
		try {
			$plain = sodium_crypto_secretbox_open( substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), self::seal_key() );
		} catch ( \SodiumException $e ) {
			return null;
		}
		return false === $plain ? null : $plain;
	}

	/**
	 * Hooked to `admin_init`: the credentials section on Settings → Shelf.
	 */
	public function add_section(): void {
		add_settings_section(
			'shelf_credentials',
			__( 'Amazon Creators API', 'shelf' ),
			array( $this, 'render_section' ),
			Settings_Page::SLUG
		);
	}

	/**
	 * Prints the section: one row per region. Inputs are always empty; the state says "set".
	 */
	public function render_section(): void {
		$name = self::OPTION;
		printf(
			'<p>%s</p>',
			esc_html__( 'Product data comes from Amazon’s Creators API. Create a credential in Associates Central (Tools → Creators API) for each region you sell in and enter it here, or define it in wp-config.php. Stored values are never shown again; leave a field empty to keep it.', 'shelf' )
		);
		echo '<table class="form-table shelf-credentials" role="presentation">';
		foreach ( self::REGIONS as $region ) {
			$state   = self::describe( $region );
			$markets = array();
			foreach ( Marketplaces::all() as $market ) {
				if ( $market['region'] === $region ) {
					$markets[] = $market['country'];
				}
			}
			printf( '<tr><th scope="row">%s</th><td>', esc_html( sprintf( '%1$s (%2$s)', $region, implode( ', ', $markets ) ) ) );
			foreach ( array( 'id', 'secret' ) as $field ) {
				$input_id = 'shelf-credential-' . strtolower( $region ) . '-' . $field;
				$label    = 'id' === $field ? __( 'Credential ID', 'shelf' ) : __( 'Credential secret', 'shelf' );
				printf( '<p><label for="%1$s">%2$s</label><br>', esc_attr( $input_id ), esc_html( $label ) );
				if ( 'constant' === $state[ $field ] ) {
					printf( '<input type="text" class="regular-text" id="%1$s" value="" disabled placeholder="%2$s"></p>', esc_attr( $input_id ), esc_attr__( 'set in wp-config.php', 'shelf' ) );
					continue;
				}
				$placeholder = match ( $state[ $field ] ) {
					'stored'     => __( 'set — type a new value to replace it', 'shelf' ),
					'unreadable' => __( 'set, but unreadable (the site’s salts changed): enter it again', 'shelf' ),
					default      => __( 'not set', 'shelf' ),
				};
				printf(
					'<input type="%1$s" class="regular-text" id="%2$s" name="%3$s" value="" placeholder="%4$s" autocomplete="off" spellcheck="false"></p>',
					'secret' === $field ? 'password' : 'text',
					esc_attr( $input_id ),
					esc_attr( $name . '[' . $region . '][' . $field . ']' ),
					esc_attr( $placeholder )
				);
			}
			$version_id = 'shelf-credential-' . strtolower( $region ) . '-version';
			printf( '<p><label for="%1$s">%2$s</label><br>', esc_attr( $version_id ), esc_html__( 'Version', 'shelf' ) );
			if ( 'constant' === $state['version'] ) {
				printf( '<input type="text" id="%1$s" value="%2$s" disabled> <span class="description">%3$s</span></p>', esc_attr( $version_id ), esc_attr( $state['version_value'] ), esc_html__( 'set in wp-config.php', 'shelf' ) );
			} else {
				printf( '<select id="%1$s" name="%2$s">', esc_attr( $version_id ), esc_attr( $name . '[' . $region . '][version]' ) );
				printf( '<option value="">%s</option>', esc_html__( '— choose —', 'shelf' ) );
				foreach ( array_keys( self::TOKEN_URLS ) as $version ) {
					printf( '<option value="%1$s" %2$s>%1$s</option>', esc_attr( $version ), selected( $state['version_value'], $version, false ) );
				}
				echo '</select></p>';
			}
			if ( 'stored' === $state['id'] || 'stored' === $state['secret'] || 'unreadable' === $state['secret'] ) {
				printf(
					'<p><label><input type="checkbox" name="%1$s" value="1"> %2$s</label></p>',
					esc_attr( $name . '[' . $region . '][remove]' ),
					esc_html__( 'Remove the stored credential', 'shelf' )
				);
			}
			printf(
				'<p class="description">%s</p></td></tr>',
				esc_html( $state['usable'] ? __( 'Ready.', 'shelf' ) : __( 'Incomplete: Shelf shows plain tagged links for this region until ID, secret and version are set.', 'shelf' ) )
			);
		}
		echo '</table>';
	}
}
