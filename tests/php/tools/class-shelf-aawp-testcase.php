<?php
/**
 * Base class of the AAWP importer tests: the AAWP fixture installed for each test and removed
 * after it, with what the import made (Shelf tables, the marker, queued products).
 */

require_once SHELF_REPO . '/tests/fixtures/aawp/aawp-fixture.php';

/**
 * Common set-up for the importer tests.
 */
abstract class Shelf_Aawp_TestCase extends Shelf_TestCase {

	/**
	 * AAWP table IDs by fixture key.
	 *
	 * @var array<string, int>
	 */
	protected array $aawp = array();

	/** When the test began: store rows known since are the test's. */
	private int $started = 0;

	/** Whether the content scan was scheduled before the test (an import schedules it). */
	private bool $scanning = false;

	protected function setUp(): void {
		parent::setUp();
		$this->started  = time();
		$this->scanning = false !== wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK );
		$this->aawp    = shelf_aawp_fixture_install();
		// Shelf as a fresh install has it: the import's changes are then all visible.
		$this->set_settings( array() );
	}

	protected function tearDown(): void {
		global $wpdb;
		shelf_aawp_fixture_remove();
		if ( ! $this->scanning ) {
			wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
		}
		$in = implode( ',', array_fill( 0, count( SHELF_AAWP_FIXTURE_ASINS ), '%s' ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . \Shelf\Store_Schema::products_table() . " WHERE known_at >= %d AND asin IN ({$in})", $this->started, ...SHELF_AAWP_FIXTURE_ASINS ) ); // phpcs:ignore WordPress.DB
		\Shelf\Store::flush_memo();
		parent::tearDown();
	}

	/**
	 * Everything the import may touch, read afresh from the database: AAWP's posts, meta,
	 * options and tables, Shelf's tables (with their data), settings, marker and known products.
	 *
	 * @return array<string, mixed>
	 */
	protected static function snapshot(): array {
		global $wpdb;
		wp_cache_flush();
		$posts = $wpdb->get_results( "SELECT ID, post_type, post_title, post_status, post_modified_gmt FROM {$wpdb->posts} WHERE post_type IN ( 'aawp_table', 'shelf_table', 'revision' ) ORDER BY ID", ARRAY_A ); // phpcs:ignore WordPress.DB
		$meta  = $wpdb->get_results( "SELECT m.post_id, m.meta_key, m.meta_value FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE p.post_type IN ( 'aawp_table', 'shelf_table', 'revision' ) ORDER BY m.meta_id", ARRAY_A ); // phpcs:ignore WordPress.DB
		$options = $wpdb->get_results( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name LIKE 'aawp\\_%' OR option_name IN ( 'shelf_settings', 'shelf_aawp_import' ) ORDER BY option_name", ARRAY_A ); // phpcs:ignore WordPress.DB
		return array(
			'posts'    => $posts,
			'meta'     => $meta,
			'options'  => $options,
			'aawp'     => $wpdb->get_results( "SELECT * FROM {$wpdb->prefix}aawp_products ORDER BY id", ARRAY_A ), // phpcs:ignore WordPress.DB
			'lists'    => $wpdb->get_results( "SELECT * FROM {$wpdb->prefix}aawp_lists ORDER BY id", ARRAY_A ), // phpcs:ignore WordPress.DB
			'products' => $wpdb->get_results( 'SELECT marketplace, asin, localised FROM ' . \Shelf\Store_Schema::products_table() . ' ORDER BY marketplace, asin', ARRAY_A ), // phpcs:ignore WordPress.DB
		);
	}

	/**
	 * AAWP's part of a snapshot (what the importer must never change).
	 *
	 * @param array<string, mixed> $snapshot {@see snapshot()}.
	 * @return array<string, mixed>
	 */
	protected static function aawp_part( array $snapshot ): array {
		$aawp_ids = array_column( array_filter( $snapshot['posts'], static fn( array $p ): bool => 'aawp_table' === $p['post_type'] ), 'ID' );
		return array(
			'posts'   => array_values( array_filter( $snapshot['posts'], static fn( array $p ): bool => 'aawp_table' === $p['post_type'] ) ),
			'meta'    => array_values( array_filter( $snapshot['meta'], static fn( array $m ): bool => in_array( $m['post_id'], $aawp_ids, true ) ) ),
			'options' => array_values( array_filter( $snapshot['options'], static fn( array $o ): bool => str_starts_with( $o['option_name'], 'aawp_' ) ) ),
			'aawp'    => $snapshot['aawp'],
			'lists'   => $snapshot['lists'],
		);
	}
}
