//! Product records parsed from Creators API items.
//!
//! The wire format is lowerCamelCase JSON in which every field may be missing or `null`, and
//! single values may be strings, numbers or booleans. Unknown fields are ignored. A record that
//! cannot be read yields a [`RecordError`] for that record alone.

use crate::support::prelude::*;

use crate::support::message::{display_via_message, push_all, Message};

use crate::product::money::{float_text, lenient_decimal, Decimal, Money};
use crate::wire::json_text::{Json, JsonNumber};
use crate::wire::read_value::{read_object, Fields};
use crate::Asin;

/// A product as the Creators API described it, with the time the data was fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRecord {
    /// The product.
    pub product: Product,
    /// When the shell fetched it from the API (Unix seconds).
    pub fetched_at: i64,
    /// `fetched_at` as the site shows dates (WordPress's `wp_date()`: the site's language,
    /// format and timezone), for the "as of" stamp; empty shows it in UTC (ISO 8601).
    pub as_of: String,
}

/// The fields Shelf uses from one Creators API item.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// The item's ASIN.
    pub asin: Asin,
    /// `itemInfo.title`.
    pub title: Option<String>,
    /// `byLineInfo.brand`, else `byLineInfo.manufacturer`.
    pub brand: Option<String>,
    /// `itemInfo.features` (bullet points).
    pub features: Vec<String>,
    /// `detailPageURL`, unchecked: the renderer uses it only if it is an Amazon store URL.
    pub detail_page_url: Option<String>,
    /// The primary image in its sizes.
    pub primary_image: ImageSet,
    /// The featured offer, when the item has one.
    pub offer: Option<Offer>,
    /// `customerReviews`, when the API returned them.
    pub reviews: Option<Reviews>,
}

/// One image size: URL (unchecked) and pixel dimensions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Image {
    /// The URL as given.
    pub url: Option<String>,
    /// Width in pixels.
    pub width: Option<u32>,
    /// Height in pixels.
    pub height: Option<u32>,
}

/// The sizes Amazon returns for one image.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageSet {
    /// About 75 px on the longest side.
    pub small: Option<Image>,
    /// About 160 px.
    pub medium: Option<Image>,
    /// About 500 px.
    pub large: Option<Image>,
}

/// The image size a renderer asks for; the nearest available size is used instead when needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageSize {
    /// About 75 px.
    Small,
    /// About 160 px.
    Medium,
    /// About 500 px.
    Large,
}

impl ImageSet {
    /// The wanted size, else the nearest one (larger first).
    pub fn pick(&self, size: ImageSize) -> Option<&Image> {
        let (s, m, l) = (
            self.small.as_ref(),
            self.medium.as_ref(),
            self.large.as_ref(),
        );
        let order = match size {
            ImageSize::Small => [s, m, l],
            ImageSize::Medium => [m, l, s],
            ImageSize::Large => [l, m, s],
        };
        order.into_iter().flatten().find(|i| i.url.is_some())
    }
}

/// The featured offer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offer {
    /// The price, when shown at all.
    pub price: Option<Money>,
    /// Price per unit, e.g. `$0.07 / Count`.
    pub price_per_unit: Option<Money>,
    /// The reference price for a strike-through, with its label.
    pub saving_basis: Option<SavingBasis>,
    /// The saving against the basis.
    pub savings: Option<Savings>,
    /// Stock state.
    pub availability: Option<Availability>,
    /// `true` when any listing says the price may not be advertised.
    pub violates_map: bool,
    /// A live deal's badge text, e.g. "Limited time deal".
    pub deal_badge: Option<String>,
}

/// `price.savingBasis`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavingBasis {
    /// The reference price.
    pub money: Option<Money>,
    /// Amazon's label, e.g. "List Price:"; shown with the strike-through.
    pub saving_basis_type_label: Option<String>,
}

/// `price.savings`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Savings {
    /// The amount saved.
    pub money: Option<Money>,
    /// Whole percent saved.
    pub percentage: Option<u32>,
}

/// `availability`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Availability {
    /// `IN_STOCK`, `OUT_OF_STOCK`, …
    pub kind: Option<String>,
    /// Amazon's message, e.g. "In Stock".
    pub message: Option<String>,
}

impl Availability {
    /// Whether Amazon says the item cannot be bought now.
    pub fn is_unavailable(&self) -> bool {
        matches!(self.kind.as_deref(), Some("OUT_OF_STOCK" | "UNAVAILABLE"))
    }
}

/// `customerReviews`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviews {
    /// Number of reviews.
    pub count: Option<u32>,
    /// Average stars, 0–5.
    pub stars: Option<Decimal>,
}

