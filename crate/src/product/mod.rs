//! Products: the model read from Creators API items, manual products, money and dates, the
//! Associates Program rules the renderers cannot switch off, and the disclosure.

pub(crate) mod compliance;
pub(crate) mod disclosure;
pub(crate) mod manual;
pub(crate) mod model;
pub(crate) mod money;
pub(crate) mod utc_time;
