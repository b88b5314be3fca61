//! Placement options and editable wording. Enumerated values are read leniently: an unknown
//! value falls back to the default instead of being echoed anywhere.

use crate::support::prelude::*;

use crate::wire::json_text::Json;
use crate::wire::read_value::{read_empty, read_object, Fields, KeyMap, ShapeError};

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident default $default:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl $name {
            /// The option's wire value, also used in class names.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl $name {
            /// Reads the option leniently: anything but a known word is the default.
            fn read(value: Option<&Json>) -> Self {
                match value.and_then(Json::as_str) {
                    $(Some($text) => $name::$variant,)+
                    _ => $name::$default,
                }
            }
        }
    };
}

text_enum! {
    /// Product box layout.
    Layout default Horizontal {
        /// Image beside the text.
        Horizontal = "horizontal",
        /// Image above the text.
        Vertical = "vertical",
    }
}

text_enum! {
    /// Colour scheme, applied through CSS custom properties.
    Style default Standard {
        /// The theme's look with Shelf's accents.
        Standard = "standard",
        /// Light background.
        Light = "light",
        /// Dark background.
        Dark = "dark",
    }
}

text_enum! {
    /// Where links open.
    LinkTarget default NewTab {
        /// `target="_blank"` (always with `noopener`).
        NewTab = "newTab",
        /// The same tab.
        SameTab = "sameTab",
    }
}

text_enum! {
    /// What a placement with several products sorts them by ([`order`](super::order)).
    OrderBy default Given {
        /// The order the placement names them in.
        Given = "given",
        /// The displayed title.
        Title = "title",
        /// The price, where it may be shown.
        Price = "price",
        /// The star rating, where it may be shown.
        Rating = "rating",
    }
}

text_enum! {
    /// The direction of [`OrderBy`].
    SortOrder default Asc {
        /// Lowest first (A–Z).
        Asc = "asc",
        /// Highest first (Z–A).
        Desc = "desc",
    }
}

text_enum! {
    /// The comparison table's label column.
    LabelColumn default Shown {
        /// Always visible.
        Shown = "shown",
        /// Visually hidden (still read by screen readers).
        Hidden = "hidden",
        /// Visually hidden on narrow screens.
        HiddenMobile = "hiddenMobile",
    }
}

text_enum! {
    /// The single value a field placement shows.
    FieldKind default Title {
        /// The title as text.
        Title = "title",
        /// The price with its stamp (when allowed).
        Price = "price",
        /// The image.
        Image = "image",
        /// The buy button.
        Button = "button",
        /// The product URL as text.
        Url = "url",
        /// A text link.
        Link = "link",
        /// The feature bullets.
        Features = "features",
        /// The star rating.
        Rating = "rating",
        /// When the data was fetched.
        LastUpdate = "lastUpdate",
    }
}

text_enum! {
    /// What a comparison-table row shows.
    RowKind default Text {
        /// Product title (column headers).
        Title = "title",
        /// Product image.
        Image = "image",
        /// Price with stamp (Amazon data only).
        Price = "price",
        /// Prime, from the owner's data (the API no longer says).
        Prime = "prime",
        /// Star rating, from the owner's data.
        Rating = "rating",
        /// Review count, from the owner's data.
        Reviews = "reviews",
        /// The product's button.
        Button = "button",
        /// A yes/no mark.
        YesNo = "yesNo",
        /// Custom text.
        Text = "text",
        /// Custom HTML through the allowlist (authors with `unfiltered_html` only).
        Html = "html",
        /// A button to a custom URL.
        CustomButton = "customButton",
    }
}

/// One comparison-table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow {
    /// What the row shows.
    pub kind: RowKind,
    /// The row label.
    pub label: String,
    /// The value for every product (text, HTML, yes/no, a number, or a button text).
    pub value: String,
    /// Per-product values, keyed by ASIN or manual id; they win over `value`.
    pub(crate) values: KeyMap<String>,
    /// Custom button URL for every product.
    pub url: String,
    /// Per-product custom button URLs.
    pub(crate) urls: KeyMap<String>,
    /// Left out of the table (kept in the stored table for later). A title row is rendered
    /// even when hidden, as it names the columns for screen readers.
    pub hidden: bool,
    /// Emphasised: the row gets the class `shelf-row--highlight`.
    pub highlight: bool,
}

/// Per-product overrides for boxes and lists, keyed by ASIN or manual id in [`Options`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductOverride {
    /// Replaces the title.
    pub title: String,
    /// Replaces the bullets: one bullet per line.
    pub description: String,
    /// A badge, e.g. "Our pick".
    pub badge: String,
    /// Replaces the button text.
    pub button_text: String,
}

