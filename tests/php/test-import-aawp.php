<?php
/**
 * The AAWP importer on an AAWP-shaped site (tests/fixtures/aawp): the dry run changes nothing;
 * the import makes every published AAWP table a Shelf table the core gets as AAWP configured
 * it (rows, labels, highlight, hidden items), applies every setting Shelf can express, lists
 * what it cannot, queues AAWP's products without calling Amazon, leaves AAWP's data alone, and
 * a second run changes nothing. `[amazon table="<AAWP ID>"]` shows the imported table.
 *
 * @covers \Shelf\Aawp_Importer
 * @covers \Shelf\Aawp_Table_Map
 * @covers \Shelf\Aawp_Settings_Map
 * @covers \Shelf\Aawp_Table_Ids
 */

require_once __DIR__ . '/tools/class-shelf-aawp-testcase.php';

class Test_Import_Aawp extends Shelf_Aawp_TestCase {

	/**
	 * The Shelf tables AAWP's published tables must become (hand-written from the fixture).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function expected(): array {
		$row = static fn( string $type, string $label, array $values = array(), bool $hidden = false, bool $highlight = false, array $urls = array() ): array => array(
			'type'      => $type,
			'label'     => $label,
			'value'     => '',
			'values'    => $values,
			'url'       => '',
			'urls'      => $urls,
			'hidden'    => $hidden,
			'highlight' => $highlight,
		);
		return array(
			'kettles' => array(
				'products'  => array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ),
				'hidden'    => array( 'B0SHLFM003' ),
				'rows'      => array(
					$row( 'title', 'Product' ),
					$row( 'image', 'Picture' ),
					$row( 'price', 'Price', array(), false, true ),
					$row( 'rating', 'Rating', array(), true ),
					$row( 'yesNo', 'Cordless', array( 'B0SHLFK001' => 'yes', 'B0SHLFL002' => 'no', 'B0SHLFM003' => 'yes' ) ),
					$row( 'text', 'Capacity & size', array( 'B0SHLFK001' => '1.7 l', 'B0SHLFL002' => '1.5 l', 'B0SHLFM003' => '1.0 l' ) ),
					$row( 'button', 'Buy' ),
				),
				'highlight' => 'B0SHLFL002',
				'ribbon'    => 'Our pick',
				'labels'    => 'shown',
			),
			'grinders' => array(
				'products'  => array( 'B0SHLFP004', 'B0SHLFQ005' ),
				'hidden'    => array(),
				'rows'      => array(
					$row( 'title', 'Model' ),
					$row( 'customButton', 'Manual', array( 'B0SHLFP004' => 'Read the manual', 'B0SHLFQ005' => 'Manual' ), false, false, array( 'B0SHLFP004' => 'https://example.com/p004.pdf', 'B0SHLFQ005' => 'https://example.com/q005.pdf' ) ),
					$row( 'html', 'Notes', array( 'B0SHLFP004' => '<em>Quiet</em>', 'B0SHLFQ005' => '<strong>Fast</strong>' ), false, true ),
					$row( 'text', 'Extra', array( 'B0SHLFP004' => '[gallery ids="1"]' ), true ),
					$row( 'text', 'Burrs', array( 'B0SHLFP004' => 'Steel' ) ),
				),
				'highlight' => 'B0SHLFP004',
				'ribbon'    => 'Budget pick',
				'labels'    => 'hiddenMobile',
			),
			'mobile'  => array(
				'products'  => array( 'B0SHLFK001', 'B0SHLFQ005' ),
				'hidden'    => array(),
				'rows'      => array( $row( 'title', 'Product' ), $row( 'price', 'Price' ) ),
				'highlight' => '',
				'ribbon'    => '',
				'labels'    => 'shown',
			),
		);
	}

	/**
	 * A plan's table entry by fixture key.
	 *
	 * @param array<string, mixed> $plan Plan or result.
	 * @param string               $key  Fixture key.
	 * @return array<string, mixed>
	 */
	private function entry( array $plan, string $key ): array {
		foreach ( $plan['tables'] as $entry ) {
			if ( $entry['aawp'] === $this->aawp[ $key ] ) {
				return $entry;
			}
		}
		$this->fail( "no entry for the {$key} table" );
	}

	/**
	 * Notes of a plan's table entry, as one string.
	 *
	 * @param array<string, mixed> $plan Plan.
	 * @param string               $key  Fixture key.
	 */
	private function notes( array $plan, string $key ): string {
		return implode( "\n", $this->entry( $plan, $key )['notes'] );
	}

