<?php
/**
 * The Products screen's list: every product Shelf knows.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * A `WP_List_Table` of the store's products (one row per store and ASIN) after the manual
 * products (one row each, for every store): image, title, ASIN, store, source, last fetched,
 * status with its explanation, the posts that place it, and the row actions Refresh now, Add or
 * Edit manual data and Remove. Search (ASIN or title), filters by source, status and store,
 * pagination. {@see Products_Page} checks the capability before it builds one.
 *
 * @since 0.3.0
 */
final class Products_Table extends \WP_List_Table {

	/** Statuses of store rows the filter offers. */
	public const STATUSES = array( 'fresh', 'stale', 'pending', 'unavailable', 'error' );

	/** Rows per page. */
	private const PER_PAGE = 20;

	/**
	 * Constructor.
	 */
	public function __construct() {
		parent::__construct(
			array(
				'singular' => 'shelf-product',
				'plural'   => 'shelf-products',
				'ajax'     => false,
			)
		);
	}

	/**
	 * The filter a request asked for, validated.
	 *
	 * @return array{s: string, source: string, status: string, store: string}
	 */
	public static function filters(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a list's filters, read only.
		$get    = static fn( string $key ): string => isset( $_GET[ $key ] ) ? sanitize_text_field( wp_unslash( (string) $_GET[ $key ] ) ) : '';
		$source = $get( 'source' );
		$status = $get( 'status' );
		$store  = $get( 'store' );
		// phpcs:enable
		return array(
			's'      => mb_substr( $get( 's' ), 0, 100 ),
			'source' => in_array( $source, array( 'api', 'manual' ), true ) ? $source : '',
			'status' => in_array( $status, self::STATUSES, true ) ? $status : '',
			'store'  => Marketplaces::exists( $store ) ? $store : '',
		);
	}

	/**
	 * Columns.
	 *
	 * @return array<string, string>
	 */
	public function get_columns() {
		return array(
			'image'   => '<span class="screen-reader-text">' . esc_html__( 'Image', 'shelf' ) . '</span>',
			'title'   => __( 'Title', 'shelf' ),
			'asin'    => __( 'ASIN', 'shelf' ),
			'store'   => __( 'Store', 'shelf' ),
			'source'  => __( 'Source', 'shelf' ),
			'fetched' => __( 'Last fetched', 'shelf' ),
			'status'  => __( 'Status', 'shelf' ),
			'usage'   => __( 'Used in', 'shelf' ),
		);
	}

	/**
	 * The title column carries the row actions.
	 */
	protected function get_default_primary_column_name() {
		return 'title';
	}

