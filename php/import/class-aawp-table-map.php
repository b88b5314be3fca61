<?php
/**
 * One AAWP comparison table in Shelf's table format.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Translates an AAWP table ({@see Aawp_Source::table()}) into `_shelf_table` v1 data
 * ({@see Tables}) and says, in plain words, what of it Shelf cannot express. Cells belong to rows
 * by position; a cell's own type, when set, overrides its row's. AAWP renders published tables
 * only, so other tables are not imported.
 *
 * @since 0.3.0
 */
final class Aawp_Table_Map {

	/** AAWP row types → Shelf row types. A `shortcode` row has no equivalent ({@see row()}). */
	private const TYPES = array(
		'title'         => 'title',
		'thumb'         => 'image',
		'price'         => 'price',
		'prime'         => 'prime',
		'star_rating'   => 'rating',
		'reviews'       => 'reviews',
		'button'        => 'button',
		'bool'          => 'yesNo',
		'custom_button' => 'customButton',
		'custom_text'   => 'text',
		'custom_html'   => 'html',
		'shortcode'     => 'text',
	);

	/** AAWP's `labels` values → Shelf's; `hide_desktop` has none. */
	private const LABELS = array(
		'show'        => 'shown',
		'hide'        => 'hidden',
		'hide_mobile' => 'hiddenMobile',
	);

	/** Row types whose cells Shelf always links (titles, images, buttons). */
	private const LINKED = array( 'title', 'image', 'button' );

	/**
	 * Notes about the table being mapped.
	 *
	 * @var list<string>
	 */
	private array $notes = array();

	/**
	 * Maps a table.
	 *
	 * @param array<string, mixed> $aawp          An AAWP table as {@see Aawp_Source::table()} reads it.
	 * @param string               $global_labels AAWP's global `table_labels` setting.
	 * @return array{table: array<string, mixed>|null, notes: list<string>, skip: string}
	 *         `skip` says why the table is not imported ('' when it is).
	 */
	public static function map( array $aawp, string $global_labels ): array {
		return ( new self() )->build( $aawp, $global_labels );
	}

	/**
	 * See {@see map()}.
	 *
	 * @param array<string, mixed> $aawp          AAWP table.
	 * @param string               $global_labels Global `table_labels`.
	 * @return array{table: array<string, mixed>|null, notes: list<string>, skip: string}
	 */
	private function build( array $aawp, string $global_labels ): array {
		if ( 'publish' !== $aawp['status'] ) {
			/* translators: %s: post status such as draft. */
			return $this->skip( sprintf( __( 'its status in AAWP is “%s”, and AAWP shows published tables only.', 'shelf' ), $aawp['status'] ) );
		}
		$asins  = array();
		$hidden = array();
		$cells  = array();
		$marked = array();
		foreach ( $aawp['products'] as $n => $product ) {
			$raw = is_array( $product ) && is_scalar( $product['asin'] ?? null ) ? trim( (string) $product['asin'] ) : '';
			if ( '' === $raw ) {
				continue; // AAWP drops products without an ASIN too.
			}
			$asin = Shortcode::asin( $raw );
			if ( null === $asin || in_array( $asin, $asins, true ) ) {
				$this->notes[] = null === $asin
					/* translators: 1: product position, 2: the value. */
					? sprintf( __( 'Product %1$d (“%2$s”) is not a valid ASIN and was left out.', 'shelf' ), $n + 1, $raw )
					/* translators: 1: product position, 2: ASIN. */
					: sprintf( __( 'Product %1$d (%2$s) is already in the table; Shelf shows each product once.', 'shelf' ), $n + 1, $asin );
				continue;
			}
			$asins[]        = $asin;
			$cells[ $asin ] = is_array( $product['rows'] ?? null ) ? array_values( $product['rows'] ) : array();
			if ( empty( $product['status'] ) ) {
				$hidden[] = $asin;
			} elseif ( '' !== self::string( $product['highlight_color'] ?? '' ) ) {
				$marked[ $asin ] = $product;
			}
		}
		if ( array() === $asins ) {
			return $this->skip( __( 'it has no products.', 'shelf' ) );
		}
		if ( count( $hidden ) === count( $asins ) ) {
			return $this->skip( __( 'every product is hidden, so AAWP shows nothing for it.', 'shelf' ) );
		}

		$rows = array();
		foreach ( $aawp['rows'] as $i => $row ) {
			$mapped = is_array( $row ) ? $this->row( $row, (int) $i, $asins, $cells ) : null;
			if ( null !== $mapped ) {
				$rows[] = $mapped;
			}
		}

		$table = array(
			'version'   => Tables::VERSION,
			'products'  => $asins,
			'hidden'    => $hidden,
			'rows'      => $rows,
			'overrides' => array(),
			'labels'    => $this->labels( self::string( $aawp['settings']['labels'] ?? '' ), $global_labels, $rows ),
		) + $this->highlight( $marked );
		return array(
			'table' => $table,
			'notes' => $this->notes,
			'skip'  => '',
		);
	}