	/**
	 * Requests to the Creators API mock so far.
	 */
	private static function mock_calls(): int {
		return (int) ( json_decode( (string) file_get_contents( getenv( 'SHELF_MOCK_URL' ) . '/__mock/counts' ), true )['total'] ?? 0 );
	}

	public function test_the_dry_run_changes_nothing_and_says_what_would_happen(): void {
		$this->act_as( 'administrator' );
		$before = self::snapshot();
		$plan   = \Shelf\Aawp_Importer::plan();
		$this->assertSame( $before, self::snapshot(), 'nothing written by the dry run' );

		$this->assertTrue( $plan['found'] );
		foreach ( array( 'kettles', 'grinders', 'mobile' ) as $key ) {
			$this->assertSame( 'new', $this->entry( $plan, $key )['state'], $key );
		}
		$this->assertSame( 'skip', $this->entry( $plan, 'draft' )['state'] );
		$this->assertStringContainsString( 'published tables only', $this->entry( $plan, 'draft' )['reason'] );
		$this->assertSame( 'skip', $this->entry( $plan, 'hidden' )['state'] );
		$this->assertStringContainsString( 'every product is hidden', $this->entry( $plan, 'hidden' )['reason'] );
		$this->assertSame( 'new', $plan['settings']['state'] );
		$this->assertSame( 'www.amazon.de', $plan['products']['market'] );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFP004', 'B0SHLFQ005', 'B0SHLFD201' ), $plan['products']['asins'] );
	}

	public function test_every_published_table_becomes_a_shelf_table_as_aawp_configured_it(): void {
		$this->act_as( 'administrator' );
		$result = \Shelf\Aawp_Importer::apply();
		foreach ( self::expected() as $key => $expected ) {
			$entry = $this->entry( $result, $key );
			$this->assertSame( 'new', $entry['state'], $key );
			$this->assertNotSame( $this->aawp[ $key ], $entry['shelf'], 'a new ID: AAWP’s post keeps its own' );
			$stored = \Shelf\Tables::get( $entry['shelf'] );
			$this->assertIsArray( $stored, $key );
			$table = json_decode( (string) wp_json_encode( $stored['table'] ), true );
			foreach ( $expected as $field => $value ) {
				$this->assertSame( $value, $table[ $field ], "{$key}: {$field}" );
			}
			$this->assertSame( get_current_user_id(), $stored['author'] );
			$this->assertSame( $entry['shelf'], \Shelf\Aawp_Table_Ids::find( $this->aawp[ $key ] ) );
		}
		$this->assertSame( 0, \Shelf\Aawp_Table_Ids::find( $this->aawp['draft'] ), 'a draft is not imported' );
		$this->assertSame( 0, \Shelf\Aawp_Table_Ids::find( $this->aawp['hidden'] ), 'a table showing nothing is not imported' );
		$this->assertSame( 'Kettles compared', get_the_title( $this->entry( $result, 'kettles' )['shelf'] ) );
	}

	public function test_the_aawp_shortcode_renders_the_imported_table_as_configured(): void {
		$this->act_as( 'administrator' );
		self::new_page();
		$this->assertStringNotContainsString( 'data-shelf-id', do_shortcode( '[amazon table="' . $this->aawp['kettles'] . '"]' ), 'nothing before the import' );
		\Shelf\Aawp_Importer::apply();
		foreach ( array( 'kettles', 'grinders' ) as $key ) {
			self::new_page();
			$html     = do_shortcode( '[amazon table="' . $this->aawp[ $key ] . '"]' );
			$payloads = $this->payloads( $html );
			$this->assertCount( 1, $payloads, $key );
			$expected = self::expected()[ $key ];
			$options  = $payloads[0]['options'];
			$this->assertSame( $expected['products'], $payloads[0]['asins'] );
			$this->assertSame( $expected['hidden'], $options['hidden'] );
			$this->assertSame( $expected['highlight'], $options['highlight'] );
			$this->assertSame( $expected['ribbon'], $options['ribbon'] );
			$this->assertSame( $expected['labels'], $options['labels'] );
			$this->assertSame(
				array_map( static fn( array $r ): array => array( $r['type'], $r['hidden'], $r['hidden'] && 'title' !== $r['type'] ? null : $r['label'], $r['highlight'] ?? false ), $expected['rows'] ),
				array_map( static fn( array $r ): array => array( $r['type'], $r['hidden'], $r['label'] ?? null, $r['highlight'] ?? false ), $options['rows'] )
			);
		}
		// The hidden product's link is not among the visitors' links before the core renders.
		self::new_page();
		$html = do_shortcode( '[amazon table="' . $this->aawp['kettles'] . '"]' );
		$this->assertStringContainsString( '/dp/B0SHLFL002', $html );
		$this->assertStringNotContainsString( '/dp/B0SHLFM003', $html );
	}

