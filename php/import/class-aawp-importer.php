<?php
/**
 * The move from AAWP: a plan (the dry run) and its application.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Plans what an import would do, and does it. {@see plan()} only reads; {@see apply()} writes
 * Shelf's data alone (tables, settings, the store's known products) and never AAWP's. Running
 * it again changes nothing: a table already imported is found by its source ID
 * ({@see Aawp_Table_Ids}), the settings are applied once (the option {@see DONE} records
 * when), and known products stay as they are. Product data is never fetched here: newly known
 * products wait for Shelf's own refresh, in a cron request.
 *
 * @since 0.3.0
 */
final class Aawp_Importer {

	/** When AAWP's settings were imported (a timestamp); the import applies them once. */
	public const DONE = 'shelf_aawp_import';

	/**
	 * What an import would do now.
	 *
	 * @return array{found: bool, tables: list<array<string, mixed>>, settings: array<string, mixed>, products: array<string, mixed>}
	 *   Tables: `aawp` ID, `title`, `state` (`new`, `done` or `skip`), `shelf` ID when done,
	 *   `reason` when skipped, `notes`, `table` data when new. Settings: `state` (`new`, `same`
	 *   or `done`), `changes`, `notes`, `settings`. Products: `market`, `asins`, `new` (how many
	 *   Shelf does not know yet), `notes`.
	 */
	public static function plan(): array {
		$aawp = array();
		foreach ( Aawp_Source::OPTIONS as $option ) {
			$aawp[ $option ] = Aawp_Source::option( $option );
		}
		$labels = is_scalar( $aawp['aawp_functions']['table_labels'] ?? null ) ? (string) $aawp['aawp_functions']['table_labels'] : '';

		$tables = array();
		foreach ( Aawp_Source::table_ids() as $id ) {
			$source = Aawp_Source::table( $id );
			if ( null === $source ) {
				continue;
			}
			$entry = array(
				'aawp'  => $id,
				'title' => $source['title'],
				'shelf' => Aawp_Table_Ids::find( $id ),
			);
			$mapped = Aawp_Table_Map::map( $source, $labels );
			$entry += array(
				'state'  => $entry['shelf'] ? 'done' : ( null === $mapped['table'] ? 'skip' : 'new' ),
				'reason' => $mapped['skip'],
				'notes'  => $mapped['notes'],
				'table'  => $mapped['table'],
			);
			$tables[] = $entry;
		}

		$settings          = Aawp_Settings_Map::map( $aawp, Settings::get() );
		$settings['state'] = false !== get_option( self::DONE ) ? 'done' : ( $settings['changes'] ? 'new' : 'same' );

		return array(
			'found'    => Aawp_Source::found(),
			'tables'   => $tables,
			'settings' => $settings,
			'products' => self::products( $aawp['aawp_api']['country'] ?? '' ),
		);
	}

	/**
	 * Imports what {@see plan()} finds new, and returns the plan as it was carried out: a new
	 * table carries its Shelf `shelf` ID, or is skipped with Shelf's reason; products may gain
	 * a note when Shelf's store is full.
	 *
	 * @return array<string, mixed>
	 */
	public static function apply(): array {
		$plan = self::plan();
		$imported = false;
		// Settings first: the tables' products then become known in the new default store.
		if ( 'done' !== $plan['settings']['state'] ) {
			if ( 'new' === $plan['settings']['state'] ) {
				update_option( Settings::OPTION, $plan['settings']['settings'] );
			}
			update_option( self::DONE, time(), false );
		}
		foreach ( $plan['tables'] as $n => $entry ) {
			if ( 'new' !== $entry['state'] ) {
				continue;
			}
			$title = '' !== trim( $entry['title'] ) ? $entry['title'] : /* translators: %d: AAWP table ID. */ sprintf( __( 'AAWP table %d', 'shelf' ), $entry['aawp'] );
			$saved = Tables::save( $entry['table'], $title );
			if ( is_wp_error( $saved ) ) {
				$plan['tables'][ $n ]['state'] = 'skip';
				/* translators: %s: why Shelf refused the table. */
				$plan['tables'][ $n ]['reason'] = sprintf( __( 'Shelf refused it: %s', 'shelf' ), $saved->get_error_message() );
				continue;
			}
			Aawp_Table_Ids::link( $saved, (int) $entry['aawp'] );
			$plan['tables'][ $n ]['shelf'] = $saved;
			$imported                      = true;
		}
		if ( $imported ) {
			// Posts placing an AAWP table ID were scanned when it named no Shelf table: scan
			// them again (in cron), so the imported tables count as used and visitors get their data.
			Refresh::scan_soon();
		}

		$products = $plan['products'];
		foreach ( array_chunk( $products['asins'], 500 ) as $chunk ) {
			Store_Registry::remember( $products['market'], $chunk );
		}
		if ( $products['new'] > 0 ) {
			$left = self::unknown( $products['market'], $products['asins'] );
			if ( $left > 0 ) {
				/* translators: %d: number of products. */
				$plan['products']['notes'][] = sprintf( _n( '%d product was left out: Shelf’s store is full (its limit of products per site).', '%d products were left out: Shelf’s store is full (its limit of products per site).', $left, 'shelf' ), $left );
			}
		}
		return $plan;
	}

	/**
	 * AAWP's cached products as Shelf would know them: in AAWP's default store, the one its
	 * cache was filled from.
	 *
	 * @param mixed $country AAWP's default store (a domain suffix such as `de`).
	 * @return array{market: string, asins: list<string>, new: int, notes: list<string>}
	 */
	private static function products( $country ): array {
		$country = is_scalar( $country ) ? strtolower( trim( (string) $country ) ) : '';
		$market  = 'www.amazon.' . $country;
		$asins   = Store::clean_asins( Aawp_Source::asins() );
		$out     = array(
			'market' => $market,
			'asins'  => $asins,
			'new'    => 0,
			'notes'  => array(),
		);
		if ( array() === $asins ) {
			return $out;
		}
		if ( '' === $country || ! Marketplaces::exists( $market ) ) {
			$out['asins']   = array();
			$out['notes'][] = '' === $country
				? __( 'AAWP’s products: AAWP names no default store, so Shelf cannot tell which store they belong to; none were imported.', 'shelf' )
				/* translators: %s: Amazon domain suffix. */
				: sprintf( __( 'AAWP’s products belong to amazon.%s, which Shelf does not serve; none were imported.', 'shelf' ), $country );
			return $out;
		}
		$out['new'] = self::unknown( $market, $asins );
		return $out;
	}

	/**
	 * How many of some ASINs Shelf's store does not know as its own in a marketplace.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  Valid ASINs.
	 */
	private static function unknown( string $market, array $asins ): int {
		global $wpdb;
		$table = Store_Schema::products_table();
		$known = 0;
		foreach ( array_chunk( $asins, 500 ) as $chunk ) {
			$in     = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
			$known += (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE marketplace = %s AND localised = 0 AND asin IN ({$in})", $market, ...$chunk ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		}
		return count( $asins ) - $known;
	}
}
