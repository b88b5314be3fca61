<?php
/**
 * REST routes of the site-wide link audit under shelf/v1.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The link audit's routes ({@see Link_Audit_Page}); the audit itself runs in the browser, with
 * the core:
 * - `GET  /shelf/v1/audit/posts?after=&limit=` — the next posts by ID (keyset pagination):
 *   `{posts: [{id, title, type, typeLabel, status, editUrl, content, hash}], next, examined,
 *   total?}`. Raw content, at most {@see self::MAX_BYTES} of it per answer (at least one post);
 *   `next` is the `after` of the following call (null at the end), `examined` the posts looked
 *   at (posts the user may not edit are left out), `total` (first call only) the posts in scope.
 *   `?include=1,2` answers those posts instead (re-checking after an apply).
 * - `POST /shelf/v1/audit/posts/<id>` `{content, hash}` — writes the content the audit proposes,
 *   through `wp_update_post` (kses and hooks as for any save; a revision keeps each version, so
 *   the change can be undone). `hash` is the SHA-256 of the content the scan saw: when the post
 *   changed since, nothing is written (409).
 * - `POST /shelf/v1/audit/resolve` `{urls}` — short links resolved by {@see Short_Links}.
 *
 * In scope: every public post type but attachments, plus `wp_block` (reusable blocks and
 * patterns), in any status but trash and auto-draft, whether or not the type is in the REST API.
 * Every route needs `edit_others_posts` (the audit's capability) and, with cookie
 * authentication, the `wp_rest` nonce; writing a post needs `edit_post` on it too.
 *
 * @since 0.2.0
 */
final class Rest_Audit {

	/** Content bytes per batch answer. */
	public const MAX_BYTES = 2 * 1024 * 1024;

	/** Statuses the audit covers. */
	public const STATUSES = array( 'publish', 'future', 'draft', 'pending', 'private' );