	/**
	 * One row, or null when it cannot be imported.
	 *
	 * @param array<string, mixed>               $row   AAWP row.
	 * @param int                                $i     Its position (0-based).
	 * @param list<string>                       $asins The table's products.
	 * @param array<string, list<mixed>>         $cells Each product's cells, by position.
	 * @return array<string, mixed>|null
	 */
	private function row( array $row, int $i, array $asins, array $cells ): ?array {
		$type  = self::string( $row['type'] ?? '' );
		$label = self::string( $row['label'] ?? '' );
		// AAWP prints labels as HTML; Shelf's are text: tags go, entities become their characters.
		$plain = html_entity_decode( wp_strip_all_tags( $label ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		$name  = '' !== trim( $plain ) ? $plain : (string) ( $i + 1 );
		if ( ! isset( self::TYPES[ $type ] ) ) {
			/* translators: 1: row label or number, 2: AAWP row type. */
			$this->notes[] = sprintf( __( 'Row “%1$s” has the type “%2$s”, which Shelf does not know; the row was left out.', 'shelf' ), $name, $type );
			return null;
		}
		$kind = self::TYPES[ $type ];
		if ( wp_strip_all_tags( $label ) !== $label ) {
			/* translators: %s: row label. */
			$this->notes[] = sprintf( __( 'Row “%s”: its label holds HTML, which Shelf shows as plain text; the tags were removed.', 'shelf' ), $name );
		}
		$out = array(
			'type'      => $kind,
			'label'     => $plain,
			'values'    => array(),
			'urls'      => array(),
			'hidden'    => empty( $row['status'] ),
			'highlight' => ! empty( $row['highlight'] ),
		);
		if ( 'shortcode' === $type ) {
			$out['hidden'] = true;
			/* translators: %s: row label or number. */
			$this->notes[] = sprintf( __( 'Row “%s” runs shortcodes in AAWP; Shelf tables cannot run shortcodes, so the row was imported hidden, with the shortcodes as its text.', 'shelf' ), $name );
		} elseif ( 'html' === $kind && ! current_user_can( 'unfiltered_html' ) ) {
			/* translators: %s: row label or number. */
			$this->notes[] = sprintf( __( 'Row “%s” holds custom HTML, which Shelf shows only in tables whose author may post unfiltered HTML; you may not, so the row stays empty.', 'shelf' ), $name );
		} elseif ( 'title' === $kind && $out['hidden'] ) {
			/* translators: %s: row label or number. */
			$this->notes[] = sprintf( __( 'Row “%s” is a hidden title row; Shelf still shows it, as its cells name the columns for screen readers.', 'shelf' ), $name );
		}
		$linked = ! empty( $row['link'] );
		if ( $linked !== in_array( $kind, self::LINKED, true ) && 'shortcode' !== $type ) {
			$this->notes[] = $linked
				/* translators: %s: row label or number. */
				? sprintf( __( 'Row “%s” links its cells to Amazon in AAWP; Shelf links titles, images and buttons only, so these cells are not links.', 'shelf' ), $name )
				/* translators: %s: row label or number. */
				: sprintf( __( 'Row “%s” is not linked in AAWP; Shelf always links titles, images and buttons.', 'shelf' ), $name );
		}

		$loose = array();
		foreach ( $asins as $asin ) {
			$cell   = $cells[ $asin ][ $i ] ?? array();
			$cell   = is_array( $cell ) ? $cell : array();
			$own    = self::string( $cell['type'] ?? '' );
			$actual = '' === $own ? $type : $own;
			$values = is_array( $cell['values'] ?? null ) ? $cell['values'] : array();
			if ( ( self::TYPES[ $actual ] ?? '' ) !== $kind || ( 'shortcode' === $actual ) !== ( 'shortcode' === $type ) ) {
				$loose[] = $asin;
				continue;
			}
			$this->cell( $out, $actual, $asin, $values, $name );
		}
		if ( $loose ) {
			/* translators: 1: row label or number, 2: comma-separated ASINs. */
			$this->notes[] = sprintf( __( 'Row “%1$s”: in AAWP, the cells of %2$s have a type of their own; a Shelf row has one type for every product, so they show what the row shows.', 'shelf' ), $name, implode( ', ', $loose ) );
		}
		$out['values'] = (object) $out['values'];
		$out['urls']   = (object) $out['urls'];
		return $out;
	}

	/**
	 * Puts a product's cell values into a Shelf row.
	 *
	 * @param array<string, mixed> $out    Shelf row being built.
	 * @param string               $type   The cell's AAWP type.
	 * @param string               $asin   Product.
	 * @param array<string, mixed> $values The cell's values.
	 * @param string               $name   Row name for notes.
	 */
	private function cell( array &$out, string $type, string $asin, array $values, string $name ): void {
		switch ( $type ) {
			case 'bool':
				$out['values'][ $asin ] = ! empty( $values['bool'] ) ? 'yes' : 'no';
				break;
			case 'custom_text':
			case 'custom_html':
			case 'shortcode':
				// The value's key is the type's own name for these three.
				$text = self::string( $values[ $type ] ?? '' );
				if ( '' !== $text ) {
					$out['values'][ $asin ] = $text;
				}
				if ( 'shortcode' !== $type && 1 === preg_match( '/\[[a-z_][\w-]*[\s\]\/]/i', $text ) ) {
					/* translators: 1: row label or number, 2: ASIN. */
					$this->notes[] = sprintf( __( 'Row “%1$s”, %2$s: AAWP runs the shortcodes in this text; Shelf shows them as written.', 'shelf' ), $name, $asin );
				}
				break;
			case 'custom_button':
				$text = self::string( $values['custom_button_text'] ?? '' );
				$url  = self::string( $values['custom_button_url'] ?? '' );
				if ( '' !== $text ) {
					$out['values'][ $asin ] = $text;
				}
				if ( '' !== $url ) {
					$out['urls'][ $asin ] = $url;
				}
				if ( empty( $values['custom_button_blank'] ) || empty( $values['custom_button_nofollow'] ) ) {
					/* translators: 1: row label or number, 2: ASIN. */
					$this->notes[] = sprintf( __( 'Row “%1$s”, %2$s: the button’s own “new window” and “sponsored” choices are not kept; Shelf’s link settings apply to every link.', 'shelf' ), $name, $asin );
				}
				break;
		}
	}

	/**
	 * Shelf's `labels` for the table, noting what it cannot express.
	 *
	 * @param string                     $own    The table's `labels` ('' inherits).
	 * @param string                     $global AAWP's global `table_labels`.
	 * @param list<array<string, mixed>> $rows   The mapped rows.
	 */
	private function labels( string $own, string $global, array $rows ): string {
		// AAWP hides the label column when no row has a label.
		if ( array() === array_filter( $rows, static fn( array $r ): bool => '' !== trim( $r['label'] ) ) ) {
			return 'hidden';
		}
		$labels = '' === $own ? ( '' === $global ? 'show' : $global ) : $own;
		if ( 'hide_desktop' === $labels ) {
			$this->notes[] = __( 'Its labels show on mobile devices only in AAWP; Shelf cannot hide them on wide screens alone, so they always show.', 'shelf' );
		}
		return self::LABELS[ $labels ] ?? 'shown';
	}

	/**
	 * Shelf's highlight and ribbon from AAWP's highlighted products (those with a colour).
	 *
	 * @param array<string, array<string, mixed>> $marked Shown products with a highlight colour, in order.
	 * @return array{highlight: string, ribbon: string}
	 */
	private function highlight( array $marked ): array {
		if ( array() === $marked ) {
			return array(
				'highlight' => '',
				'ribbon'    => '',
			);
		}
		$asin    = (string) array_key_first( $marked );
		$colours = array_unique( array_map( static fn( array $p ): string => self::string( $p['highlight_color'] ), $marked ) );
		/* translators: %s: comma-separated colours. */
		$this->notes[] = sprintf( __( 'Highlight colours (%s) are not kept: Shelf highlights with its style’s own colour.', 'shelf' ), implode( ', ', $colours ) );
		if ( count( $marked ) > 1 ) {
			/* translators: 1: highlighted ASIN, 2: comma-separated ASINs. */
			$this->notes[] = sprintf( __( 'Shelf highlights one product per table: %1$s is highlighted; no longer highlighted: %2$s.', 'shelf' ), $asin, implode( ', ', array_slice( array_keys( $marked ), 1 ) ) );
		}
		return array(
			'highlight' => $asin,
			'ribbon'    => self::string( $marked[ $asin ]['highlight_text'] ?? '' ),
		);
	}

	/**
	 * A result for a table that is not imported.
	 *
	 * @param string $why Plain-words reason.
	 * @return array{table: null, notes: list<string>, skip: string}
	 */
	private function skip( string $why ): array {
		return array(
			'table' => null,
			'notes' => $this->notes,
			'skip'  => $why,
		);
	}

	/**
	 * A scalar as a string; anything else is ''.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function string( $value ): string {
		return is_scalar( $value ) ? (string) $value : '';
	}
}