	public function test_what_shelf_cannot_express_is_listed_per_table(): void {
		$this->act_as( 'administrator' );
		$plan = \Shelf\Aawp_Importer::plan();
		$this->assertStringContainsString( 'Highlight colours (#ff9900) are not kept', $this->notes( $plan, 'kettles' ) );
		$this->assertStringContainsString( 'Row “Price” links its cells to Amazon in AAWP', $this->notes( $plan, 'kettles' ) );
		$grinders = $this->notes( $plan, 'grinders' );
		foreach ( array(
			'Row “Model”: its label holds HTML',
			'Row “Extra” runs shortcodes in AAWP',
			'Row “Burrs”: in AAWP, the cells of B0SHLFQ005 have a type of their own',
			'Row “Manual”, B0SHLFQ005: the button’s own “new window” and “sponsored” choices are not kept',
			'B0SHLFP004 is highlighted; no longer highlighted: B0SHLFQ005',
		) as $note ) {
			$this->assertStringContainsString( $note, $grinders );
		}
		$this->assertStringContainsString( 'Product 2 (“not-an-asin”) is not a valid ASIN', $this->notes( $plan, 'mobile' ) );
		$this->assertStringContainsString( 'labels show on mobile devices only in AAWP', $this->notes( $plan, 'mobile' ) );
		$this->assertStringContainsString( 'Row “Divider” has the type “_divider_custom_”, which Shelf does not know; the row was left out.', $this->notes( $plan, 'mobile' ) );
		$this->assertStringNotContainsString( 'Row “Capacity & size”', $this->notes( $plan, 'kettles' ), 'an entity is no HTML to report' );
		$this->assertStringNotContainsString( 'custom HTML', $grinders, 'the administrator may post unfiltered HTML' );

		$deny = static fn( array $caps, string $cap ): array => 'unfiltered_html' === $cap ? array( 'do_not_allow' ) : $caps;
		add_filter( 'map_meta_cap', $deny, 10, 2 );
		$plan = \Shelf\Aawp_Importer::plan();
		remove_filter( 'map_meta_cap', $deny, 10 );
		$this->assertStringContainsString( 'Row “Notes” holds custom HTML, which Shelf shows only in tables whose author may post unfiltered HTML', $this->notes( $plan, 'grinders' ) );
	}

	public function test_every_setting_is_applied_and_the_rest_listed(): void {
		$this->act_as( 'administrator' );
		$result   = \Shelf\Aawp_Importer::apply();
		$settings = \Shelf\Settings::get();
		$this->assertSame( 'www.amazon.de', $settings['default_marketplace'] );
		$this->assertSame(
			array(
				'www.amazon.com'   => 'aawpfixture-20',
				'www.amazon.co.uk' => 'aawpfixture-uk-21',
				'www.amazon.de'    => 'aawpfixture-21',
			),
			$settings['tracking_ids']
		);
		$this->assertSame( 'amazon', $settings['shortcode'] );
		$this->assertTrue( $settings['localise'] );
		$this->assertSame( 'exact', $settings['localise_mode'], 'geotargeting to the product page' );
		$this->assertSame( 'dark', $settings['style'] );
		$this->assertSame( 'Check the price', $settings['button_text'] );
		$this->assertSame( array( get_locale() => 'As an Amazon Associate I earn from qualifying purchases.' ), $settings['disclosure'] );
		$this->assertSame( 12, $settings['lifetime_hours'], 'AAWP’s 720-minute cache' );
		$notes = implode( "\n", $result['settings']['notes'] );
		foreach ( array(
			'Tracking ID aawpfixture-23 for amazon.cn: Shelf does not serve this store.',
			'Tracking ID “Bad Tag!” for amazon.fr is not a valid tracking ID',
			'Detail button text “More details”',
			'Last-update info text “Last update on %last_update%”',
			'Last-update date format',
			'Disclaimer: Shelf’s disclosure is plain text, so its HTML was removed.',
			'Amazon API keys: not imported.',
			'AAWP licence: Shelf needs none',
			'Star rating size (“small”): Shelf has no such setting; not imported.',
			'Buy button style (“amazon”)',
			'Click tracking (“asin”)',
			'Link icon (“amazon”)',
			'Table highlight background colour (“#256aaf”)',
		) as $note ) {
			$this->assertStringContainsString( $note, $notes );
		}
		$this->assertStringNotContainsString( 'fixture-secret-never-shown', (string) wp_json_encode( $result ), 'no secret in the report' );
		$this->assertStringNotContainsString( 'AKIAFIXTUREKEY', (string) wp_json_encode( $result ) );
		$this->assertStringNotContainsString( 'lic-fixture', (string) wp_json_encode( $result ) );
		$this->assertDebugLogEmpty();
	}

