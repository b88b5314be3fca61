<?php
/**
 * REST routes of the table builder under shelf/v1.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Stored comparison tables over REST, for the builder ({@see Tables_Menu}):
 * - `GET    /shelf/v1/tables?search=&page=&per_page=` — `{items, total, pages}`, published
 *   tables, most recently modified first;
 * - `POST   /shelf/v1/tables` `{title, table}` — creates a table (201);
 * - `GET    /shelf/v1/tables/<id>` — one table;
 * - `PUT|POST /shelf/v1/tables/<id>` `{title?, table}` — updates it (the author stays);
 * - `DELETE /shelf/v1/tables/<id>` — moves it to the Trash;
 * - `GET    /shelf/v1/tables/<id>/revisions?page=&per_page=` — its saved versions, newest first;
 * - `POST   /shelf/v1/tables/<id>/revisions/<revision>/restore` — saves that version again.
 *
 * Every route needs the table capabilities of {@see Table_Caps} (the one table's `edit_post`
 * or `delete_post` where there is an ID) and, with cookie authentication, the `wp_rest` nonce.
 * A body is checked against {@see Table_Schema}, then {@see Tables::save()} decides (its
 * refusals answer 400 with its message). Saving a table that adds an `html` row or changes one
 * needs `unfiltered_html` (403 otherwise, nothing stored). Restoring a revision is such a save.
 *
 * @since 0.2.0
 */