	/**
	 * Reads this page's rows: the manual products that match (first), then store rows.
	 */
	public function prepare_items(): void {
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'title' );
		$f                     = self::filters();
		$manual                = array();
		if ( 'api' !== $f['source'] && '' === $f['status'] ) {
			foreach ( Manual_Products::all() as $product ) {
				if ( '' === $f['s'] || false !== mb_stripos( $product['title'] . ' ' . $product['asin'], $f['s'] ) ) {
					$manual[] = array( 'manual' => $product );
				}
			}
		}
		$page   = $this->get_pagenum();
		$offset = ( $page - 1 ) * self::PER_PAGE;
		$rows   = array_slice( $manual, $offset, self::PER_PAGE );
		$stored = 'manual' === $f['source'] ? 0 : $this->count_stored( $f );
		if ( 'manual' !== $f['source'] && count( $rows ) < self::PER_PAGE ) {
			$rows = array_merge( $rows, $this->stored( $f, max( 0, $offset - count( $manual ) ), self::PER_PAGE - count( $rows ) ) );
		}
		$this->items = $rows;
		$this->set_pagination_args(
			array(
				'total_items' => count( $manual ) + $stored,
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/**
	 * The WHERE clause of store rows for the filters, prepared.
	 *
	 * @param array{s: string, source: string, status: string, store: string} $f Filters.
	 */
	private static function where( array $f ): string {
		global $wpdb;
		$oldest = Clock::time() - Settings::lifetime();
		$where  = array( '1 = 1' );
		if ( '' !== $f['store'] ) {
			$where[] = $wpdb->prepare( 'marketplace = %s', $f['store'] );
		}
		switch ( $f['status'] ) {
			case 'fresh':
				$where[] = $wpdb->prepare( "status = 'ok' AND fetched_at >= %d", $oldest );
				break;
			case 'stale':
				$where[] = $wpdb->prepare( "status = 'ok' AND fetched_at < %d", $oldest );
				break;
			case '':
				break;
			default:
				$where[] = $wpdb->prepare( 'status = %s', $f['status'] );
		}
		if ( '' !== $f['s'] ) {
			$like    = '%' . $wpdb->esc_like( $f['s'] ) . '%';
			$where[] = $wpdb->prepare( '( asin LIKE %s OR item LIKE %s )', $like, $like );
		}
		return implode( ' AND ', $where );
	}

	/**
	 * How many store rows match.
	 *
	 * @param array{s: string, source: string, status: string, store: string} $f Filters.
	 */
	private function count_stored( array $f ): int {
		global $wpdb;
		$table = Store_Schema::products_table();
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE " . self::where( $f ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a clause prepared in where().
	}

	/**
	 * Store rows that match, with the manual product of their ASIN if any.
	 *
	 * @param array{s: string, source: string, status: string, store: string} $f      Filters.
	 * @param int                                                             $offset Rows to skip.
	 * @param int                                                             $limit  Rows wanted.
	 * @return list<array<string, mixed>>
	 */
	private function stored( array $f, int $offset, int $limit ): array {
		global $wpdb;
		$table = Store_Schema::products_table();
		$rows  = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "SELECT marketplace, asin, item, fetched_at, checked_at, error, status FROM {$table} WHERE " . self::where( $f ) . ' ORDER BY marketplace, asin LIMIT %d OFFSET %d', $limit, $offset ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a clause prepared in where().
			ARRAY_A
		);
		$rows = is_array( $rows ) ? $rows : array();
		return array_map( static fn( array $row ): array => array( 'stored' => $row ), $rows );
	}

	/**
	 * Nothing found.
	 */
	public function no_items(): void {
		esc_html_e( 'No products found. Products appear here when content places them, and manual products when you add them.', 'shelf' );
	}

	/**
	 * The filters above the list (a GET form around the list keeps them with the search).
	 *
	 * @param string $which 'top' or 'bottom'.
	 */
	protected function extra_tablenav( $which ): void {
		if ( 'top' !== $which ) {
			return;
		}
		$f        = self::filters();
		$statuses = array(
			''            => __( 'All statuses', 'shelf' ),
			'fresh'       => __( 'Fresh', 'shelf' ),
			'stale'       => __( 'Stale', 'shelf' ),
			'pending'     => __( 'Not fetched yet', 'shelf' ),
			'unavailable' => __( 'Unavailable', 'shelf' ),
			'error'       => __( 'Error', 'shelf' ),
		);
		$sources  = array(
			''       => __( 'All sources', 'shelf' ),
			'api'    => __( 'Creators API', 'shelf' ),
			'manual' => __( 'Manual', 'shelf' ),
		);
		$stores   = array( '' => __( 'All stores', 'shelf' ) );
		$table    = Store_Schema::products_table();
		// Only the stores the store has products of.
		foreach ( (array) $GLOBALS['wpdb']->get_col( "SELECT DISTINCT marketplace FROM {$table} ORDER BY marketplace" ) as $host ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			$stores[ (string) $host ] = (string) $host;
		}
		echo '<div class="alignleft actions">';
		self::select( 'source', __( 'Filter by source', 'shelf' ), $sources, $f['source'] );
		self::select( 'status', __( 'Filter by status', 'shelf' ), $statuses, $f['status'] );
		self::select( 'store', __( 'Filter by store', 'shelf' ), $stores, $f['store'] );
		submit_button( __( 'Filter', 'shelf' ), '', 'filter_action', false );
		echo '</div>';
	}

	/**
	 * A labelled select.
	 *
	 * @param string                $name     Field name.
	 * @param string                $label    Accessible label.
	 * @param array<string, string> $options  Value => text.
	 * @param string                $selected Current value.
	 */
	private static function select( string $name, string $label, array $options, string $selected ): void {
		printf( '<label class="screen-reader-text" for="%1$s">%2$s</label><select name="%3$s" id="%1$s">', esc_attr( 'shelf-filter-' . $name ), esc_html( $label ), esc_attr( $name ) );
		foreach ( $options as $value => $text ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( (string) $value ), selected( (string) $value, $selected, false ), esc_html( $text ) );
		}
		echo '</select> ';
	}