	public function test_settings_shelf_cannot_take_are_explained_and_left(): void {
		$options = shelf_aawp_fixture_options();
		$options['aawp_general']['shortcode']      = 'aawp';
		$options['aawp_general']['cache_duration'] = '4320';
		$options['aawp_general']['disclaimer_text'] = 'Updated %last_update%';
		$options['aawp_output']['button_text']     = 'Buy for %price%';
		$options['aawp_functions']['box_style']    = 'wayl';
		$options['aawp_api']['country']            = 'cn';
		$this->set_settings( array( 'shortcode' => 'shelf', 'button_text' => 'Mine' ) );
		$map = \Shelf\Aawp_Settings_Map::map( $options, \Shelf\Settings::get() );
		$this->assertSame( 'shelf', $map['settings']['shortcode'] );
		$this->assertSame( 'Mine', $map['settings']['button_text'] );
		$this->assertSame( 24, $map['settings']['lifetime_hours'] );
		$this->assertSame( 'standard', $map['settings']['style'] );
		$this->assertSame( 'www.amazon.com', $map['settings']['default_marketplace'] );
		$this->assertSame( array(), $map['settings']['disclosure'] );
		$notes = implode( "\n", $map['notes'] );
		foreach ( array(
			'Shortcode name [aawp]: Shelf’s shortcode is [amazon] or [shelf]',
			'Cache duration of 72 hours',
			'%last_update%, which Shelf’s disclosure cannot',
			'Buy button text “Buy for %price%”',
			'Box style “wayl”',
			'Default store amazon.cn: Shelf does not serve this store',
		) as $note ) {
			$this->assertStringContainsString( $note, $notes );
		}
	}

	public function test_the_disclaimer_goes_to_the_sites_locale_only_where_shelf_can_keep_it(): void {
		$locale = static fn(): string => 'de_DE';
		add_filter( 'locale', $locale );
		$german = \Shelf\Aawp_Settings_Map::map( shelf_aawp_fixture_options(), \Shelf\Settings::get() );
		remove_filter( 'locale', $locale );
		$this->assertSame( array( 'de_DE' => 'As an Amazon Associate I earn from qualifying purchases.' ), $german['settings']['disclosure'] );

		$formal = static fn(): string => 'de_DE_formal';
		add_filter( 'locale', $formal );
		$map = \Shelf\Aawp_Settings_Map::map( shelf_aawp_fixture_options(), \Shelf\Settings::get() );
		remove_filter( 'locale', $formal );
		$this->assertSame( array(), $map['settings']['disclosure'] );
		$this->assertStringContainsString( 'the site’s locale de_DE_formal is not; Shelf keeps its default statement', implode( "\n", $map['notes'] ) );
	}