/// A placement's options. Unused ones are ignored by renderers that have no use for them.
///
/// # Defaults
/// Horizontal layout, standard style, 3 bullets, 10 list items, new-tab links, label column
/// shown, field `title`, no overrides, no hidden products, no extra `rel` tokens, products in
/// their given order.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Box layout.
    pub layout: Layout,
    /// Colour scheme.
    pub style: Style,
    /// Title override for every product.
    pub title: String,
    /// Bullet override for every product, one per line.
    pub description: String,
    /// Number of bullets shown (0–10).
    pub bullets: u8,
    /// Button text override.
    pub button_text: String,
    /// Badge for every product.
    pub badge: String,
    /// Per-product overrides.
    pub(crate) overrides: KeyMap<ProductOverride>,
    /// Number of list items (1–25).
    pub items: u8,
    /// The field a field placement shows.
    pub field: FieldKind,
    /// Table rows.
    pub rows: Vec<TableRow>,
    /// The highlighted product (ASIN or manual id).
    pub highlight: String,
    /// Products (ASINs or manual ids) left out of a comparison table: the columns an owner
    /// hid in the table builder. Only tables read it: a box, list or link shows exactly the
    /// products its placement names, so hiding one there means not naming it.
    pub hidden: Vec<String>,
    /// Ribbon text over the highlighted product.
    pub ribbon: String,
    /// The table's label column.
    pub labels: LabelColumn,
    /// The table caption.
    pub caption: String,
    /// Extra `rel` tokens (`nofollow`, `noreferrer`, `external`, `ugc`).
    pub rel: String,
    /// Where links open.
    pub target: LinkTarget,
    /// What products are sorted by.
    pub order_by: OrderBy,
    /// The sort direction.
    pub order: SortOrder,
}

/// The options of an empty `options` object: the defaults are written once, in the reader.
impl Default for Options {
    fn default() -> Self {
        read_empty(Options::read)
    }
}

impl Options {
    /// Sets the box layout.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Sets the colour scheme.
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Sets the number of bullets.
    pub fn bullets(mut self, count: u8) -> Self {
        self.bullets = count;
        self
    }

    /// Adds a table row.
    pub fn row(mut self, row: TableRow) -> Self {
        self.rows.push(row);
        self
    }

    /// Highlights a product with a ribbon.
    pub fn highlight(mut self, id: &str, ribbon: &str) -> Self {
        self.highlight = id.into();
        self.ribbon = ribbon.into();
        self
    }

    /// Sets the field a field placement shows.
    pub fn field(mut self, field: FieldKind) -> Self {
        self.field = field;
        self
    }
}

impl TableRow {
    fn read(f: Fields<'_>) -> TableRow {
        TableRow {
            kind: RowKind::read(f.get("type")),
            label: f.text_or("label", ""),
            value: f.text_or("value", ""),
            values: f.text_map("values"),
            url: f.text_or("url", ""),
            urls: f.text_map("urls"),
            hidden: f.boolean("hidden"),
            highlight: f.boolean("highlight"),
        }
    }
}

impl ProductOverride {
    fn read(f: Fields<'_>) -> ProductOverride {
        ProductOverride {
            title: f.text_or("title", ""),
            description: f.text_or("description", ""),
            badge: f.text_or("badge", ""),
            button_text: f.text_or("buttonText", ""),
        }
    }
}

impl Options {
    /// Reads a placement's `options` object: unknown words in enumerated options and missing
    /// or `null` fields take the defaults; a field of the wrong kind is an error.
    pub(crate) fn from_value(value: &Json) -> Result<Options, ShapeError> {
        read_object(value, "options", Options::read)
    }

    fn read(f: Fields<'_>) -> Options {
        // Fields in reading order, which decides the error reported when several are wrong.
        Options {
            title: f.text_or("title", ""),
            description: f.text_or("description", ""),
            button_text: f.text_or("buttonText", ""),
            badge: f.text_or("badge", ""),
            highlight: f.text_or("highlight", ""),
            ribbon: f.text_or("ribbon", ""),
            caption: f.text_or("caption", ""),
            rel: f.text_or("rel", ""),
            overrides: {
                let mut overrides = KeyMap::new();
                for (id, over) in f.entries("overrides") {
                    let over = ProductOverride::read(f.nested(Some(over), "overrides"));
                    overrides.insert(id.clone(), over);
                }
                overrides
            },
            layout: Layout::read(f.get("layout")),
            style: Style::read(f.get("style")),
            bullets: f.integer("bullets").unwrap_or(3),
            items: f.integer("items").unwrap_or(10),
            field: FieldKind::read(f.get("field")),
            rows: f.objects("rows", TableRow::read),
            hidden: f.texts("hidden"),
            labels: LabelColumn::read(f.get("labels")),
            target: LinkTarget::read(f.get("target")),
            order_by: OrderBy::read(f.get("orderBy")),
            order: SortOrder::read(f.get("order")),
        }
    }
}