/// Why one record could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The record has no usable ASIN.
    InvalidAsin(String),
    /// The item JSON has the wrong shape; the text says where.
    Unreadable(String),
    /// The store has no usable item for this ASIN.
    Unavailable {
        /// The ASIN.
        asin: String,
        /// The store's status word (`pending`, `unavailable`, `error`, `expired`), or empty.
        code: String,
    },
    /// A manual record was rejected.
    Manual(String),
}

impl Message for RecordError {
    fn write_message(&self, out: &mut String) {
        match self {
            RecordError::InvalidAsin(why) => {
                push_all(out, &["the product has no valid ASIN: ", why]);
            }
            RecordError::Unreadable(why) => {
                push_all(out, &["the product data could not be read: ", why]);
            }
            RecordError::Unavailable { asin, code } => {
                let why: &[&str] = match code.as_str() {
                    "" | "pending" => &["no product data is stored for ", asin, " yet"],
                    "unavailable" => &["Amazon reports ", asin, " as not available"],
                    "expired" => &[
                        "the data stored for ",
                        asin,
                        " is past its lifetime and awaits the next refresh",
                    ],
                    _ => &[
                        "the last fetch of ",
                        asin,
                        " failed (Settings → Shelf shows why)",
                    ],
                };
                push_all(out, why);
            }
            RecordError::Manual(why) => {
                push_all(out, &["the manual product was skipped: ", why]);
            }
        }
    }
}

display_via_message!(RecordError);

impl core::error::Error for RecordError {}

fn lenient_u32(value: Option<&Json>) -> Option<u32> {
    match value? {
        Json::Number(n) => n
            .as_u64()
            .or_else(|| {
                let f = n.as_f64();
                (f >= 0.0).then(|| crate::support::float::round(f) as u64)
            })
            .and_then(|v| u32::try_from(v).ok()),
        Json::String(s) => crate::support::digits::parse_u32(s.trim_ascii()),
        _ => None,
    }
}

/// `displayValue` may be a string, number or boolean; keep it as text.
fn lenient_text(value: Option<&Json>) -> Option<String> {
    match value? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => number_text(*n),
        Json::Bool(b) => Some(if *b { "true" } else { "false" }.to_owned()),
        _ => None,
    }
}

/// A number as serde_json's `Number::to_string` writes it, without linking its float printer:
/// integers as they were given, floats as [`float_text`] writes them (`None` for the few it
/// cannot, as for a missing value).
fn number_text(n: JsonNumber) -> Option<String> {
    let mut out = String::new();
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => crate::support::digits::push_uint(&mut out, u),
        (_, Some(i)) => crate::support::digits::push_int(&mut out, i),
        _ => return float_text(n.as_f64()),
    }
    Some(out)
}

fn lenient_bool(value: Option<&Json>) -> bool {
    matches!(value, Some(Json::Bool(true)))
}

/// A `{"displayValue": …}` object's text, `None` when missing.
fn display_value(f: &Fields<'_>, key: &'static str) -> Option<String> {
    f.opt_object(key)
        .and_then(|single| lenient_text(single.get("displayValue")))
}

impl Image {
    fn read(f: Fields<'_>) -> Image {
        Image {
            url: f.text("url"),
            width: lenient_u32(f.get("width")),
            height: lenient_u32(f.get("height")),
        }
    }
}

impl ImageSet {
    fn read(f: Fields<'_>) -> ImageSet {
        ImageSet {
            small: f.read("small", Image::read),
            medium: f.read("medium", Image::read),
            large: f.read("large", Image::read),
        }
    }
}

impl SavingBasis {
    fn read(f: Fields<'_>) -> SavingBasis {
        SavingBasis {
            money: f.read("money", Money::read),
            saving_basis_type_label: f.text("savingBasisTypeLabel"),
        }
    }
}

impl Savings {
    fn read(f: Fields<'_>) -> Savings {
        Savings {
            money: f.read("money", Money::read),
            percentage: lenient_u32(f.get("percentage")),
        }
    }
}

impl Availability {
    fn read(f: Fields<'_>) -> Availability {
        Availability {
            kind: f.text("type"),
            message: f.text("message"),
        }
    }
}

/// One entry of `offersV2.listings`: its offer as it would be shown (`violates_map` this
/// listing's own flag), read straight into an [`Offer`] so the chosen one moves out whole.
struct Listing {
    offer: Offer,
    is_buy_box_winner: bool,
}

impl Listing {
    // Not inlined into `Product::from_item`, whose moves of the read parts it would bloat.
    #[inline(never)]
    fn read(f: Fields<'_>) -> Listing {
        let availability = f.read("availability", Availability::read);
        // A missing price reads as one without fields: every part `None`.
        let p = f.object("price");
        Listing {
            offer: Offer {
                price: p.read("money", Money::read),
                price_per_unit: p.read("pricePerUnit", Money::read),
                saving_basis: p.read("savingBasis", SavingBasis::read),
                savings: p.read("savings", Savings::read),
                availability,
                deal_badge: non_empty(f.opt_object("dealDetails").and_then(|d| d.text("badge"))),
                violates_map: lenient_bool(f.get("violatesMAP")),
            },
            is_buy_box_winner: lenient_bool(f.get("isBuyBoxWinner")),
        }
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim_ascii().to_owned())
        .filter(|s| !s.is_empty())
}