	public function test_aawp_products_are_queued_for_shelf_without_calling_amazon(): void {
		$this->act_as( 'administrator' );
		// A store this site knows no products of: every valid ASIN is new there.
		update_option( 'aawp_api', array( 'country' => 'it' ) + get_option( 'aawp_api' ) );
		$calls  = self::mock_calls();
		$result = \Shelf\Aawp_Importer::apply();
		$this->assertSame( 'www.amazon.it', $result['products']['market'] );
		$this->assertSame( 6, $result['products']['new'] );
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT asin, next_at, fetched_at FROM ' . \Shelf\Store_Schema::products_table() . " WHERE marketplace = %s ORDER BY asin", 'www.amazon.it' ), ARRAY_A ); // phpcs:ignore WordPress.DB
		$this->assertSame( array( 'B0SHLFD201', 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFP004', 'B0SHLFQ005' ), array_column( $rows, 'asin' ) );
		foreach ( $rows as $row ) {
			$this->assertSame( '0', (string) $row['next_at'], 'due for Shelf’s refresh' );
		}
		$this->assertSame( $calls, self::mock_calls(), 'no request to Amazon during the import' );
		$this->assertSame( 0, \Shelf\Aawp_Importer::plan()['products']['new'] );
	}

	public function test_a_second_run_changes_nothing_and_says_already_imported(): void {
		$this->act_as( 'administrator' );
		$first = \Shelf\Aawp_Importer::apply();
		// The owner adjusts Shelf after the import: a second run must not undo it.
		$settings                = \Shelf\Settings::get();
		$settings['button_text'] = 'My own text';
		update_option( \Shelf\Settings::OPTION, $settings );
		$before = self::snapshot();
		$plan   = \Shelf\Aawp_Importer::plan();
		$second = \Shelf\Aawp_Importer::apply();
		$this->assertSame( $before, self::snapshot(), 'the second run wrote nothing' );
		foreach ( array( 'kettles', 'grinders', 'mobile' ) as $key ) {
			foreach ( array( $plan, $second ) as $run ) {
				$this->assertSame( 'done', $this->entry( $run, $key )['state'], $key );
				$this->assertSame( $this->entry( $first, $key )['shelf'], $this->entry( $run, $key )['shelf'] );
			}
		}
		$this->assertSame( 'done', $second['settings']['state'] );

		// A table the owner trashed after the import is not imported again either.
		$kettles = $this->entry( $first, 'kettles' )['shelf'];
		wp_trash_post( $kettles );
		$third = \Shelf\Aawp_Importer::apply();
		$this->assertSame( 'done', $this->entry( $third, 'kettles' )['state'] );
		$this->assertSame( $kettles, $this->entry( $third, 'kettles' )['shelf'] );
		$this->assertSame( 0, \Shelf\Aawp_Table_Ids::find( $this->aawp['kettles'], array( 'publish' ) ) );
		$this->assertSame( 'My own text', \Shelf\Settings::get()['button_text'] );
		$this->assertSame( 0, $second['products']['new'] );
	}

	public function test_aawp_data_is_never_changed(): void {
		$this->act_as( 'administrator' );
		$before = self::aawp_part( self::snapshot() );
		\Shelf\Aawp_Importer::apply();
		$this->assertSame( $before, self::aawp_part( self::snapshot() ) );
	}

	public function test_posts_placing_an_aawp_table_count_as_using_the_imported_table(): void {
		$this->act_as( 'administrator' );
		$post = wp_insert_post( array( 'post_title' => 'Written for AAWP', 'post_status' => 'publish', 'post_content' => '[amazon table="' . $this->aawp['kettles'] . '"]' ) );
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
		$result    = \Shelf\Aawp_Importer::apply();
		$scheduled = wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK );
		for ( $runs = 0; $runs < 50 && false !== wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK ); $runs++ ) {
			wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
			\Shelf\Refresh::scan_content();
		}
		global $wpdb;
		$uses = $wpdb->get_col( $wpdb->prepare( 'SELECT ref FROM ' . \Shelf\Store_Schema::usage_table() . ' WHERE post_id = %d AND kind = %s', $post, \Shelf\Store_Usage::TABLE ) ); // phpcs:ignore WordPress.DB
		wp_delete_post( $post, true );
		$this->assertNotFalse( $scheduled, 'the content is scanned again' );
		$this->assertSame( array( (string) $this->entry( $result, 'kettles' )['shelf'] ), $uses );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ), \Shelf\Store_Usage::published( 'www.amazon.de', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ), 'visitors may get the table’s products' );
	}

	public function test_a_shelf_table_id_still_names_itself(): void {
		$this->act_as( 'administrator' );
		$result = \Shelf\Aawp_Importer::apply();
		$shelf  = $this->entry( $result, 'kettles' )['shelf'];
		$this->assertSame( $shelf, \Shelf\Tables::placed( $shelf ) );
		$this->assertSame( $shelf, \Shelf\Tables::placed( $this->aawp['kettles'] ) );
		$this->assertSame( $this->aawp['draft'], \Shelf\Tables::placed( $this->aawp['draft'] ), 'an AAWP table not imported stays unresolved' );
		$post = wp_insert_post( array( 'post_title' => 'Not a table', 'post_status' => 'publish' ) );
		$this->assertSame( $post, \Shelf\Tables::placed( $post ) );
		wp_delete_post( $post, true );
		// The usage Shelf records for a post placing the AAWP ID is the Shelf table's.
		$wanted = \Shelf\Shortcode::wanted( array( 'table' => (string) $this->aawp['kettles'] ) );
		$this->assertSame( array( $shelf ), $wanted['tables'] );
	}
}
