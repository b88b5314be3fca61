<?php
/**
 * S18, the static policy of security.md §7, over every PHP file Shelf ships (php/, plugin/):
 * - output: every `echo`/`print`/`printf`/`vprintf` argument is escaped where it is printed
 *   (esc_*, wp_kses*, a number, a literal); no `_e(`/`_ex(`;
 * - no `wp_redirect(`, `unserialize(`, `eval`, `extract(`, `create_function(`, backticks, and
 *   `do_shortcode(` only on a literal;
 * - every `register_rest_route(` names a `permission_callback`;
 * - a file that hooks `wp_ajax_*`/`admin_post_*` checks a capability and a nonce;
 * - every `$wpdb` query is `$wpdb->prepare(…)`d, or a string whose only interpolations are
 *   table names (`{$wpdb->…}` or a variable the same file assigns from `$wpdb->…`, a
 *   `Store_Schema::…()` or `Table_Schema::…()` call);
 * A reviewed exception to the output or the query rule carries, on its line, the matching
 * `phpcs:ignore WordPress.Security.EscapeOutput…` or `…PreparedSQL.(Interpolated)NotPrepared
 * -- reason`.
 * - an ABSPATH (or WP_UNINSTALL_PLUGIN) guard before any code;
 * - no script or style enqueued from another host.
 * Prints each finding as file:line: rule — code, and exits 1 when there is one.
 * Usage: php tests/tools/static-policy/static-policy.php [ROOT] (ROOT holds php/ and plugin/)
 *
 * @package Shelf
 */

$root  = rtrim( $argv[1] ?? dirname( __DIR__, 3 ), '/' );
$files = array();
foreach ( array( 'php', 'plugin' ) as $dir ) {
	$it = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "$root/$dir", FilesystemIterator::SKIP_DOTS ) );
	foreach ( $it as $file ) {
		if ( str_ends_with( $file->getFilename(), '.php' ) ) {
			$files[] = $file->getPathname();
		}
	}
}
sort( $files );

$findings = array();
$reviewed = 0;
foreach ( $files as $path ) {
	$rel    = substr( $path, strlen( $root ) + 1 );
	$source = (string) file_get_contents( $path );
	foreach ( policy_findings( $source, $reviewed ) as $f ) {
		$findings[] = "$rel:{$f[0]}: {$f[1]}";
	}
}
foreach ( $findings as $line ) {
	echo $line, "\n";
}
printf( "static policy (S18): %d PHP files, %d findings, %d reviewed exceptions (phpcs:ignore with a reason)\n", count( $files ), count( $findings ), $reviewed );
exit( array() === $findings ? 0 : 1 );

/**
 * The policy's findings in one file.
 *
 * @param string $source   PHP source.
 * @param int    $reviewed Counts reviewed output exceptions.
 * @return list<array{0: int, 1: string}> Line and message.
 */