fn offer_from(listings: Vec<Listing>) -> Option<Offer> {
    let violates_map = listings.iter().any(|l| l.offer.violates_map);
    let pos = listings
        .iter()
        .position(|l| l.is_buy_box_winner)
        .unwrap_or(0);
    let mut offer = listings.into_iter().nth(pos)?.offer;
    offer.violates_map = violates_map;
    Some(offer)
}

/// Reads an item's fields into a [`Product`]; `Err` when its ASIN is not valid. (A shape
/// error, recorded in the read's sink, still comes first.)
fn read_item(item: Fields<'_>) -> Result<Product, RecordError> {
    let info = item.object("itemInfo");
    let by_line = info.object("byLineInfo");
    let images = item.object("images");
    let mut features = Vec::new();
    if let Some(f) = info.opt_object("features") {
        for v in f.list("displayValues") {
            features.extend(non_empty(v.as_str().map(str::to_owned)));
        }
    }
    let asin = lenient_text(item.get("asin"));
    let detail_page_url = non_empty(lenient_text(item.get("detailPageURL")));
    let title = non_empty(display_value(&info, "title"));
    let brand = non_empty(display_value(&by_line, "brand"));
    let manufacturer = display_value(&by_line, "manufacturer");
    let primary_image = images.read("primary", ImageSet::read).unwrap_or_default();
    let offer = offer_from(item.object("offersV2").objects("listings", Listing::read));
    let reviews = item.read("customerReviews", |r| Reviews {
        count: lenient_u32(r.get("count")),
        stars: r
            .opt_object("starRating")
            .and_then(|s| lenient_decimal(s.get("value"))),
    });
    let asin = Asin::parse(asin.as_deref().unwrap_or_default())
        .map_err(|e| RecordError::InvalidAsin(e.message()))?;
    Ok(Product {
        asin,
        title,
        brand: brand.or_else(|| non_empty(manufacturer)),
        features,
        detail_page_url,
        primary_image,
        offer,
        reviews,
    })
}

impl Product {
    /// Reads one Creators API item (`itemsResult.items[n]`).
    pub(crate) fn from_item(item: &Json) -> Result<Product, RecordError> {
        read_object(item, "the item", read_item)
            .map_err(|e| RecordError::Unreadable(e.message()))?
    }

    /// Reads one Creators API item (`itemsResult.items[n]`) from JSON text; text that is not
    /// JSON is [`RecordError::Unreadable`].
    pub fn from_item_json(item: &str) -> Result<Product, RecordError> {
        Product::from_item(&parse_text(item)?)
    }
}

/// JSON text as a value; invalid text is an unreadable record.
fn parse_text(text: &str) -> Result<Json, RecordError> {
    crate::wire::json_text::parse(text).map_err(|e| RecordError::Unreadable(e.message()))
}

/// The items and per-item errors of a GetItems, SearchItems or GetVariations response.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsResponse {
    /// Every item in the response, each read on its own.
    pub items: Vec<Result<Product, RecordError>>,
    /// The `errors[]` entries: `(code, message)`.
    pub errors: Vec<(String, String)>,
}

/// Reads a Creators API response body from JSON text. The GetItems envelope is accepted as
/// `itemsResult` and as `itemResults` (a spelling in one of Amazon's samples). Text that is not
/// JSON is [`RecordError::Unreadable`].
pub fn parse_items_response_json(body: &str) -> Result<ItemsResponse, RecordError> {
    Ok(parse_items_response(&parse_text(body)?))
}

