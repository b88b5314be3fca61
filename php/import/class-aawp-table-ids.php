<?php
/**
 * Which Shelf table stands for which AAWP table.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * An imported table is a new `shelf_table` post: the AAWP table's ID stays taken by AAWP's own
 * post, which the importer leaves alone. The Shelf table records the AAWP ID it came from in
 * its `_shelf_aawp_table` meta, and `[amazon table="<AAWP ID>"]` resolves to it through the
 * `shelf_table_id` filter ({@see Tables::placed()}), so posts written for AAWP keep working.
 *
 * @since 0.3.0
 */
final class Aawp_Table_Ids {

	public const META = '_shelf_aawp_table';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_filter( 'shelf_table_id', array( self::class, 'resolve' ) );
	}

	/**
	 * Hooked to `shelf_table_id`: an AAWP table's ID becomes the ID of the Shelf table imported
	 * from it; any other ID is returned as it is.
	 *
	 * @param int $id Table ID from a shortcode.
	 */
	public static function resolve( $id ): int {
		$id = (int) $id;
		if ( Aawp_Source::POST_TYPE !== get_post_type( $id ) ) {
			return $id;
		}
		$shelf = self::find( $id, array( 'publish' ) );
		return $shelf ? $shelf : $id;
	}

	/**
	 * The Shelf table imported from an AAWP table, or 0.
	 *
	 * @param int          $aawp     AAWP table ID.
	 * @param list<string> $statuses Post statuses to look at.
	 */
	public static function find( int $aawp, array $statuses = array( 'publish', 'draft', 'pending', 'private', 'future', 'trash' ) ): int {
		$ids = get_posts(
			array(
				'post_type'        => Tables::POST_TYPE,
				'post_status'      => $statuses,
				'meta_key'         => self::META, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- one indexed key, for a shortcode naming an AAWP table.
				'meta_value'       => (string) $aawp, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
				'fields'           => 'ids',
				'numberposts'      => 1,
				'orderby'          => 'ID',
				'order'            => 'ASC',
				'suppress_filters' => true,
			)
		);
		return $ids ? (int) $ids[0] : 0;
	}

	/**
	 * Records where an imported table came from.
	 *
	 * @param int $shelf Shelf table ID.
	 * @param int $aawp  AAWP table ID.
	 */
	public static function link( int $shelf, int $aawp ): void {
		update_post_meta( $shelf, self::META, (string) $aawp );
	}
}
