//! View-time handling of one link element in the visitor's page (DOM mode): what the loader
//! changes on an `<a>` or `<area>` of post content, from its attributes.

use crate::support::prelude::*;

use crate::links::link::{process_href, LinkOutcome};
use crate::LinkOptions;

/// The attribute changes for one link element; `None` leaves an attribute as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkChange {
    /// Whether the href is an Amazon link (any outcome but [`LinkOutcome::NotAmazon`]), so
    /// the page needs the disclosure.
    pub amazon: bool,
    /// The new `href`: tagged, cleaned or localised.
    pub href: Option<String>,
    /// The new `rel`: the element's own tokens plus the missing required and site tokens.
    pub rel: Option<String>,
    /// The new `target`, when the site opens Amazon links in a new tab and the element has none.
    pub target: Option<&'static str>,
}

/// What view-time handling changes on a link element with these attribute values (`href`
/// already decoded by the browser; `rel`, `target` absent: `None`).
///
/// Every affiliate link ([`LinkOutcome::is_affiliate`]: the site's, someone else's, a short
/// link) gets the `rel` and `target` the options ask for, whether or not its href changes;
/// links left alone and links elsewhere keep every attribute. Applying the change and deciding
/// again changes nothing (the outcome of a returned href is [`LinkOutcome::AlreadyFine`] or the
/// same localisation), so links the editor or the server already tagged stay as they are.
///
/// # Examples
/// ```
/// use shelf_core::{view_time_change, LinkOptions, Marketplace, Tag};
/// let options = LinkOptions::new()
///     .tag(Marketplace::by_country("US").unwrap(), Tag::parse("shelftest-20").unwrap())
///     .new_tab(true);
/// let change = view_time_change("https://amazon.com/dp/B0SHLFK001", Some("author"), None, &options);
/// assert_eq!(change.href.as_deref(), Some("https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20"));
/// assert_eq!(change.rel.as_deref(), Some("author sponsored noopener"));
/// assert_eq!(change.target, Some("_blank"));
/// ```
pub fn view_time_change(
    href: &str,
    rel: Option<&str>,
    target: Option<&str>,
    options: &LinkOptions,
) -> LinkChange {
    let outcome = process_href(href, options);
    if !outcome.is_affiliate() {
        return LinkChange {
            amazon: outcome != LinkOutcome::NotAmazon,
            ..LinkChange::default()
        };
    }
    LinkChange {
        amazon: true,
        href: outcome
            .new_href()
            .filter(|url| *url != href)
            .map(str::to_owned),
        rel: options.rel_for(rel),
        target: options.target_for(target),
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::{ExistingTagPolicy, Localise, Marketplace, Tag};

    fn options() -> LinkOptions {
        LinkOptions::new()
            .tag(
                Marketplace::by_country("US").unwrap(),
                Tag::parse("shelftest-20").unwrap(),
            )
            .tag(
                Marketplace::by_country("DE").unwrap(),
                Tag::parse("shelftest-21").unwrap(),
            )
    }

    fn change(href: &str, rel: Option<&str>, target: Option<&str>, o: &LinkOptions) -> LinkChange {
        view_time_change(href, rel, target, o)
    }

    #[test]
    fn tags_an_untagged_link_and_adds_the_required_rel() {
        assert_eq!(
            change(
                "https://www.amazon.com/dp/B0SHLFK001",
                None,
                None,
                &options()
            ),
            LinkChange {
                amazon: true,
                href: Some("https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20".into()),
                rel: Some("sponsored noopener".into()),
                target: None,
            }
        );
    }

    #[test]
    fn merges_the_sites_rel_tokens_and_opens_a_new_tab_when_asked() {
        let o = options().rel("nofollow ugc").new_tab(true);
        let c = change(
            "https://www.amazon.de/dp/B0SHLFD201",
            Some(" Author NOOPENER "),
            None,
            &o,
        );
        assert_eq!(
            c.rel.as_deref(),
            Some("Author NOOPENER sponsored nofollow ugc")
        );
        assert_eq!(c.target, Some("_blank"));
        // An author's own target stays.
        assert_eq!(
            change(
                "https://www.amazon.de/dp/B0SHLFD201",
                None,
                Some("_self"),
                &o
            )
            .target,
            None
        );
    }

    #[test]
    fn a_link_tagged_before_is_left_as_it_is() {
        let o = options().rel("nofollow").new_tab(true);
        let href = "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20";
        let first = change(href, None, None, &o);
        assert_eq!((first.href, first.amazon), (None, true));
        let rel = first.rel.unwrap();
        assert_eq!(rel, "sponsored noopener nofollow");
        assert_eq!(
            change(href, Some(&rel), first.target, &o),
            LinkChange {
                amazon: true,
                ..LinkChange::default()
            }
        );
    }

    #[test]
    fn a_foreign_tag_is_kept_by_policy_but_marked_sponsored() {
        let href = "https://www.amazon.com/dp/B0SHLFK001?tag=other-20";
        let kept = change(href, None, None, &options());
        assert_eq!(kept.href, None);
        assert_eq!(kept.rel.as_deref(), Some("sponsored noopener"));
        let o = options().existing_tag(ExistingTagPolicy::Replace);
        assert_eq!(
            change(href, None, None, &o).href.as_deref(),
            Some("https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20")
        );
    }

    #[test]
    fn other_links_and_links_left_alone_keep_their_attributes() {
        let o = options().rel("nofollow").new_tab(true);
        assert_eq!(
            change(
                "https://example.com/amazon.com/dp/B0SHLFK001",
                None,
                None,
                &o
            ),
            LinkChange::default()
        );
        assert_eq!(change("/relative", None, None, &o), LinkChange::default());
        // A store without a tag is Amazon's (the disclosure) but not the site's to mark.
        assert_eq!(
            change("https://www.amazon.fr/dp/B0SHLFK001", None, None, &o),
            LinkChange {
                amazon: true,
                ..LinkChange::default()
            }
        );
    }

    #[test]
    fn short_links_are_marked_but_not_rewritten() {
        let c = change("https://amzn.to/3xyz", None, None, &options());
        assert_eq!((c.amazon, c.href), (true, None));
        assert_eq!(c.rel.as_deref(), Some("sponsored noopener"));
    }

    #[test]
    fn localises_when_the_options_say_so() {
        let de = Marketplace::by_country("DE").unwrap();
        let o = options().localise(Localise::to(de));
        let c = change("https://www.amazon.com/dp/B0SHLFK001", None, None, &o);
        assert_eq!(
            c.href.as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFK001?tag=shelftest-21")
        );
        assert_eq!(c.rel.as_deref(), Some("sponsored noopener"));
    }
}
