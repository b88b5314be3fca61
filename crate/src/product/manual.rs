//! Products the site owner describes by hand, for sites without Creators API access.
//!
//! A manual product never carries a price: Amazon prices may not be typed in by hand. Its image
//! is one of the site's own URLs (checked against the site's hosts at render time) and its
//! rating is the owner's own, labelled as such.

use crate::support::prelude::*;

use crate::support::message::Message;

use crate::product::model::RecordError;
use crate::wire::json_text::Json;
use crate::wire::read_value::{read_object, Fields};
use crate::Asin;

/// The owner's data for one product.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManualProduct {
    /// A key for per-product table overrides; the ASIN when none is given.
    pub id: String,
    /// The product name.
    pub title: String,
    /// The Amazon product it stands for, if any: its button links to `/dp/ASIN?tag=`.
    pub asin: Option<Asin>,
    /// The owner's image: URL (checked at render time), width and height.
    pub image: Option<ManualImage>,
    /// Bullet points.
    pub features: Vec<String>,
    /// The owner's own rating, 0–5 stars.
    pub rating: Option<f32>,
    /// Number of reviews the owner counts (shown only in "reviews" table rows).
    pub reviews: Option<u32>,
    /// Whether the owner marks it as Prime (shown only in "prime" table rows).
    pub prime: bool,
    /// A non-Amazon shop URL for the button (checked at render time).
    pub button_url: Option<String>,
    /// The owner's button text ('' for the default wording).
    pub button_text: String,
}

/// An image the owner hosts on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualImage {
    /// The URL as given.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim_ascii().to_owned())
        .filter(|s| !s.is_empty())
}

/// Reads the `manual` object's fields and validates them. (A shape error, recorded in the
/// read's sink, still comes before a validation error.)
fn read_manual(w: Fields<'_>) -> Result<ManualProduct, RecordError> {
    let id = trimmed(w.text("id"));
    let title = trimmed(w.text("title"));
    let asin = trimmed(w.text("asin"));
    let image_url = trimmed(w.text("imageUrl"));
    let image_width = w.integer::<u32>("imageWidth");
    let image_height = w.integer::<u32>("imageHeight");
    let mut features = Vec::new();
    for f in w.texts("features") {
        features.extend(trimmed(Some(f)));
    }
    // Any JSON number, narrowed to `f32` as serde did.
    let rating = w.number("rating").map(|r| r as f32);
    let reviews = w.integer("reviews");
    let prime = w.boolean("prime");
    let button_url = trimmed(w.text("buttonUrl"));
    let button_text = trimmed(w.text("buttonText")).unwrap_or_default();
    let title = title.ok_or_else(|| RecordError::Manual("it has no title".into()))?;
    let asin = match asin {
        None => None,
        Some(a) => Some(Asin::parse(&a).map_err(|e| RecordError::Manual(e.message()))?),
    };
    if let Some(r) = rating {
        if !(0.0..=5.0).contains(&r) {
            return Err(RecordError::Manual(
                "the rating must be between 0 and 5".into(),
            ));
        }
    }
    let image = match (image_url, image_width, image_height) {
        (None, _, _) => None,
        (Some(url), Some(width), Some(height)) if width > 0 && height > 0 => {
            Some(ManualImage { url, width, height })
        }
        (Some(_), _, _) => {
            return Err(RecordError::Manual(
                "an image needs its width and height in pixels".into(),
            ))
        }
    };
    let id = id
        .or_else(|| asin.as_ref().map(|a| a.as_str().to_owned()))
        .unwrap_or_else(|| title.clone());
    Ok(ManualProduct {
        id,
        title,
        asin,
        image,
        features,
        rating,
        reviews,
        prime,
        button_url,
        button_text,
    })
}

impl ManualProduct {
    /// Reads and validates the `manual` object of a record.
    pub(crate) fn from_value(value: &Json) -> Result<ManualProduct, RecordError> {
        read_object(value, "manual", read_manual).map_err(|e| RecordError::Manual(e.message()))?
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn reads_a_full_manual_product() {
        let m = ManualProduct::from_value(&json!({"title": " Kettle ", "asin": "b0shlfk001",
            "imageUrl": "https://example.com/k.jpg", "imageWidth": 400, "imageHeight": 300,
            "features": ["a", " "], "rating": 4.5, "buttonUrl": "https://shop.example/k",
            "buttonText": " Check it "}))
        .unwrap();
        assert_eq!(m.button_text, "Check it");
        assert_eq!(m.title, "Kettle");
        assert_eq!(m.id, "B0SHLFK001");
        assert_eq!(m.features, vec!["a".to_string()]);
        assert_eq!(m.image.unwrap().width, 400);
    }

    #[test]
    fn rejects_rating_out_of_range() {
        let e = ManualProduct::from_value(&json!({"title": "x", "rating": 5.5})).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the manual product was skipped: the rating must be between 0 and 5"
        );
    }

    #[test]
    fn rejects_image_without_dimensions_and_missing_title() {
        assert!(
            ManualProduct::from_value(&json!({"title": "x", "imageUrl": "https://e.x/i.png"}))
                .is_err()
        );
        assert!(ManualProduct::from_value(&json!({"title": "  "})).is_err());
    }

    #[test]
    fn has_no_price_field_to_fill() {
        // A hand-typed price is ignored: the model has nowhere to keep it.
        let m = ManualProduct::from_value(&json!({"title": "x", "price": "$1"})).unwrap();
        assert_eq!(m.id, "x");
    }
}
