//! What std's prelude gives, from `alloc`, so every module builds with and without std
//! (feature `lean` builds the crate `no_std`). Each module starts with `use crate::support::prelude::*;`.

pub(crate) use alloc::borrow::ToOwned;
pub(crate) use alloc::boxed::Box;
pub(crate) use alloc::string::String;
pub(crate) use alloc::vec;
pub(crate) use alloc::vec::Vec;