/// [`parse_items_response_json`] of a parsed body.
pub(crate) fn parse_items_response(body: &Json) -> ItemsResponse {
    let envelope = [
        "itemsResult",
        "itemResults",
        "searchResult",
        "variationsResult",
    ]
    .iter()
    .find_map(|k| body.get(k).filter(|v| !v.is_null()));
    let items = envelope
        .and_then(|e| e.get("items"))
        .and_then(Json::as_array)
        .map(|items| items.iter().map(Product::from_item).collect())
        .unwrap_or_default();
    let errors = body
        .get("errors")
        .and_then(Json::as_array)
        .map(|errs| {
            errs.iter()
                .map(|e| {
                    let field = |k: &str| {
                        e.get(k)
                            .and_then(Json::as_str)
                            .unwrap_or_default()
                            .to_owned()
                    };
                    (field("code"), field("message"))
                })
                .collect()
        })
        .unwrap_or_default();
    ItemsResponse { items, errors }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn reads_a_minimal_item() {
        let p = Product::from_item(&json!({"asin": "b0shlfk001"})).unwrap();
        assert_eq!(p.asin.as_str(), "B0SHLFK001");
        assert_eq!((p.title, p.offer, p.reviews), (None, None, None));
    }

    #[test]
    fn tolerates_nulls_everywhere() {
        let item = json!({"asin": "B0SHLFK001", "detailPageURL": null, "images": {"primary": null,
            "variants": [null]}, "itemInfo": {"title": null, "features": {"displayValues": null},
            "byLineInfo": null}, "offersV2": {"listings": [null]}, "customerReviews": null});
        let p = Product::from_item(&item).unwrap();
        assert_eq!(p.offer, None);
    }

    #[test]
    fn falls_back_from_brand_to_manufacturer() {
        let item = json!({"asin": "B0SHLFK001", "itemInfo": {"byLineInfo": {
            "brand": {"displayValue": " "}, "manufacturer": {"displayValue": "Maker"}}}});
        assert_eq!(
            Product::from_item(&item).unwrap().brand.as_deref(),
            Some("Maker")
        );
    }

    #[test]
    fn keeps_numeric_display_values_as_text() {
        let item = json!({"asin": "B0SHLFK001", "itemInfo": {"title": {"displayValue": 42}}});
        assert_eq!(
            Product::from_item(&item).unwrap().title.as_deref(),
            Some("42")
        );
    }

    #[test]
    fn picks_buy_box_listing_and_any_map_flag() {
        let item = json!({"asin": "B0SHLFK001", "offersV2": {"listings": [
            {"price": {"money": {"displayAmount": "$1"}}, "violatesMAP": true},
            {"price": {"money": {"displayAmount": "$2"}}, "isBuyBoxWinner": true}]}});
        let offer = Product::from_item(&item).unwrap().offer.unwrap();
        assert_eq!(offer.price.unwrap().display(), Some("$2"));
        assert!(offer.violates_map);
    }

    #[test]
    fn reports_a_bad_asin_and_a_bad_shape() {
        assert!(matches!(
            Product::from_item(&json!({"asin": "<script>"})),
            Err(RecordError::InvalidAsin(_))
        ));
        assert!(matches!(
            Product::from_item(&json!({"asin": "B0SHLFK001", "itemInfo": "x"})),
            Err(RecordError::Unreadable(_))
        ));
        assert!(matches!(
            Product::from_item(&json!("x")),
            Err(RecordError::Unreadable(_))
        ));
    }

    #[test]
    fn names_the_wrongly_shaped_field() {
        let message = |item| Product::from_item(&item).unwrap_err().to_string();
        assert_eq!(
            message(json!({"asin": "B0SHLFK001", "itemInfo": "not an object"})),
            "the product data could not be read: itemInfo must be an object"
        );
        assert_eq!(
            message(json!({"asin": "B0SHLFK001", "offersV2": {"listings": [
                {"price": {"money": {"displayAmount": 5}}}]}})),
            "the product data could not be read: displayAmount must be text"
        );
        assert_eq!(
            message(json!({"asin": "B0SHLFK001", "itemInfo": {"features":
                {"displayValues": "a"}}})),
            "the product data could not be read: displayValues must be a list"
        );
    }

    #[test]
    fn reads_numbers_given_as_strings() {
        let item = json!({"asin": "B0SHLFK001", "customerReviews": {"count": "12",
            "starRating": {"value": "4.5"}}, "images": {"primary": {"large": {
            "url": "u", "width": "500", "height": 499.6}}}});
        let p = Product::from_item(&item).unwrap();
        let reviews = p.reviews.unwrap();
        assert_eq!(reviews.count, Some(12));
        assert_eq!(reviews.stars.map(|s| s.to_string()).as_deref(), Some("4.5"));
        let large = p.primary_image.large.unwrap();
        assert_eq!((large.width, large.height), (Some(500), Some(500)));
    }

    #[test]
    fn accepts_both_envelope_spellings() {
        let a = parse_items_response(&json!({"itemsResult": {"items": [{"asin": "B0SHLFK001"}]}}));
        let b = parse_items_response(&json!({"itemResults": {"items": [{"asin": "B0SHLFK001"}]}}));
        assert_eq!(a, b);
        assert_eq!(a.items.len(), 1);
    }

    #[test]
    fn picks_nearest_image_size() {
        let set = ImageSet {
            large: Some(Image {
                url: Some("u".into()),
                width: Some(1),
                height: Some(1),
            }),
            ..ImageSet::default()
        };
        assert!(set.pick(ImageSize::Small).is_some());
        assert!(ImageSet::default().pick(ImageSize::Large).is_none());
    }
}
