<?php
/**
 * How much content may register, and telling admins when a limit bites.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Every registered product and list costs Creators API requests on every refresh, so one post
 * and the whole site may register only so many (filterable, within bounds). What is over a limit
 * is left out, never fetched; an admin notice names the posts and the site limit that were hit
 * until the cause is gone (the post is saved within its limit, or the daily expiry finds room).
 *
 * @since 0.2.0
 */
final class Store_Caps {

	/** The State row that remembers which limits were hit. */
	private const STATE = 'caps:hit';

	/** Posts named in the notice at most. */
	private const NOTICE_POSTS = 5;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'admin_notices', array( $this, 'notice' ) );
	}

	/**
	 * Products one post may register.
	 */
	public static function post_products(): int {
		/**
		 * Filters how many products one post may register for background fetching. Clamped to
		 * 1–1000.
		 *
		 * @since 0.2.0
		 *
		 * @param int $products Default 100.
		 */
		return Tunable::clamp( apply_filters( 'shelf_max_products_per_post', 100 ), 100, 1, 1000 );
	}

	/**
	 * Bestseller and new-release lists one post may register.
	 */
	public static function post_lists(): int {
		/**
		 * Filters how many bestseller and new-release lists one post may register. Clamped to
		 * 1–100.
		 *
		 * @since 0.2.0
		 *
		 * @param int $lists Default 10.
		 */
		return Tunable::clamp( apply_filters( 'shelf_max_lists_per_post', 10 ), 10, 1, 100 );
	}

	/**
	 * Products the store may hold.
	 */
	public static function site_products(): int {
		/**
		 * Filters how many products the store may hold across all marketplaces for placements.
		 * Copies kept for visitors sent to another store do not count; each such store keeps
		 * at most this many of the most used. Clamped to 100–1,000,000.
		 *
		 * @since 0.2.0
		 *
		 * @param int $products Default 10,000.
		 */
		return Tunable::clamp( apply_filters( 'shelf_max_products', 10000 ), 10000, 100, 1000000 );
	}

	/**
	 * Lists the store may hold.
	 */
	public static function site_lists(): int {
		/**
		 * Filters how many bestseller and new-release lists the store may hold. Clamped to
		 * 1–10,000.
		 *
		 * @since 0.2.0
		 *
		 * @param int $lists Default 200.
		 */
		return Tunable::clamp( apply_filters( 'shelf_max_lists', 200 ), 200, 1, 10000 );
	}

	/**
	 * Records whether a post's last save went over its limits.
	 *
	 * @param int  $post_id Post ID.
	 * @param bool $over    Whether something was left out.
	 */
	public static function post_over( int $post_id, bool $over ): void {
		$hit = self::hit();
		if ( $over === isset( $hit['posts'][ $post_id ] ) ) {
			return;
		}
		if ( $over ) {
			$hit['posts'][ $post_id ] = true;
		} else {
			unset( $hit['posts'][ $post_id ] );
		}
		self::save( $hit );
	}

	/**
	 * Records whether the site is at a limit.
	 *
	 * @param string $what `products` or `lists`.
	 * @param bool   $over Whether something was left out.
	 */
	public static function site_over( string $what, bool $over ): void {
		$hit = self::hit();
		if ( $over === ! empty( $hit['site'][ $what ] ) ) {
			return;
		}
		$hit['site'][ $what ] = $over;
		self::save( $hit );
	}

	/**
	 * Hooked to `admin_notices`: the limits that were hit, to the people who can act on them.
	 */
	public function notice(): void {
		$hit   = self::hit();
		$lines = array(); // Each: text, and the post's edit link or ''.
		if ( current_user_can( 'manage_options' ) ) {
			if ( ! empty( $hit['site']['products'] ) ) {
				/* translators: %s: the limit. */
				$lines[] = array( sprintf( __( 'The store holds the most products it may (%s); products new to your content are not fetched. Remove placements you no longer need, or raise the limit with the shelf_max_products filter.', 'shelf' ), number_format_i18n( self::site_products() ) ), '' );
			}
			if ( ! empty( $hit['site']['lists'] ) ) {
				/* translators: %s: the limit. */
				$lines[] = array( sprintf( __( 'The store holds the most bestseller and new-release lists it may (%s); new lists are not fetched. Raise the limit with the shelf_max_lists filter.', 'shelf' ), number_format_i18n( self::site_lists() ) ), '' );
			}
		}
		$shown = 0;
		foreach ( array_keys( $hit['posts'] ) as $post_id ) {
			$post = get_post( (int) $post_id );
			if ( ! $post || ! current_user_can( 'edit_post', $post->ID ) || ++$shown > self::NOTICE_POSTS ) {
				continue;
			}
			$lines[] = array(
				sprintf(
					/* translators: 1: post title, 2: products per post, 3: lists per post. */
					__( '“%1$s” places more than %2$d products or %3$d lists; only the first are fetched.', 'shelf' ),
					get_the_title( $post ),
					self::post_products(),
					self::post_lists()
				),
				(string) get_edit_post_link( $post->ID, 'raw' ),
			);
		}
		foreach ( $lines as [ $text, $url ] ) {
			printf(
				'<div class="notice notice-warning"><p><strong>%1$s</strong> %2$s%3$s</p></div>',
				esc_html__( 'Shelf:', 'shelf' ),
				esc_html( $text ),
				'' === $url ? '' : sprintf( ' <a href="%s">%s</a>', esc_url( $url ), esc_html__( 'Edit the post', 'shelf' ) )
			);
		}
	}

	/**
	 * The limits hit so far.
	 *
	 * @return array{site: array<string, bool>, posts: array<int, true>}
	 */
	private static function hit(): array {
		$row  = State::get( self::STATE );
		$data = null === $row ? null : json_decode( (string) $row['data'], true );
		return array(
			'site'  => (array) ( $data['site'] ?? array() ),
			'posts' => (array) ( $data['posts'] ?? array() ),
		);
	}

	/**
	 * Stores the limits hit.
	 *
	 * @param array{site: array<string, bool>, posts: array<int, true>} $hit Limits hit.
	 */
	private static function save( array $hit ): void {
		State::put( self::STATE, 0, (string) wp_json_encode( array( 'site' => (object) $hit['site'], 'posts' => (object) $hit['posts'] ) ) );
	}
}