final class Rest_Tables {

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
		$id    = array(
			'id' => array(
				'type'        => 'integer',
				'minimum'     => 1,
				'description' => __( 'Table ID.', 'shelf' ),
			),
		);
		$pages = array(
			'page'     => array(
				'type'    => 'integer',
				'minimum' => 1,
				'default' => 1,
			),
			'per_page' => array(
				'type'    => 'integer',
				'minimum' => 1,
				'maximum' => 100,
				'default' => 20,
			),
		);
		$title = array(
			'type'        => 'string',
			'maxLength'   => 200,
			'description' => __( 'The table’s admin title (plain text).', 'shelf' ),
		);
		$table = Table_Schema::table();
		register_rest_route(
			Rest::NAMESPACE,
			'/tables',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'list_tables' ),
					'permission_callback' => array( $this, 'can_list' ),
					'args'                => $pages + array(
						'search' => array(
							'type'      => 'string',
							'maxLength' => 200,
						),
					),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create' ),
					'permission_callback' => array( Table_Caps::class, 'can_create' ),
					'args'                => array(
						'title' => $title + array( 'required' => true ),
						'table' => $table + array( 'required' => true ),
					),
				),
			)
		);
		register_rest_route(
			Rest::NAMESPACE,
			'/tables/(?P<id>\d+)',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_table' ),
					'permission_callback' => array( $this, 'can_edit' ),
					'args'                => $id,
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update' ),
					'permission_callback' => array( $this, 'can_edit' ),
					'args'                => $id + array(
						'title' => $title,
						'table' => $table + array( 'required' => true ),
					),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'trash' ),
					'permission_callback' => array( $this, 'can_delete' ),
					'args'                => $id,
				),
			)
		);
		register_rest_route(
			Rest::NAMESPACE,
			'/tables/(?P<id>\d+)/revisions',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'revisions' ),
				'permission_callback' => array( $this, 'can_edit' ),
				'args'                => $id + $pages,
			)
		);
		register_rest_route(
			Rest::NAMESPACE,
			'/tables/(?P<id>\d+)/revisions/(?P<revision>\d+)/restore',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'restore' ),
				'permission_callback' => array( $this, 'can_edit' ),
				'args'                => $id + array(
					'revision' => array(
						'type'        => 'integer',
						'minimum'     => 1,
						'description' => __( 'Revision ID.', 'shelf' ),
					),
				),
			)
		);
	}

	/**
	 * Permission: the list of tables.
	 */
	public function can_list(): bool {
		return current_user_can( 'edit_shelf_tables' );
	}

	/**
	 * Permission: reading, updating and restoring one table needs `edit_post` on it. An ID that
	 * is no table needs the table capability, and then answers 404.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function can_edit( \WP_REST_Request $request ): bool {
		$id = (int) $request['id'];
		return self::is_table( $id ) ? current_user_can( 'edit_post', $id ) : current_user_can( 'edit_shelf_tables' );
	}

	/**
	 * Permission: trashing a table needs `delete_post` on it.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function can_delete( \WP_REST_Request $request ): bool {
		$id = (int) $request['id'];
		return self::is_table( $id ) ? current_user_can( 'delete_post', $id ) : current_user_can( 'edit_shelf_tables' );
	}

	/**
	 * Whether an ID is a table post (in any status).
	 *
	 * @param int $id Post ID.
	 */
	private static function is_table( int $id ): bool {
		return $id > 0 && Tables::POST_TYPE === get_post_type( $id );
	}

	/**
	 * GET /tables.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function list_tables( \WP_REST_Request $request ): \WP_REST_Response {
		$args  = array(
			'post_type'           => Tables::POST_TYPE,
			'post_status'         => 'publish',
			's'                   => (string) $request['search'],
			'search_columns'      => array( 'post_title' ),
			'orderby'             => 'modified',
			'order'               => 'DESC',
			'posts_per_page'      => (int) $request['per_page'],
			'paged'               => (int) $request['page'],
			'ignore_sticky_posts' => true,
		);
		$query = new \WP_Query( $args );
		$total = (int) $query->found_posts;
		if ( ! $query->posts && $args['paged'] > 1 ) {
			// WordPress counts nothing for a page past the end: count the first page's query.
			$total = (int) ( new \WP_Query( array( 'paged' => 1, 'fields' => 'ids' ) + $args ) )->found_posts;
		}
		$items = array();
		foreach ( $query->posts as $post ) {
			$table   = Tables::data( $post->ID );
			$can     = current_user_can( 'edit_post', $post->ID );
			$items[] = array(
				'id'        => $post->ID,
				'title'     => $post->post_title,
				'products'  => is_wp_error( $table ) ? 0 : count( $table['products'] ),
				'modified'  => self::time( $post, 'post_modified_gmt' ),
				'author'    => self::author( (int) $post->post_author ),
				'shortcode' => Tables::shortcode( $post->ID ),
				'editUrl'   => $can ? Tables_Menu::builder_url( $post->ID ) : null,
				'canEdit'   => $can,
				'canDelete' => current_user_can( 'delete_post', $post->ID ),
			);
		}
		return self::paged( $items, $total, (int) $request['per_page'] );
	}

	/**
	 * GET /tables/<id>.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_table( \WP_REST_Request $request ) {
		$id = (int) $request['id'];
		return self::published( $id ) ?? new \WP_REST_Response( self::answer( $id ) );
	}

	/**
	 * POST /tables.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create( \WP_REST_Request $request ) {
		$id = self::store( (array) $request['table'], (string) $request['title'], 0 );
		if ( is_wp_error( $id ) ) {
			return $id;
		}
		$response = new \WP_REST_Response( self::answer( $id ), 201 );
		$response->header( 'Location', rest_url( Rest::NAMESPACE . '/tables/' . $id ) );
		return $response;
	}

	/**
	 * PUT|POST /tables/<id>.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update( \WP_REST_Request $request ) {
		$id      = (int) $request['id'];
		$missing = self::published( $id );
		if ( $missing ) {
			return $missing;
		}
		$title = null === $request['title'] ? get_post( $id )->post_title : (string) $request['title'];
		$saved = self::store( (array) $request['table'], $title, $id );
		return is_wp_error( $saved ) ? $saved : new \WP_REST_Response( self::answer( $id ) );
	}

	/**
	 * DELETE /tables/<id>: to the Trash, from where the list's Restore brings it back.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function trash( \WP_REST_Request $request ) {
		$id      = (int) $request['id'];
		$missing = self::published( $id );
		if ( $missing ) {
			return $missing;
		}
		if ( ! wp_trash_post( $id ) ) {
			return new \WP_Error( 'shelf_table_trash', __( 'The table could not be moved to the Trash.', 'shelf' ), array( 'status' => 500 ) );
		}
		return new \WP_REST_Response(
			array(
				'id'      => $id,
				'trashed' => true,
			)
		);
	}

	/**
	 * GET /tables/<id>/revisions: each saved version with its data, newest first.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function revisions( \WP_REST_Request $request ) {
		$id      = (int) $request['id'];
		$missing = self::published( $id );
		if ( $missing ) {
			return $missing;
		}
		$per_page = (int) $request['per_page'];
		$all      = wp_get_post_revisions( $id, array( 'fields' => 'ids' ) );
		$page     = wp_get_post_revisions(
			$id,
			array(
				'posts_per_page' => $per_page,
				'paged'          => (int) $request['page'],
			)
		);
		$post     = get_post( $id );
		$current  = get_post_meta( $id, Tables::META, true );
		$items    = array();
		foreach ( $page as $revision ) {
			$table   = Tables::data( $revision->ID );
			$items[] = array(
				'id'      => $revision->ID,
				'date'    => self::time( $revision, 'post_date_gmt' ),
				'author'  => self::author( (int) $revision->post_author ),
				'title'   => $revision->post_title,
				'table'   => is_wp_error( $table ) ? null : $table,
				'current' => $revision->post_title === $post->post_title && get_post_meta( $revision->ID, Tables::META, true ) === $current,
			);
		}
		return self::paged( $items, count( $all ), $per_page );
	}

	/**
	 * POST /tables/<id>/revisions/<revision>/restore: the revision's title and data are saved
	 * as the table's current version (a new revision), through the same checks as an update.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function restore( \WP_REST_Request $request ) {
		$id      = (int) $request['id'];
		$missing = self::published( $id );
		if ( $missing ) {
			return $missing;
		}
		$revision = (int) $request['revision'];
		$revision = wp_get_post_revision( $revision ); // Takes its argument by reference.
		if ( ! $revision || (int) $revision->post_parent !== $id ) {
			return new \WP_Error( 'shelf_revision_unknown', __( 'This table has no such revision.', 'shelf' ), array( 'status' => 404 ) );
		}
		$table = Tables::data( $revision->ID );
		if ( is_wp_error( $table ) ) {
			return new \WP_Error( $table->get_error_code(), $table->get_error_message(), array( 'status' => 400 ) );
		}
		$saved = self::store( $table, $revision->post_title, $id );
		return is_wp_error( $saved ) ? $saved : new \WP_REST_Response( self::answer( $id ) );
	}

	/**
	 * A 404 error unless the ID is a published table (trashed tables are not edited).
	 *
	 * @param int $id Post ID.
	 */
	private static function published( int $id ): ?\WP_Error {
		if ( self::is_table( $id ) && 'publish' === get_post_status( $id ) ) {
			return null;
		}
		/* translators: %d: table ID. */
		return new \WP_Error( 'shelf_table_unknown', sprintf( __( 'There is no Shelf table with ID %d.', 'shelf' ), $id ), array( 'status' => 404 ) );
	}

	/**
	 * Validates and saves a table under the HTML-row rule.
	 *
	 * @param array<string, mixed> $table Table as sent.
	 * @param string               $title Title.
	 * @param int                  $id    Table to update, or 0 to create one.
	 * @return int|\WP_Error
	 */
	private static function store( array $table, string $title, int $id ) {
		$clean = Tables::validate( $table );
		if ( is_wp_error( $clean ) ) {
			return new \WP_Error( $clean->get_error_code(), $clean->get_error_message(), array( 'status' => 400 ) );
		}
		$before = $id ? Tables::data( $id ) : null;
		if ( ! current_user_can( 'unfiltered_html' ) && Table_Caps::html_changed( is_wp_error( $before ) ? null : $before, $clean ) ) {
			return new \WP_Error( 'shelf_table_html', __( 'Only users who may publish unfiltered HTML can add custom HTML rows or change their content. Nothing was saved.', 'shelf' ), array( 'status' => 403 ) );
		}
		$saved = Tables::save( $table, $title, $id );
		if ( is_wp_error( $saved ) ) {
			return new \WP_Error( $saved->get_error_code(), $saved->get_error_message(), array( 'status' => str_starts_with( $saved->get_error_code(), 'shelf_table_' ) ? 400 : 500 ) );
		}
		return $saved;
	}

	/**
	 * One table as every route answers it.
	 *
	 * @param int $id A published table.
	 * @return array<string, mixed>
	 */
	private static function answer( int $id ): array {
		$post   = get_post( $id );
		$author = (int) $post->post_author;
		$table  = Tables::data( $id );
		return array(
			'id'                => $id,
			'title'             => $post->post_title,
			'table'             => is_wp_error( $table ) ? null : $table,
			'author'            => self::author( $author ),
			'modified'          => self::time( $post, 'post_modified_gmt' ),
			'shortcode'         => Tables::shortcode( $id ),
			'editUrl'           => Tables_Menu::builder_url( $id ),
			'canUnfilteredHtml' => current_user_can( 'unfiltered_html' ),
			'rendersHtml'       => user_can( $author, 'unfiltered_html' ),
			'canDelete'         => current_user_can( 'delete_post', $id ),
		);
	}

	/**
	 * A user as the answers name them.
	 *
	 * @param int $id User ID.
	 * @return array{id: int, name: string}
	 */
	private static function author( int $id ): array {
		$user = get_userdata( $id );
		return array(
			'id'   => $id,
			'name' => $user ? $user->display_name : '',
		);
	}

	/**
	 * A post's GMT date field in ISO 8601 (UTC).
	 *
	 * @param \WP_Post $post  Post.
	 * @param string   $field `post_date_gmt` or `post_modified_gmt`.
	 */
	private static function time( \WP_Post $post, string $field ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', (int) strtotime( $post->$field . ' UTC' ) );
	}

	/**
	 * A page of a collection: `{items, total, pages}`, and WordPress's X-WP-Total and
	 * X-WP-TotalPages headers.
	 *
	 * @param list<array<string, mixed>> $items    This page's items.
	 * @param int                        $total    Items on all pages.
	 * @param int                        $per_page Page size.
	 */
	private static function paged( array $items, int $total, int $per_page ): \WP_REST_Response {
		$pages    = (int) ceil( $total / max( 1, $per_page ) );
		$response = new \WP_REST_Response(
			array(
				'items' => $items,
				'total' => $total,
				'pages' => $pages,
			)
		);
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) $pages );
		return $response;
	}
}