	/**
	 * Constructor.
	 *
	 * @param Short_Links $short_links Short-link resolver.
	 */
	public function __construct( private Short_Links $short_links ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Hooked to `rest_api_init`.
	 */
	public function register_routes(): void {
		register_rest_route(
			Rest::NAMESPACE,
			'/audit/posts',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'posts' ),
				'permission_callback' => array( $this, 'can_audit' ),
				'args'                => array(
					'after'   => array(
						'type'    => 'integer',
						'minimum' => 0,
						'default' => 0,
					),
					'limit'   => array(
						'type'    => 'integer',
						'minimum' => 1,
						'maximum' => 500,
						'default' => 100,
					),
					'include' => array(
						'type'     => 'array',
						'items'    => array(
							'type'    => 'integer',
							'minimum' => 1,
						),
						'maxItems' => 100,
					),
				),
			)
		);
		register_rest_route(
			Rest::NAMESPACE,
			'/audit/posts/(?P<id>\d+)',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'apply' ),
				'permission_callback' => array( $this, 'can_apply' ),
				'args'                => array(
					'id'      => array(
						'type'    => 'integer',
						'minimum' => 1,
					),
					'content' => array(
						'type'     => 'string',
						'required' => true,
					),
					'hash'    => array(
						'type'        => 'string',
						'required'    => true,
						'pattern'     => '^[0-9a-f]{64}$',
						'description' => __( 'SHA-256 of the content the scan saw.', 'shelf' ),
					),
				),
			)
		);
		register_rest_route(
			Rest::NAMESPACE,
			'/audit/resolve',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'resolve' ),
				'permission_callback' => array( $this, 'can_audit' ),
				'args'                => array(
					'urls' => array(
						'type'     => 'array',
						'required' => true,
						'minItems' => 1,
						'maxItems' => Short_Links::MAX_URLS,
						'items'    => array(
							'type'      => 'string',
							'maxLength' => Short_Links::MAX_URL_LENGTH,
						),
					),
				),
			)
		);
	}

	/**
	 * Permission: the audit's capability.
	 */
	public function can_audit(): bool {
		return current_user_can( Link_Audit_Page::CAPABILITY );
	}

	/**
	 * Permission: the audit's capability and editing this post. An ID outside the audit's scope
	 * needs only the former, and then answers 404.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function can_apply( \WP_REST_Request $request ): bool {
		$id = (int) $request['id'];
		return $this->can_audit() && ( ! self::in_scope( $id ) || current_user_can( 'edit_post', $id ) );
	}

	/**
	 * Post types the audit covers.
	 *
	 * @return list<string>
	 */
	public static function post_types(): array {
		$types   = array_values( array_diff( get_post_types( array( 'public' => true ) ), array( 'attachment' ) ) );
		$types[] = 'wp_block';
		return array_values( array_unique( $types ) );
	}

	/**
	 * Whether a post is one the audit covers.
	 *
	 * @param int $id Post ID.
	 */
	private static function in_scope( int $id ): bool {
		$post = $id > 0 ? get_post( $id ) : null;
		return $post instanceof \WP_Post && in_array( $post->post_type, self::post_types(), true ) && in_array( $post->post_status, self::STATUSES, true );
	}

	/**
	 * GET /audit/posts.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function posts( \WP_REST_Request $request ): \WP_REST_Response {
		$include = array_map( 'intval', (array) ( $request['include'] ?? array() ) );
		if ( $include ) {
			$ids = array_values( array_filter( $include, array( self::class, 'in_scope' ) ) );
			_prime_post_caches( $ids, false, false );
			return new \WP_REST_Response( array( 'posts' => $this->answers( $ids ) ) );
		}
		$after = (int) $request['after'];
		$limit = (int) $request['limit'];
		$rows  = $this->next_rows( $after, $limit );
		// Whole posts up to MAX_BYTES, and at least one however large.
		$ids   = array();
		$bytes = 0;
		foreach ( $rows as $row ) {
			$bytes += (int) $row->size;
			if ( $ids && $bytes > self::MAX_BYTES ) {
				break;
			}
			$ids[] = (int) $row->ID;
		}
		_prime_post_caches( $ids, false, false );
		$more   = count( $ids ) < count( $rows ) || count( $rows ) === $limit;
		$answer = array(
			'posts'    => $this->answers( $ids ),
			'next'     => $more && $ids ? end( $ids ) : null,
			'examined' => count( $ids ),
		);
		if ( 0 === $after ) {
			$answer['total'] = $this->count();
		}
		return new \WP_REST_Response( $answer );
	}

	/**
	 * IDs and content sizes of the next posts in scope after an ID.
	 *
	 * @param int $after Last ID seen.
	 * @param int $limit Rows.
	 * @return list<object{ID: string, size: string}>
	 */
	private function next_rows( int $after, int $limit ): array {
		global $wpdb;
		[ $where, $values ] = self::scope_sql();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- keyset pagination over posts WP_Query cannot express; placeholders only.
		return $wpdb->get_results( $wpdb->prepare( "SELECT ID, LENGTH(post_content) AS size FROM {$wpdb->posts} WHERE ID > %d AND {$where} ORDER BY ID ASC LIMIT %d", $after, ...array_merge( $values, array( $limit ) ) ) );
	}

	/**
	 * Posts in scope (the user may edit fewer).
	 */
	private function count(): int {
		global $wpdb;
		[ $where, $values ] = self::scope_sql();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- placeholders only.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE {$where}", ...$values ) );
	}

	/**
	 * The scope as a WHERE clause with placeholders, and its values.
	 *
	 * @return array{0: string, 1: list<string>}
	 */
	private static function scope_sql(): array {
		$types = self::post_types();
		$in    = static fn( array $list ): string => implode( ',', array_fill( 0, count( $list ), '%s' ) );
		return array( 'post_type IN (' . $in( $types ) . ') AND post_status IN (' . $in( self::STATUSES ) . ')', array_merge( $types, self::STATUSES ) );
	}

	/**
	 * The posts as the audit reads them, leaving out those the user may not edit.
	 *
	 * @param list<int> $ids Post IDs (caches primed).
	 * @return list<array<string, mixed>>
	 */
	private function answers( array $ids ): array {
		$posts = array();
		foreach ( $ids as $id ) {
			$post = get_post( $id );
			if ( ! $post || ! current_user_can( 'edit_post', $id ) ) {
				continue;
			}
			$type    = get_post_type_object( $post->post_type );
			$posts[] = array(
				'id'        => $post->ID,
				'title'     => $post->post_title,
				'type'      => $post->post_type,
				'typeLabel' => $type ? $type->labels->singular_name : $post->post_type,
				'status'    => $post->post_status,
				'editUrl'   => (string) get_edit_post_link( $post->ID, 'raw' ),
				'content'   => $post->post_content,
				'hash'      => hash( 'sha256', $post->post_content ),
			);
		}
		return $posts;
	}

	/**
	 * POST /audit/posts/<id>.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function apply( \WP_REST_Request $request ) {
		$id = (int) $request['id'];
		if ( ! self::in_scope( $id ) ) {
			return new \WP_Error( 'shelf_audit_not_found', __( 'There is no post the link audit covers with this ID.', 'shelf' ), array( 'status' => 404 ) );
		}
		$post = get_post( $id );
		if ( ! hash_equals( hash( 'sha256', $post->post_content ), (string) $request['hash'] ) ) {
			return new \WP_Error( 'shelf_audit_changed', __( 'This post changed after the scan, so nothing was written. Scan again to see its links as they are now.', 'shelf' ), array( 'status' => 409 ) );
		}
		// A revision of the content as it is now, unless the latest one holds it already: posts
		// written by imports or other routes may have none, and then the change could not be undone.
		wp_save_post_revision( $id );
		$saved = wp_update_post(
			wp_slash(
				array(
					'ID'           => $id,
					'post_content' => (string) $request['content'],
				)
			),
			true
		);
		if ( is_wp_error( $saved ) ) {
			return new \WP_Error( 'shelf_audit_save', $saved->get_error_message(), array( 'status' => 500 ) );
		}
		$post      = get_post( $id );
		$revisions = wp_get_post_revisions(
			$id,
			array(
				'posts_per_page' => 1,
				'fields'         => 'ids',
			)
		);
		$revision  = $revisions ? (int) reset( $revisions ) : 0;
		return new \WP_REST_Response(
			array(
				'id'          => $id,
				'hash'        => hash( 'sha256', $post->post_content ),
				'revision'    => $revision ? $revision : null,
				'revisionUrl' => $revision ? admin_url( 'revision.php?revision=' . $revision ) : null,
			)
		);
	}

	/**
	 * POST /audit/resolve.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function resolve( \WP_REST_Request $request ): \WP_REST_Response {
		$urls = array_map( 'strval', (array) $request['urls'] );
		return new \WP_REST_Response( array( 'results' => (object) $this->short_links->resolve( $urls ) ) );
	}
}