/// Every fixed text a visitor sees. The shell passes the site's wording for the locale; the
/// defaults are English.
#[derive(Debug, Clone, PartialEq)]
pub struct Wording {
    /// Button on Amazon products.
    pub buy: String,
    /// Call to action when the price may not be shown (`violatesMAP`).
    pub see_price: String,
    /// Link text for products without data.
    pub view: String,
    /// Button on manual products with a shop URL.
    pub shop: String,
    /// Before the stamp's date and time.
    pub as_of: String,
    /// The disclaimer toggle.
    pub details: String,
    /// Amazon's price disclaimer.
    pub disclaimer: String,
    /// Label before a saving.
    pub save: String,
    /// Label of the owner's own rating.
    pub own_rating: String,
    /// Label of Amazon's customer rating.
    pub customer_rating: String,
    /// After a review count.
    pub reviews: String,
    /// Yes.
    pub yes: String,
    /// No.
    pub no: String,
    /// Before the last-update time.
    pub last_update: String,
    /// The table's caption when the author gives none.
    pub table_caption: String,
    /// Label of the table's product row when the author gives none.
    pub product: String,
}

/// The `Default` and the reader of [`Wording`] from one table: field, JSON key, English text.
macro_rules! wording {
    ($($field:ident $key:literal $english:expr),+ $(,)?) => {
        impl Default for Wording {
            fn default() -> Self {
                Wording {
                    $($field: $english.into()),+
                }
            }
        }

        impl Wording {
            /// Reads the `wording` object; missing texts keep their English defaults.
            pub(crate) fn read(f: Fields<'_>) -> Wording {
                Wording {
                    $($field: f.text_or($key, $english)),+
                }
            }
        }
    };
}

wording! {
    buy "buy" "Buy on Amazon",
    see_price "seePrice" "See price on Amazon",
    view "view" "View on Amazon",
    shop "shop" "View offer",
    as_of "asOf" "as of",
    details "details" "Details",
    disclaimer "disclaimer" "Product prices and availability are accurate as of the date/time \
        indicated and are subject to change. Any price and availability information displayed \
        on Amazon at the time of purchase will apply to the purchase of this product.",
    save "save" "Save",
    own_rating "ownRating" "Our rating",
    customer_rating "customerRating" "Customer rating",
    reviews "reviews" "reviews",
    yes "yes" "Yes",
    no "no" "No",
    last_update "lastUpdate" "Last update:",
    table_caption "tableCaption" "Product comparison",
    product "product" "Product",
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn unknown_enum_values_fall_back_to_defaults() {
        let o = Options::from_value(&json!({"layout": "<script>", "style": 3,
            "labels": "hiddenMobile"}))
        .unwrap();
        assert_eq!(
            (o.layout, o.style, o.labels),
            (
                Layout::Horizontal,
                Style::Standard,
                LabelColumn::HiddenMobile
            )
        );
    }

    #[test]
    fn reads_rows_and_overrides() {
        let o = Options::from_value(&json!({"bullets": 5, "title": null, "rows": [
            {"type": "yesNo", "label": "L", "values": {"B0SHLFK001": "yes"}}, null],
            "overrides": {"B0SHLFK001": {"buttonText": "Go"}}}))
        .unwrap();
        assert_eq!((o.bullets, o.items, o.title.as_str()), (5, 10, ""));
        assert_eq!(o.rows.len(), 1);
        assert_eq!(
            (o.rows[0].kind, o.rows[0].label.as_str()),
            (RowKind::YesNo, "L")
        );
        assert_eq!(
            o.overrides
                .get("B0SHLFK001")
                .map(|o| o.button_text.as_str()),
            Some("Go")
        );
    }

    #[test]
    fn reads_row_flags_and_hidden_products() {
        let o = Options::from_value(&json!({"hidden": ["B0SHLFK001", "own"], "rows": [
            {"type": "text", "hidden": true, "highlight": false},
            {"type": "title", "highlight": true, "hidden": null}, {"type": "button"}]}))
        .unwrap();
        assert_eq!(o.hidden, ["B0SHLFK001", "own"]);
        let flags: Vec<(bool, bool)> = o.rows.iter().map(|r| (r.hidden, r.highlight)).collect();
        assert_eq!(flags, [(true, false), (false, true), (false, false)]);
        assert!(Options::default().hidden.is_empty());
    }

    #[test]
    fn wrong_kinds_are_errors_naming_the_field() {
        let e = |v| Options::from_value(&v).unwrap_err().to_string();
        assert_eq!(e(json!({"caption": 3})), "caption must be text");
        assert_eq!(
            e(json!({"rows": [{"values": {"a": 1}}]})),
            "values must be text"
        );
        assert_eq!(
            e(json!({"items": 300})),
            "items must be a whole number in range"
        );
        assert_eq!(e(json!("box")), "options must be an object");
        assert_eq!(
            e(json!({"rows": [{"highlight": 1}]})),
            "highlight must be true or false"
        );
        assert_eq!(e(json!({"hidden": "B0SHLFK001"})), "hidden must be a list");
        assert_eq!(e(json!({"hidden": [1]})), "hidden must be text");
    }

    #[test]
    fn setters_chain() {
        let o = Options::default()
            .layout(Layout::Vertical)
            .bullets(5)
            .highlight("X", "Best");
        assert_eq!(
            (o.layout, o.bullets, o.ribbon.as_str()),
            (Layout::Vertical, 5, "Best")
        );
    }
}
