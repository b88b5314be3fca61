<?php
/**
 * The JSON schema of a stored table, for the REST routes.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Declares the `_shelf_table` v1 format ({@see Tables}) for REST clients: types, the row types,
 * at most 25 products, bounded strings and maps, no unknown keys (a key the format does not
 * have would otherwise be dropped silently). WordPress checks a body against it before a route
 * runs; what a table means (valid ASINs, a known highlight, …) is checked by
 * {@see Tables::validate()} alone, and its messages reach the client.
 *
 * @since 0.2.0
 */
final class Table_Schema {

	/** Labels, ribbon, badge, button text. */
	private const SHORT = 200;

	/** Values, descriptions, caption. */
	private const LONG = 2000;

	/** An `html` row's value and per-product values. */
	private const HTML = 20000;

	/** Rows a table may have. */
	private const ROWS = 50;

	/**
	 * Entries of a per-product map. More than the 25 columns: a map may still hold entries of
	 * products taken out of the table, which {@see Tables::validate()} keeps or drops.
	 */
	private const KEYS = 100;

	/**
	 * The schema of a table.
	 *
	 * @return array<string, mixed>
	 */
	public static function table(): array {
		return array(
			'type'                 => 'object',
			'description'          => __( 'A comparison table in format version 1.', 'shelf' ),
			'additionalProperties' => false,
			'properties'           => array(
				'version'   => array(
					'type'     => 'integer',
					'enum'     => array( Tables::VERSION ),
					'required' => true,
				),
				'products'  => array(
					'type'        => 'array',
					'description' => __( 'ASINs, the columns in order.', 'shelf' ),
					'minItems'    => 1,
					'maxItems'    => Tables::MAX_ITEMS,
					'items'       => array(
						'type'      => 'string',
						'maxLength' => 10,
					),
					'required'    => true,
				),
				'hidden'    => array(
					'type'        => 'array',
					'description' => __( 'ASINs of products kept in the table but not shown; at least one product stays shown.', 'shelf' ),
					'maxItems'    => Tables::MAX_ITEMS,
					'items'       => self::text( 10 ),
				),
				'rows'      => array(
					'type'     => 'array',
					'maxItems' => self::ROWS,
					'items'    => self::row(),
				),
				'overrides' => array(
					'type'                 => 'object',
					'description'          => __( 'Per-product texts, by ASIN.', 'shelf' ),
					'maxProperties'        => self::KEYS,
					'additionalProperties' => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'properties'           => array(
							'title'       => self::text( self::LONG ),
							'description' => self::text( self::LONG ),
							'badge'       => self::text( self::SHORT ),
							'buttonText'  => self::text( self::SHORT ),
						),
					),
				),
				'highlight' => self::text( 10 ),
				'ribbon'    => self::text( self::SHORT ),
				'labels'    => array(
					'type' => 'string',
					'enum' => array( 'shown', 'hidden', 'hiddenMobile' ),
				),
				'caption'   => self::text( self::LONG ),
			),
		);
	}

	/**
	 * The schema of a row.
	 *
	 * @return array<string, mixed>
	 */
	private static function row(): array {
		return array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'type'      => array(
					'type'     => 'string',
					'enum'     => Tables::ROW_TYPES,
					'required' => true,
				),
				'label'     => self::text( self::SHORT ),
				'value'     => self::text( self::HTML ),
				'values'    => self::map( self::HTML ),
				'url'       => self::text( self::LONG ),
				'urls'      => self::map( self::LONG ),
				'hidden'    => array(
					'type'        => 'boolean',
					'description' => __( 'Left out of the table (a title row still names the columns).', 'shelf' ),
				),
				'highlight' => array(
					'type'        => 'boolean',
					'description' => __( 'Emphasised in the rendered table.', 'shelf' ),
				),
			),
		);
	}

	/**
	 * A bounded string.
	 *
	 * @param int $max Maximum length in characters.
	 * @return array<string, mixed>
	 */
	private static function text( int $max ): array {
		return array(
			'type'      => 'string',
			'maxLength' => $max,
		);
	}

	/**
	 * A map of ASIN to bounded string.
	 *
	 * @param int $max Maximum length of a value.
	 * @return array<string, mixed>
	 */
	private static function map( int $max ): array {
		return array(
			'type'                 => 'object',
			'maxProperties'        => self::KEYS,
			'additionalProperties' => self::text( $max ),
		);
	}
}