	/**
	 * A cell.
	 *
	 * @param array<string, mixed> $item        Row.
	 * @param string               $column_name Column.
	 * @return string Escaped HTML.
	 */
	protected function column_default( $item, $column_name ) {
		$manual = $item['manual'] ?? null;
		$stored = $item['stored'] ?? null;
		switch ( $column_name ) {
			case 'image':
				return $manual ? self::manual_image( $manual ) : self::amazon_image( $stored );
			case 'asin':
				return '<code>' . esc_html( $manual ? $manual['asin'] : (string) $stored['asin'] ) . '</code>';
			case 'store':
				return $manual ? esc_html__( 'Every store', 'shelf' ) : esc_html( (string) $stored['marketplace'] );
			case 'source':
				return $manual ? esc_html__( 'Manual', 'shelf' ) : esc_html__( 'Creators API', 'shelf' );
			case 'fetched':
				// Manual data is never fetched.
				return ! $manual && (int) $stored['fetched_at'] > 0 ? esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $stored['fetched_at'] ) ) : '—';
			case 'status':
				return $manual ? esc_html( self::manual_status( $manual ) ) : self::stored_status( $stored );
			case 'usage':
				return self::usage( $manual ? $manual['asin'] : (string) $stored['asin'], $manual ? null : (string) $stored['marketplace'] );
		}
		return '';
	}

	/**
	 * The title cell with its row actions.
	 *
	 * @param array<string, mixed> $item Row.
	 */
	protected function column_title( $item ): string {
		$manual = $item['manual'] ?? null;
		if ( $manual ) {
			$edit    = Products_Page::url( array( 'action' => 'edit', 'id' => $manual['id'] ) );
			$actions = array(
				'edit'  => sprintf( '<a href="%s">%s</a>', esc_url( $edit ), esc_html__( 'Edit manual data', 'shelf' ) ),
				'trash' => sprintf(
					'<a href="%s" class="submitdelete">%s</a>',
					esc_url( Products_Page::action_url( 'trash', array( 'id' => $manual['id'] ) ) ),
					esc_html__( 'Remove', 'shelf' )
				),
			);
			return sprintf( '<strong><a class="row-title" href="%s">%s</a></strong>', esc_url( $edit ), Manual_Products::html( $manual['title'] ) ) . $this->row_actions( $actions );
		}
		$market  = (string) $item['stored']['marketplace'];
		$asin    = (string) $item['stored']['asin'];
		$own     = Manual_Products::find( $asin );
		$actions = array(
			'refresh' => sprintf(
				'<a href="%s">%s</a>',
				esc_url( Products_Page::action_url( 'refresh', array( 'market' => $market, 'asin' => $asin ) ) ),
				esc_html__( 'Refresh now', 'shelf' )
			),
			'edit'    => null === $own
				? sprintf( '<a href="%s">%s</a>', esc_url( Products_Page::url( array( 'action' => 'new', 'asin' => $asin ) ) ), esc_html__( 'Add manual data', 'shelf' ) )
				: sprintf( '<a href="%s">%s</a>', esc_url( Products_Page::url( array( 'action' => 'edit', 'id' => $own['id'] ) ) ), esc_html__( 'Edit manual data', 'shelf' ) ),
			'remove'  => sprintf(
				'<a href="%s" class="submitdelete">%s</a>',
				esc_url( Products_Page::action_url( 'remove', array( 'market' => $market, 'asin' => $asin ) ) ),
				esc_html__( 'Remove', 'shelf' )
			),
		);
		$title = self::amazon_title( $item['stored'] );
		return '<strong>' . ( '' === $title ? '<span aria-hidden="true">—</span><span class="screen-reader-text">' . esc_html__( 'No title yet', 'shelf' ) . '</span>' : Manual_Products::html( $title ) ) . '</strong>' . $this->row_actions( $actions );
	}

	/**
	 * The stored item, decoded, when it holds data.
	 *
	 * @param array<string, mixed> $row Store row.
	 * @return array<string, mixed>|null
	 */
	private static function item( array $row ): ?array {
		$item = null === $row['item'] ? null : json_decode( (string) $row['item'], true );
		return is_array( $item ) ? $item : null;
	}

	/**
	 * The item's title, '' when none.
	 *
	 * @param array<string, mixed> $row Store row.
	 */
	private static function amazon_title( array $row ): string {
		$title = self::item( $row )['itemInfo']['title']['displayValue'] ?? '';
		return is_scalar( $title ) ? (string) $title : '';
	}

	/**
	 * Amazon's small image while the data is within its lifetime (Amazon's images may only be
	 * shown with current data), from Amazon's image host only.
	 *
	 * @param array<string, mixed> $row Store row.
	 */
	private static function amazon_image( array $row ): string {
		if ( (int) $row['fetched_at'] < Clock::time() - Settings::lifetime() ) {
			return '';
		}
		$image = self::item( $row )['images']['primary']['small'] ?? null;
		$url   = is_array( $image ) && is_string( $image['url'] ?? null ) ? $image['url'] : '';
		if ( ! str_starts_with( $url, 'https://m.media-amazon.com/' ) ) {
			return '';
		}
		return sprintf( '<img src="%s" alt="" width="48" height="48" loading="lazy" style="object-fit:contain">', esc_url( $url ) );
	}

	/**
	 * The manual product's Media Library image, small.
	 *
	 * @param array<string, mixed> $product Manual product.
	 */
	private static function manual_image( array $product ): string {
		return $product['imageId'] ? wp_get_attachment_image( $product['imageId'], array( 48, 48 ), false, array( 'alt' => '' ) ) : '';
	}

	/**
	 * What a manual product shows when API data exists, in words.
	 *
	 * @param array<string, mixed> $product Manual product.
	 */
	private static function manual_status( array $product ): string {
		switch ( $product['source'] ) {
			case 'manual':
				return __( 'Manual data, always shown', 'shelf' );
			case 'mixed':
				return __( 'Manual text; the API’s price when fresh API data exists', 'shelf' );
		}
		return __( 'Manual data, until fresh API data exists', 'shelf' );
	}

	/**
	 * A store row's status and, for problems, what it means.
	 *
	 * @param array<string, mixed> $row Store row.
	 */
	private static function stored_status( array $row ): string {
		$status = (string) $row['status'];
		$error  = null === $row['error'] ? null : json_decode( (string) $row['error'], true );
		$reason = is_array( $error ) && is_string( $error['message'] ?? null ) ? $error['message'] : '';
		if ( 'ok' === $status ) {
			$fresh = (int) $row['fetched_at'] >= Clock::time() - Settings::lifetime();
			$label = $fresh ? __( 'Fresh', 'shelf' ) : __( 'Stale', 'shelf' );
			$why   = $fresh ? '' : __( 'The data is older than its lifetime, so visitors see no price until the next refresh.', 'shelf' );
		} elseif ( 'unavailable' === $status ) {
			$label = __( 'Unavailable', 'shelf' );
			$why   = __( 'Amazon reports this item as not available in this store.', 'shelf' );
		} elseif ( 'error' === $status ) {
			$label = __( 'Error', 'shelf' );
			$why   = __( 'The last fetch failed before any data arrived.', 'shelf' );
		} else {
			$label = __( 'Not fetched yet', 'shelf' );
			$why   = __( 'Shelf fetches it at the next refresh.', 'shelf' );
		}
		$out = '<span class="shelf-status shelf-status--' . esc_attr( $status ) . '">' . esc_html( $label ) . '</span>';
		foreach ( array( $why, $reason ) as $text ) {
			if ( '' !== $text ) {
				$out .= '<br><span class="description">' . Manual_Products::html( $text ) . '</span>';
			}
		}
		return $out;
	}

	/**
	 * The posts that place a product: their number, and their titles linked to their editors.
	 *
	 * @param string      $asin   ASIN.
	 * @param string|null $market Store, or null for any.
	 */
	private static function usage( string $asin, ?string $market ): string {
		global $wpdb;
		$table = Store_Schema::usage_table();
		$ids   = null === $market
			? $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT post_id FROM {$table} WHERE kind = %s AND ref = %s ORDER BY post_id", Store_Usage::PRODUCT, $asin ) ) // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			: $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT post_id FROM {$table} WHERE marketplace = %s AND kind = %s AND ref = %s ORDER BY post_id", $market, Store_Usage::PRODUCT, $asin ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$ids   = array_map( 'intval', (array) $ids );
		if ( array() === $ids ) {
			return esc_html__( 'No posts', 'shelf' );
		}
		$items = '';
		foreach ( $ids as $id ) {
			$title = (string) get_post_field( 'post_title', $id );
			$title = '' === $title ? __( '(no title)', 'shelf' ) : $title;
			$link  = current_user_can( 'edit_post', $id ) ? get_edit_post_link( $id, 'raw' ) : null;
			$items .= '<li>' . ( $link ? sprintf( '<a href="%s">%s</a>', esc_url( $link ), Manual_Products::html( $title ) ) : Manual_Products::html( $title ) ) . '</li>';
		}
		/* translators: %s: number of posts. */
		$count = sprintf( _n( '%s post', '%s posts', count( $ids ), 'shelf' ), number_format_i18n( count( $ids ) ) );
		return '<details><summary>' . esc_html( $count ) . '</summary><ul>' . $items . '</ul></details>';
	}
}