function policy_findings( string $source, int &$reviewed ): array {
	$all    = token_get_all( $source );
	$tokens = array(); // Significant tokens: [id, text, line].
	$lines  = explode( "\n", $source );
	$line   = 1;
	foreach ( $all as $t ) {
		$tok = is_array( $t ) ? $t : array( 0, $t, $line );
		$line = $tok[2] + substr_count( $tok[1], "\n" );
		if ( ! in_array( $tok[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) {
			$tokens[] = $tok;
		}
	}
	$out = array();

	// The guard: the first statement after `<?php` and an optional namespace.
	$i = 1;
	if ( T_NAMESPACE === ( $tokens[ $i ][0] ?? null ) ) {
		while ( isset( $tokens[ $i ] ) && ';' !== $tokens[ $i ][1] ) {
			++$i;
		}
		++$i;
	}
	$head = implode( '', array_map( static fn( $t ) => $t[1], array_slice( $tokens, $i, 14 ) ) );
	if ( ! preg_match( "/^(if\(!defined\('(ABSPATH|WP_UNINSTALL_PLUGIN)'\)\)\{exit;\}|defined\('ABSPATH'\)\|\|exit;)/", $head ) ) {
		$out[] = array( $tokens[ $i ][2] ?? 1, 'no ABSPATH guard before the first statement' );
	}

	// Variables this file assigns a table name to.
	$table_vars = array();
	foreach ( $tokens as $k => $t ) {
		if ( T_VARIABLE === $t[0] && '=' === ( $tokens[ $k + 1 ][1] ?? '' ) ) {
			$rhs = implode( '', array_map( static fn( $t ) => $t[1], array_slice( $tokens, $k + 2, 5 ) ) );
			if ( preg_match( '/^(\$wpdb->(?!prepare)\w+[;.]|\\\\?(Shelf\\\\)?(Store_Schema|Table_Schema)::\w+\(\)|self::\w+_table\(\)|implode\(\',\',array_fill)/', $rhs ) ) {
				$table_vars[ $t[1] ] = true;
			}
		}
	}

	$count = count( $tokens );
	for ( $k = 0; $k < $count; $k++ ) {
		[ $id, $text, $ln ] = $tokens[ $k ];
		$lower              = strtolower( $text );
		$prev               = $tokens[ $k - 1 ][1] ?? '';
		$is_call            = T_STRING === $id && '(' === ( $tokens[ $k + 1 ][1] ?? '' ) && '->' !== $prev && '::' !== $prev && T_FUNCTION !== ( $tokens[ $k - 1 ][0] ?? null );
		$line_text          = $lines[ $ln - 1 ] ?? '';

		if ( T_EVAL === $id || '`' === $text ) {
			$out[] = array( $ln, 'forbidden: ' . ( T_EVAL === $id ? 'eval' : 'backtick operator' ) );
		}
		if ( $is_call && in_array( $lower, array( 'wp_redirect', 'unserialize', 'extract', 'create_function', '_e', '_ex' ), true ) ) {
			$out[] = array( $ln, "forbidden: $text()" );
		}
		if ( $is_call && 'do_shortcode' === $lower && T_CONSTANT_ENCAPSED_STRING !== ( $tokens[ $k + 2 ][0] ?? null ) ) {
			$out[] = array( $ln, 'do_shortcode() on a value that is not a literal' );
		}
		if ( $is_call && 'register_rest_route' === $lower && ! str_contains( implode( '', array_column( array_slice( $tokens, $k, call_length( $tokens, $k + 1 ) + 1 ), 1 ) ), "'permission_callback'" ) ) {
			$out[] = array( $ln, 'register_rest_route() without a permission_callback' );
		}
		if ( $is_call && preg_match( '/^wp_(enqueue|register)_(script|style|script_module)$/', $lower ) ) {
			$src = $tokens[ $k + 4 ] ?? null; // fn ( 'handle' , SRC
			if ( $src && T_CONSTANT_ENCAPSED_STRING === $src[0] && preg_match( '#^[\'"](https?:)?//#i', $src[1] ) ) {
				$out[] = array( $ln, "remote asset: $text( …, {$src[1]} )" );
			}
		}
		if ( T_CONSTANT_ENCAPSED_STRING === $id && preg_match( '/^[\'"](wp_ajax_|admin_post_)/', $text ) && 'add_action' === strtolower( $tokens[ $k - 2 ][1] ?? '' ) ) {
			if ( ! preg_match( '/current_user_can\(/', $source ) || ! preg_match( '/check_(ajax|admin)_referer\(|wp_verify_nonce\(/', $source ) ) {
				$out[] = array( $ln, "$text handler in a file with no capability and nonce check" );
			}
		}
		if ( '->' === $prev && in_array( $lower, array( 'query', 'get_results', 'get_row', 'get_var', 'get_col' ), true ) && '$wpdb' === ( $tokens[ $k - 2 ][1] ?? '' ) && '(' === ( $tokens[ $k + 1 ][1] ?? '' ) ) {
			$arg       = array_slice( $tokens, $k + 2, first_argument_length( $tokens, $k + 1 ) );
			$why       = unprepared( $arg, $table_vars );
			$arg_lines = lines_of( $lines, $ln, end( $arg )[2] );
			if ( null !== $why && preg_match( '/phpcs:ignore [\w., ]*WordPress\.DB\.PreparedSQL\.(Interpolated)?NotPrepared\b.* -- \S/', $arg_lines ) ) {
				++$reviewed;
			} elseif ( null !== $why ) {
				$out[] = array( $ln, "\$wpdb->$text() not prepared: $why" );
			}
		}
		if ( in_array( $id, array( T_ECHO, T_PRINT, T_OPEN_TAG_WITH_ECHO ), true ) || ( $is_call && in_array( $lower, array( 'printf', 'vprintf' ), true ) ) ) {
			$start = $is_call ? $k + 2 : $k + 1;
			$end   = $is_call ? $k + 2 + call_length( $tokens, $k + 1 ) : statement_end( $tokens, $k + 1 );
			foreach ( split_top( array_slice( $tokens, $start, $end - $start ) ) as $arg ) {
				if ( ! escaped( $arg ) ) {
					$arg_lines = lines_of( $lines, $arg[0][2], end( $arg )[2] );
					if ( preg_match( '/phpcs:ignore WordPress\.Security\.EscapeOutput\S* -- \S/', $arg_lines ) ) {
						++$reviewed;
						continue 2;
					}
					$out[] = array( $ln, 'unescaped output: ' . substr( implode( '', array_column( $arg, 1 ) ), 0, 80 ) );
				}
			}
		}
	}
	return $out;
}

/**
 * Source lines $from..$to, and the line before when it is only a comment (a `phpcs:ignore` there
 * applies to the next line).
 *
 * @param list<string> $lines Source lines.
 * @param int          $from  First line (1-based).
 * @param int          $to    Last line.
 */
function lines_of( array $lines, int $from, int $to ): string {
	$before = $lines[ $from - 2 ] ?? '';
	$first  = preg_match( '#^\s*//#', $before ) ? $from - 1 : $from;
	return implode( "\n", array_slice( $lines, $first - 1, $to - $first + 1 ) );
}

/**
 * Tokens in the parenthesised list that opens at $open, inside the parentheses.
 *
 * @param list<array> $tokens Tokens.
 * @param int         $open   Index of `(`.
 */
function call_length( array $tokens, int $open ): int {
	$depth = 0;
	for ( $k = $open, $n = count( $tokens ); $k < $n; $k++ ) {
		$c      = $tokens[ $k ][1];
		$depth += nesting( $tokens[ $k ] );
		if ( 0 === $depth ) {
			return $k - $open - 1;
		}
	}
	return $n - $open - 1;
}

/**
 * How a token changes the bracket depth: +1 opens, -1 closes, 0 neither.
 *
 * @param array $token Token.
 */
function nesting( array $token ): int {
	if ( in_array( $token[1], array( '(', '[', '{' ), true ) || in_array( $token[0], array( T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) {
		return 1;
	}
	return in_array( $token[1], array( ')', ']', '}' ), true ) ? -1 : 0;
}

/**
 * Length of the first argument of the call whose `(` is at $open.
 *
 * @param list<array> $tokens Tokens.
 * @param int         $open   Index of `(`.
 */
function first_argument_length( array $tokens, int $open ): int {
	$args = split_top( array_slice( $tokens, $open + 1, call_length( $tokens, $open ) ) );
	return count( $args[0] ?? array() );
}

/**
 * Index of the `;` (or `?>`) that ends the statement starting at $from.
 *
 * @param list<array> $tokens Tokens.
 * @param int         $from   First token.
 */
function statement_end( array $tokens, int $from ): int {
	$depth = 0;
	for ( $k = $from, $n = count( $tokens ); $k < $n; $k++ ) {
		$c      = $tokens[ $k ][1];
		$depth += nesting( $tokens[ $k ] );
		if ( 0 === $depth && ( ';' === $c || T_CLOSE_TAG === $tokens[ $k ][0] ) ) {
			return $k;
		}
	}
	return $n;
}

/**
 * Splits tokens at a top-level operator (a comma unless given).
 *
 * @param list<array> $tokens   Tokens.
 * @param string      $operator `,`, `.`, `?` or `:`.
 * @return list<list<array>>
 */
function split_top( array $tokens, string $operator = ',' ): array {
	$parts = array( array() );
	$depth = 0;
	foreach ( $tokens as $t ) {
		$depth += nesting( $t );
		if ( 0 === $depth && $operator === $t[1] ) {
			$parts[] = array();
			continue;
		}
		$parts[ count( $parts ) - 1 ][] = $t;
	}
	return array_values( array_filter( $parts ) );
}

/**
 * Whether an output argument is escaped where it is printed: a literal without interpolation,
 * a number or cast, a call to an escaping function spanning the whole argument, a `sprintf` of
 * a literal with escaped arguments, or escaped pieces joined by `.` or chosen by `?:`.
 *
 * @param list<array> $arg Tokens of one argument.
 */
function escaped( array $arg ): bool {
	foreach ( array( '?', '.' ) as $operator ) {
		$pieces = split_top( $arg, $operator );
		if ( count( $pieces ) > 1 ) {
			if ( '?' === $operator ) { // cond ? a : b — only the branches are printed.
				$branches = split_top( array_merge( ...array_slice( $pieces, 1 ) ), ':' );
				return count( $branches ) > 1 && escaped( $branches[0] ) && escaped( $branches[1] );
			}
			return array_reduce( $pieces, static fn( $ok, $piece ) => $ok && escaped( $piece ), true );
		}
	}
	$first = $arg[0];
	if ( 1 === count( $arg ) && in_array( $first[0], array( T_CONSTANT_ENCAPSED_STRING, T_LNUMBER, T_DNUMBER ), true ) ) {
		return true;
	}
	if ( in_array( $first[0], array( T_INT_CAST, T_DOUBLE_CAST, T_BOOL_CAST ), true ) ) {
		return true;
	}
	// A function, or a static method (`Class::method(`): the `(` follows at $paren.
	$static = '::' === ( $arg[1][1] ?? '' );
	$paren  = $static ? 3 : 1;
	$name   = ltrim( strtolower( $first[1] . ( $static ? '::' . ( $arg[2][1] ?? '' ) : '' ) ), '\\' );
	$whole  = T_STRING === $first[0] && '(' === ( $arg[ $paren ][1] ?? '' ) && call_length( $arg, $paren ) === count( $arg ) - $paren - 2;
	// Manual_Products::html(): htmlspecialchars() with every `&` encoded (see there).
	$safe = '/^(esc_(html|attr|url|textarea|js|xml)(__|_x)?|wp_kses(_post|_data)?|absint|intval|number_format_i18n|count|tag_escape|sanitize_html_class|selected|checked|disabled|get_submit_button|manual_products::html)$/';
	if ( $whole && preg_match( $safe, $name ) ) {
		return true;
	}
	if ( $whole && 'sprintf' === $name ) {
		$args = split_top( array_slice( $arg, $paren + 1, -1 ) );
		return array_reduce( $args, static fn( $ok, $a ) => $ok && escaped( $a ), true );
	}
	return false;
}

/**
 * Why a query argument is not prepared, or null when it is.
 *
 * @param list<array>         $arg        Tokens of the first argument.
 * @param array<string, bool> $table_vars Variables that hold table names.
 */
function unprepared( array $arg, array $table_vars ): ?string {
	$code = implode( '', array_column( $arg, 1 ) );
	if ( preg_match( '/^\$wpdb->prepare\(/', $code ) && call_length( $arg, 3 ) === count( $arg ) - 5 ) {
		$format = split_top( array_slice( $arg, 4, -1 ) )[0] ?? array();
		return unprepared( $format, $table_vars );
	}
	foreach ( $arg as $k => $t ) {
		if ( T_VARIABLE === $t[0] ) {
			$is_wpdb_property = '$wpdb' === $t[1] && '->' === ( $arg[ $k + 1 ][1] ?? '' );
			if ( ! $is_wpdb_property && empty( $table_vars[ $t[1] ] ) ) {
				return "{$t[1]} in " . substr( $code, 0, 80 );
			}
		} elseif ( in_array( $t[1], array( '.', '(' ), true ) && ! ( '(' === $t[1] && '->' === ( $arg[ $k - 2 ][1] ?? '' ) ) ) {
			return 'built by concatenation or a call: ' . substr( $code, 0, 80 );
		}
	}
	return null;
}
